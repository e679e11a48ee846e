"""``{% leader_overview %}``: the overview partial on a leader's home page, so the home
view needs no change of its own."""

from django import template
from django.utils import timezone

from lanhmanh.accounts.roles import Module, Role
from lanhmanh.accounts.scope import can, units_of

from ..charts import bars_svg
from ..selectors import overview, overview_unit
from ..tiles import map_settings

register = template.Library()


@register.inclusion_tag("overview/_home.html", takes_context=True)
def leader_overview(context):
    user = context["request"].user
    if not units_of(user, roles=[Role.LEADER]) or not can(user, Module.REPORTING):
        return {"ov": None}
    unit = overview_unit(user)
    return {
        "ov": overview(user, unit, today=timezone.localdate()),
        "map_settings": map_settings(),
        "request": context["request"],
    }


@register.simple_tag
def chart(trend):
    return bars_svg(trend.series, title=trend.indicator.name)


@register.filter
def bar_percent(progress) -> int:
    """How full a target's bar is: its figure against the target's level, 0–100."""
    target = progress.target
    base = target.value if target.value is not None else (target.low or target.high)
    if progress.units:
        return round(100 * (progress.reached or 0) / progress.units)
    if progress.figure is None or not base:
        return 0
    return max(0, min(100, round(100 * progress.figure / base)))
