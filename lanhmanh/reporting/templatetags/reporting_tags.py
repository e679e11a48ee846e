"""Figures, statuses and target progress in templates.

``{% target_progress target as progress %}`` gives a target's progress; the progress of
every target of the same plan is computed together on first use (one value query per
plan, not per target) and kept on the plan object for the rest of the page.
"""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.translation import gettext as _

from lanhmanh.indicators.registry import SMALL_LABEL
from lanhmanh.reporting.progress import Progress, targets_progress

register = template.Library()

_PROGRESS_CLASS = {
    "met": "text-bg-success",
    "on_track": "text-bg-primary",
    "at_risk": "text-bg-warning",
    "off_track": "text-bg-danger",
    "no_data": "text-bg-light border",
}
_STATUS_CLASS = {
    "draft": "text-bg-light border",
    "submitted": "text-bg-info",
    "returned": "text-bg-warning",
    "approved": "text-bg-success",
    "missing": "text-bg-danger",
    "late": "text-bg-warning",
    "on_time": "text-bg-info",
}


def vn_number(value, places: int = 1) -> str:
    """1234.5 → '1.234,5'; whole numbers without decimals."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", ".")
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    whole, _sep, fraction = f"{value:f}".partition(".")
    fraction = fraction.rstrip("0")
    whole = f"{int(whole):,}".replace(",", ".") if whole not in ("-0",) else "-0"
    return f"{whole},{fraction}" if fraction else whole


@register.filter
def number(value, places=1):
    return vn_number(value, int(places))


@register.filter
def figure(value):
    """A ``Value`` as shown: '1.234' for a count, '45,5%' for a ratio, '—' for no data."""
    if value is None or value.no_data:
        return "—"
    if value.small_count:
        return SMALL_LABEL
    if value.denominator is None:
        return vn_number(value.numerator)
    ratio = value.ratio
    return "—" if ratio is None else f"{vn_number(ratio)}%"


@register.filter
def fraction(value):
    """'12/30' for a ratio's parts, '' otherwise."""
    if value is None or value.no_data or value.denominator is None or value.small_count:
        return ""
    return f"{vn_number(value.numerator)}/{vn_number(value.denominator)}"


@register.filter
def progress_class(status) -> str:
    return _PROGRESS_CLASS.get(str(status), "text-bg-light border")


@register.filter
def status_class(status) -> str:
    return _STATUS_CLASS.get(str(status), "text-bg-light border")


@register.simple_tag
def target_progress(target, progress=None):
    """``target``'s progress (``progress`` when the view already computed it)."""
    if isinstance(progress, Progress):  # an unset variable comes as ''
        return progress
    plan = target.plan
    found = getattr(plan, "_lanhmanh_progress", None)
    if found is None or target.pk not in found:
        targets = list(plan.targets.select_related("indicator"))
        for t in targets:
            t.plan = plan
        if target.pk not in {t.pk for t in targets}:
            targets.append(target)
        found = {p.target.pk: p for p in targets_progress(targets)}
        plan._lanhmanh_progress = found
    return found[target.pk]


@register.filter
def target_level(target) -> str:
    """What a target asks, in short: '≥ 70%', '10–20', '≤ 5 lần/tháng'."""
    suffix = "%" if target.measure == "percent" else ""
    if target.comparator == "between":
        return f"{vn_number(target.low)}–{vn_number(target.high)}{suffix}"
    sign = {">=": "≥", "<=": "≤", "=": "="}.get(target.comparator, target.comparator)
    return f"{sign} {vn_number(target.value)}{suffix}"


@register.filter
def percent_of(part, whole):
    """The width of a progress bar: ``part`` of ``whole`` in percent, 0–100."""
    try:
        if not whole:
            return 0
        return max(0, min(100, int(Decimal(part) * 100 / Decimal(whole))))
    except (TypeError, ValueError, ArithmeticError):
        return 0


@register.simple_tag
def no_data_label():
    return _("Chưa có số liệu")
