"""The module's computed indicators: healthy communes from approved assessments.

A commune's class at a date is that of its latest assessment approved on or before it.
``assessed_healthy_communes`` counts the communes under ``paths`` whose class at the
window's end is a healthy one (its share: of the communes existing then); ``…_new`` and
``…_lost`` count the assessments approved inside the window that gained or lost the
recognition against the commune's approved assessment of the year before (no assessment
the year before counts as not recognised). ``kind`` (a parameter) picks the framework kind:
prostitution by default, or drugs.

Each computation reads the approved assessments in one query and the communes in one
more: the number of queries does not grow with the communes.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q

from lanhmanh.core.scoping import prefix_q
from lanhmanh.geography.models import AdministrativeUnit, Level
from lanhmanh.indicators.registry import Value, Window, register

from .models import Assessment, FrameworkKind, Status

PARAMS = ("kind",)


def _approved(paths, until, kind):
    """{unit id: {year: (approved_on, healthy)}} of approved assessments up to ``until``."""
    rows = (
        Assessment.objects.filter(
            prefix_q(list(paths), "unit__path"),
            kind=kind or FrameworkKind.PROSTITUTION,
            status=Status.APPROVED,
            approved_on__lte=until,
        )
        .order_by()
        .values_list("unit_id", "year", "approved_on", "result_class__healthy")
    )
    found: dict[int, dict[int, tuple]] = {}
    for unit_id, year, approved_on, healthy in rows:
        found.setdefault(unit_id, {})[year] = (approved_on, bool(healthy))
    return found


def healthy_units(paths, window: Window, kind=None) -> set[int]:
    found = _approved(paths, window.end, kind)
    return {unit for unit, years in found.items() if years[max(years)][1]}


def _changed(paths, window: Window, kind, *, gained: bool) -> int:
    found = _approved(paths, window.end, kind)
    n = 0
    for years in found.values():
        for year, (approved_on, healthy) in years.items():
            if approved_on < window.start or healthy != gained:
                continue
            before = years.get(year - 1, (None, False))[1]
            if before != gained:
                n += 1
    return n


@register("assessed_healthy_communes", params=PARAMS)
def healthy_communes(*, paths, window, disaggregation=None, kind=None) -> Value:
    return Value(numerator=Decimal(len(healthy_units(paths, window, kind))))


@register("assessed_healthy_communes_share", params=PARAMS)
def healthy_communes_share(*, paths, window, disaggregation=None, kind=None) -> Value:
    existing = (Q(valid_from__isnull=True) | Q(valid_from__lte=window.end)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=window.end)
    )
    communes = set(
        AdministrativeUnit.objects.filter(
            prefix_q(list(paths), "path"), existing, level=Level.COMMUNE
        ).values_list("pk", flat=True)
    )
    healthy = healthy_units(paths, window, kind) & communes
    return Value(numerator=Decimal(len(healthy)), denominator=Decimal(len(communes)))


@register("assessed_healthy_communes_new", params=PARAMS)
def healthy_communes_new(*, paths, window, disaggregation=None, kind=None) -> Value:
    return Value(numerator=Decimal(_changed(paths, window, kind, gained=True)))


@register("assessed_healthy_communes_lost", params=PARAMS)
def healthy_communes_lost(*, paths, window, disaggregation=None, kind=None) -> Value:
    return Value(numerator=Decimal(_changed(paths, window, kind, gained=False)))
