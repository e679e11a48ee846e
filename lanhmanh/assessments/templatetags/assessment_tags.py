from django import template

register = template.Library()


@register.filter
def points(value):
    """12.5 → '12,5'; 20.0 → '20'; None → '—'."""
    if value is None or value == "":
        return "—"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
