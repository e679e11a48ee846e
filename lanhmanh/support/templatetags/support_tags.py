from django import template

from ..access import small as _small

register = template.Library()


@register.filter
def small(count):
    """A count as shown outside the case workers: 1 to 4 become '<5'."""
    return _small(count)
