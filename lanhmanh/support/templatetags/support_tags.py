from django import template

from ..access import small as _small

register = template.Library()


@register.filter
def small(count):
    """A count as shown outside the case workers: 1 to 4 become '<5'."""
    return _small(count)


@register.filter
def vnd(amount):
    """An amount in đồng as Vietnamese write it: 1.500.000 ('' for none)."""
    from lanhmanh.reporting.templatetags.reporting_tags import vn_number

    return "" if amount is None else vn_number(amount)
