"""The module's computed indicators, registered with the indicators registry.

Each computation is one aggregate query over the records under ``paths`` (unit path
prefixes) for the ``window`` (both ends included); no engine-specific SQL. Dates of
inspections are local dates: the window's days run from local midnight to midnight.
States 'at the window's end' come from the status histories, so a figure for a past
period does not change when an establishment closes or a hotspot comes back later.

The figures of inspections take a plan target's limits: ``team`` (an InspectionTeam id:
'the province's team 178 inspects 80–130 establishments' counts that team's inspections
only, not the communes' teams') and ``level`` (the level of the inspecting team's unit).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.lookups import Exact
from django.utils import timezone

from lanhmanh.indicators.registry import Value, Window, register

from .models import (
    Commitment,
    Establishment,
    EstablishmentStatus,
    EstablishmentStatusChange,
    Hotspot,
    HotspotPatrol,
    HotspotStatus,
    HotspotStatusChange,
    Inspection,
    InspectionKind,
    Sanction,
    Violation,
)
from .models.hotspots import ACTIVE_STATUSES


def under(lookup: str, paths: Sequence[str]) -> Q:
    """Rows whose ``lookup`` path starts with one of ``paths`` (none: no rows)."""
    q = Q(pk__in=[])
    for prefix in paths:
        q |= Q(**{f"{lookup}__startswith": prefix})
    return q


def moment(day: datetime.date) -> datetime.datetime:
    """Local midnight at the start of ``day``, as an aware datetime."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def during(lookup: str, window: Window) -> Q:
    """A datetime ``lookup`` on one of the window's local days."""
    end = window.end + datetime.timedelta(days=1)
    return Q(**{f"{lookup}__gte": moment(window.start), f"{lookup}__lt": moment(end)})


def before_end(lookup: str, window: Window) -> Q:
    return Q(**{f"{lookup}__lt": moment(window.end + datetime.timedelta(days=1))})


def status_at(day: datetime.date):
    """The establishment's status on ``day``: its last status change on or before it."""
    return Subquery(
        EstablishmentStatusChange.objects.filter(establishment=OuterRef("pk"), since__lte=day)
        .order_by("-since", "-pk")
        .values("status")[:1]
    )


def _count(value) -> Value:
    return Value(numerator=Decimal(value or 0))


INSPECTION_LIMITS = ("team", "level")


def by_team(prefix: str, team=None, level=None) -> Q:
    """Inspections (through ``prefix``: '' or 'inspection__') made by ``team``, or by the
    teams of units of ``level``; no condition when neither is given."""
    q = Q()
    if team:
        q &= Q(**{f"{prefix}team": team})
    if level:
        q &= Q(**{f"{prefix}team__unit__level": level})
    return q


def _establishment_counts(paths, window, team=None, level=None) -> dict:
    """At risk at the end, and inspected in the window (by ``team``, or teams of
    ``level``, when given), in one query."""
    inspected = Inspection.objects.filter(
        during("started_at", window), by_team("", team, level), establishment=OuterRef("pk")
    )
    # Both conditions are expressions inside the aggregates' filters rather than
    # annotations: an annotation used only by an aggregate makes Django wrap the query in
    # a subquery and drop (or break) the correlated parts.
    operating = Exact(status_at(window.end), EstablishmentStatus.OPERATING)
    return Establishment.objects.filter(under("unit__path", paths)).aggregate(
        at_risk=Count("pk", filter=operating),
        inspected=Count("pk", filter=Exists(inspected)),
    )


@register("establishments_at_risk")
def establishments_at_risk(*, paths, window, disaggregation=None) -> Value:
    """Establishments of the register operating at the window's end."""
    return _count(_establishment_counts(paths, window)["at_risk"])


@register("establishments_inspected", params=INSPECTION_LIMITS)
def establishments_inspected(*, paths, window, disaggregation=None, team=None, level=None):
    """Distinct establishments with at least one inspection in the window."""
    return _count(
        _inspections(paths, window, team, level).aggregate(n=Count("establishment", distinct=True))[
            "n"
        ]
    )


@register("establishments_inspected_share", params=INSPECTION_LIMITS)
def establishments_inspected_share(
    *, paths, window, disaggregation=None, team=None, level=None
) -> Value:
    """Establishments inspected in the window, of those at risk at its end."""
    counts = _establishment_counts(paths, window, team, level)
    return Value(numerator=Decimal(counts["inspected"]), denominator=Decimal(counts["at_risk"]))


