from django import template

from ..services.common import vnd as vnd_text

register = template.Library()


@register.filter
def vnd(amount):
    """7500000 → '7.500.000', whatever the thousand-separator setting of the site."""
    if amount in (None, ""):
        return ""
    return vnd_text(int(amount))
