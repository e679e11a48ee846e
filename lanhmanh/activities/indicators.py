"""The module's computed indicators, registered with the indicators registry.

Each computation is one aggregate query over the activities under ``paths`` (unit path
prefixes) that start inside the ``window`` (both ends included). An activity counts once,
in the window of its first day, so a three-day campaign is one activity, not three.

Parameters narrow what is counted, as a plan's target says it: ``agency`` (the organising
agency's id: 'the culture department broadcasts at least twice a month'), ``level`` (the
level of the unit where it took place: 'province', 'district' or 'commune'), ``kind`` (an
activity kind's code), ``group`` (awareness, training or meeting).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, Q, Sum

from lanhmanh.core.scoping import prefix_q
from lanhmanh.geography.models import AdministrativeUnit, Level
from lanhmanh.indicators.registry import Value, Window, register

from .models import Activity, ActivityGroup, ActivityMaterial

# What a target or an indicator row may narrow a count by (see the module docstring).
PARAMS = ("agency", "level", "kind", "group")

# A figure broken down by sex or age comes from the matching participant column.
PARTICIPANT_COLUMNS = {
    "sex:male": "participants_male",
    "sex:female": "participants_female",
    "age_group:under_16": "participants_under_16",
    "age_group:16_17": "participants_16_17",
    "age_group:18_29": "participants_18_29",
    "age_group:30_plus": "participants_30_plus",
}


def _under(paths: Sequence[str], lookup: str = "unit__path") -> Q:
    return prefix_q(list(paths), lookup)


def activities_in(paths: Sequence[str], window: Window, **params):
    """The activities a computation counts: under ``paths``, starting in ``window``,
    narrowed by the parameters a target gives."""
    rows = Activity.objects.filter(
        _under(paths), start_date__gte=window.start, start_date__lte=window.end
    )
    if params.get("group"):
        rows = rows.filter(kind__group=params["group"])
    if params.get("kind"):
        rows = rows.filter(kind__code=params["kind"])
    if params.get("agency"):
        rows = rows.filter(
            Q(organiser_id=params["agency"]) | Q(co_organisers__id=params["agency"])
        ).distinct()
    if params.get("level"):
        rows = rows.filter(unit__level=params["level"])
    return rows


def _count(rows) -> Value:
    return Value(numerator=Decimal(rows.count()))


def _participants(rows, disaggregation: str | None) -> Value:
    column = PARTICIPANT_COLUMNS.get(disaggregation or "", "participants")
    if disaggregation and disaggregation not in PARTICIPANT_COLUMNS:
        return Value(numerator=Decimal(0))
    total = rows.aggregate(n=Sum(column))["n"]
    return Value(numerator=Decimal(total or 0))


@register("activities_awareness_held", params=PARAMS)
def awareness_held(*, paths, window, disaggregation=None, **params) -> Value:
    return _count(activities_in(paths, window, group=ActivityGroup.AWARENESS, **params))


@register("activities_awareness_reached", params=PARAMS)
def awareness_reached(*, paths, window, disaggregation=None, **params) -> Value:
    rows = activities_in(paths, window, group=ActivityGroup.AWARENESS, **params)
    return _participants(rows, disaggregation)


@register("activities_trainings_held", params=PARAMS)
def trainings_held(*, paths, window, disaggregation=None, **params) -> Value:
    return _count(activities_in(paths, window, group=ActivityGroup.TRAINING, **params))


@register("activities_trainees", params=PARAMS)
def trainees(*, paths, window, disaggregation=None, **params) -> Value:
    rows = activities_in(paths, window, group=ActivityGroup.TRAINING, **params)
    return _participants(rows, disaggregation)


@register("activities_meetings_held", params=PARAMS)
def meetings_held(*, paths, window, disaggregation=None, **params) -> Value:
    return _count(activities_in(paths, window, group=ActivityGroup.MEETING, **params))


@register("activities_materials", params=(*PARAMS, "material"))
def materials(*, paths, window, disaggregation=None, material=None, **params) -> Value:
    rows = ActivityMaterial.objects.filter(
        activity__in=activities_in(paths, window, **params).values("pk")
    )
    if material:
        rows = rows.filter(kind__code=material)
    return Value(numerator=Decimal(rows.aggregate(n=Sum("count"))["n"] or 0))


@register("activities_spending", params=PARAMS)
def spending(*, paths, window, disaggregation=None, **params) -> Value:
    total = activities_in(paths, window, **params).aggregate(n=Sum("cost"))["n"]
    return Value(numerator=Decimal(total or 0))


@register("communes_with_awareness_activity", params=("agency", "kind"))
def communes_reached(*, paths, window, disaggregation=None, **params) -> Value:
    """Communes under ``paths`` with at least one awareness activity held in them in the
    window, of the communes that existed at the window's end: a count and a share."""
    params.pop("level", None)
    existing = (Q(valid_from__isnull=True) | Q(valid_from__lte=window.end)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=window.end)
    )
    communes = AdministrativeUnit.objects.filter(
        _under(paths, "path"), existing, level=Level.COMMUNE
    )
    # The same conditions on the activity's own unit: one join, no subquery.
    on_unit = (Q(unit__valid_from__isnull=True) | Q(unit__valid_from__lte=window.end)) & (
        Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=window.end)
    )
    held = (
        activities_in(paths, window, group=ActivityGroup.AWARENESS, **params)
        .filter(on_unit, unit__level=Level.COMMUNE)
        .aggregate(n=Count("unit", distinct=True))["n"]
    )
    return Value(numerator=Decimal(held or 0), denominator=Decimal(communes.count()))
