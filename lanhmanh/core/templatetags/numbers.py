"""Numbers as Vietnamese documents write them, whatever the site's separator settings."""

from django import template

register = template.Library()


@register.filter
def vn_number(value):
    """1200000 → '1.200.000'; None or '' → ''."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}".replace(",", ".")