def _inspections(paths, window, team=None, level=None):
    return Inspection.objects.filter(
        under("establishment__unit__path", paths),
        during("started_at", window),
        by_team("", team, level),
    )


@register("inspections", params=INSPECTION_LIMITS)
def inspections(*, paths, window, disaggregation=None, team=None, level=None) -> Value:
    """Inspections (lượt) in the window."""
    return _count(_inspections(paths, window, team, level).aggregate(n=Count("pk"))["n"])


@register("inspections_unannounced", params=INSPECTION_LIMITS)
def inspections_unannounced(*, paths, window, disaggregation=None, team=None, level=None):
    return _count(
        _inspections(paths, window, team, level)
        .filter(kind=InspectionKind.UNANNOUNCED)
        .aggregate(n=Count("pk"))["n"]
    )


def _violations(paths, window, team=None, level=None):
    return Violation.objects.filter(
        under("inspection__establishment__unit__path", paths),
        during("inspection__started_at", window),
        by_team("inspection__", team, level),
    )


@register("violations", params=INSPECTION_LIMITS)
def violations(*, paths, window, disaggregation=None, team=None, level=None) -> Value:
    """Violations recorded by inspections in the window."""
    return _count(_violations(paths, window, team, level).aggregate(n=Count("pk"))["n"])


@register("fines_vnd", params=INSPECTION_LIMITS)
def fines_vnd(*, paths, window, disaggregation=None, team=None, level=None) -> Value:
    """Fines imposed (VND) by inspections in the window."""
    return _count(
        _violations(paths, window, team, level)
        .filter(sanction=Sanction.FINE)
        .aggregate(s=Sum("fine_vnd"))["s"]
    )


@register("establishments_committed")
def establishments_committed(*, paths, window, disaggregation=None) -> Value:
    """Establishments operating at the window's end with a commitment valid that day."""
    end = window.end
    valid = Commitment.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=end),
        establishment=OuterRef("pk"),
        signed_on__lte=end,
    )
    return _count(
        Establishment.objects.filter(under("unit__path", paths))
        .annotate(status_then=status_at(end), committed=Exists(valid))
        .filter(status_then=EstablishmentStatus.OPERATING, committed=True)
        .aggregate(n=Count("pk"))["n"]
    )


@register("followups_overdue")
def followups_overdue(*, paths, window, disaggregation=None) -> Value:
    """Inspections whose follow-up was due before the window's end and had not been made
    by then."""
    done = Inspection.objects.filter(before_end("started_at", window), follow_up_of=OuterRef("pk"))
    return _count(
        Inspection.objects.filter(
            under("establishment__unit__path", paths),
            before_end("started_at", window),
            follow_up_due__lt=window.end,
        )
        .filter(~Exists(done))
        .aggregate(n=Count("pk"))["n"]
    )


def hotspot_status_at(day: datetime.date):
    return Subquery(
        HotspotStatusChange.objects.filter(hotspot=OuterRef("pk"), on__lte=day)
        .order_by("-on", "-pk")
        .values("status")[:1]
    )


@register("hotspots_active")
def hotspots_active(*, paths, window, disaggregation=None) -> Value:
    """Hotspots active (or active again) at the window's end."""
    return _count(
        Hotspot.objects.filter(under("unit__path", paths))
        .annotate(status_then=hotspot_status_at(window.end))
        .filter(status_then__in=ACTIVE_STATUSES)
        .aggregate(n=Count("pk"))["n"]
    )


def _hotspots_turned(paths, window, status) -> Value:
    return _count(
        HotspotStatusChange.objects.filter(
            under("hotspot__unit__path", paths),
            status=status,
            on__gte=window.start,
            on__lte=window.end,
        ).aggregate(n=Count("hotspot", distinct=True))["n"]
    )


@register("hotspots_eliminated")
def hotspots_eliminated(*, paths, window, disaggregation=None) -> Value:
    """Hotspots broken up in the window."""
    return _hotspots_turned(paths, window, HotspotStatus.ELIMINATED)


@register("hotspots_reactivated")
def hotspots_reactivated(*, paths, window, disaggregation=None) -> Value:
    """Hotspots that came back in the window."""
    return _hotspots_turned(paths, window, HotspotStatus.REACTIVATED)


@register("hotspot_patrols")
def hotspot_patrols(*, paths, window, disaggregation=None) -> Value:
    """Patrol visits to hotspots in the window (a hotspot counts at its own commune)."""
    return _count(
        HotspotPatrol.objects.filter(
            under("hotspot__unit__path", paths), on__gte=window.start, on__lte=window.end
        ).count()
    )
