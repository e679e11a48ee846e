"""The module's computed indicators, registered with the indicators registry.

Each computation is one aggregate query over the cases under ``paths`` (unit path
prefixes). A case counts in a stage's figure in the window holding that stage's date: a
case instituted in March and tried in October is one case instituted in the first
quarter and one tried in the fourth. Defendants are counted when the case is instituted,
victims and rings when it is reported (when they were rescued and broken up).

Parameters narrow what is counted: ``topic`` (prostitution or trafficking, from the
articles), ``level`` (the level of the case's unit).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, Q, Sum

from lanhmanh.core.scoping import prefix_q
from lanhmanh.indicators.registry import Value, Window, register

from .models import AGE_BANDS, STAGE_DATE, CriminalCase, Stage

PARAMS = ("topic", "level")
DEFENDANT_COLUMNS = {
    "sex:male": "defendants_male",
    "sex:female": "defendants_female",
    **{f"age_group:{band}": f"defendants_{band}" for band in AGE_BANDS},
}


def cases_in(paths: Sequence[str], window: Window, date_field: str, **params):
    rows = CriminalCase.objects.filter(
        prefix_q(list(paths), "unit__path"),
        **{f"{date_field}__gte": window.start, f"{date_field}__lte": window.end},
    )
    if params.get("topic"):
        # A subquery keeps one row per case whatever the number of articles.
        rows = rows.filter(
            pk__in=CriminalCase.objects.filter(articles__topic=params["topic"]).values("pk")
        )
    if params.get("level"):
        rows = rows.filter(unit__level=params["level"])
    return rows


def _stage_count(stage: Stage):
    def compute(*, paths, window, disaggregation=None, **params) -> Value:
        if disaggregation:
            return Value(numerator=Decimal(0))
        rows = cases_in(paths, window, STAGE_DATE[stage], **params)
        return Value(numerator=Decimal(rows.count()))

    return compute


for _stage in Stage:
    register(f"cases_{_stage.value}", params=PARAMS)(_stage_count(_stage))


@register("cases_mobile_trials", params=PARAMS)
def mobile_trials(*, paths, window, disaggregation=None, **params) -> Value:
    rows = cases_in(paths, window, STAGE_DATE[Stage.TRIED], **params)
    return Value(numerator=Decimal(rows.filter(mobile_trial=True).count()))


@register("cases_defendants", params=PARAMS)
def defendants(*, paths, window, disaggregation=None, **params) -> Value:
    """Defendants of the cases instituted in the window, by sex or age band."""
    rows = cases_in(paths, window, STAGE_DATE[Stage.INSTITUTED], **params)
    if disaggregation:
        column = DEFENDANT_COLUMNS.get(disaggregation)
        if column is None:
            return Value(numerator=Decimal(0))
        total = rows.aggregate(n=Sum(column, default=0))["n"]
    else:
        found = rows.aggregate(
            m=Sum("defendants_male", default=0), f=Sum("defendants_female", default=0)
        )
        total = found["m"] + found["f"]
    return Value(numerator=Decimal(total))


def _victims(paths, window, column, disaggregation, params) -> Value:
    if disaggregation:
        return Value(numerator=Decimal(0))
    rows = cases_in(paths, window, STAGE_DATE[Stage.REPORTED], **params)
    return Value(numerator=Decimal(rows.aggregate(n=Sum(column, default=0))["n"]))


@register("cases_victims_rescued", params=PARAMS)
def victims_rescued(*, paths, window, disaggregation=None, **params) -> Value:
    """Victims rescued in the cases reported in the window."""
    return _victims(paths, window, "victims", disaggregation, params)


@register("cases_child_victims_rescued", params=PARAMS)
def child_victims_rescued(*, paths, window, disaggregation=None, **params) -> Value:
    """Of them, children (under 18)."""
    return _victims(paths, window, "victims_children", disaggregation, params)


@register("cases_rings_broken", params=PARAMS)
def rings_broken(*, paths, window, disaggregation=None, **params) -> Value:
    rows = cases_in(paths, window, STAGE_DATE[Stage.REPORTED], **params)
    return Value(numerator=Decimal(rows.aggregate(n=Count("pk", filter=Q(ring_broken=True)))["n"]))
