"""Reads of the module, always through the user's scope."""

import datetime

from django.db.models import Exists, Max, OuterRef, Prefetch
from django.utils import timezone

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, get_visible_or_404
from lanhmanh.geography.models import AdministrativeUnit, Level, UnitChange
from lanhmanh.organizations.models import InspectionTeam

from .indicators import moment
from .models import (
    Establishment,
    Hotspot,
    Inspection,
    InspectionPlan,
    Violation,
)


def year_start(year: int) -> datetime.datetime:
    return moment(datetime.date(year, 1, 1))


def establishment_list(
    user,
    *,
    query: str = "",
    business_type: str = "",
    unit: AdministrativeUnit | None = None,
    status: str = "",
    risk_level: str = "",
    not_inspected_in: int | None = None,
):
    establishments = (
        Establishment.objects.visible_to(user)
        .select_related("unit", "business_type")
        .annotate(last_inspected=Max("inspections__started_at"))
    )
    if query:
        establishments = establishments.search(query)
    if business_type:
        establishments = establishments.filter(business_type__code=business_type)
    if unit is not None:
        establishments = establishments.within(unit)
    if status:
        establishments = establishments.filter(status=status)
    if risk_level:
        establishments = establishments.filter(risk_level=risk_level)
    if not_inspected_in:
        this_year = Inspection.objects.filter(
            establishment=OuterRef("pk"),
            started_at__gte=year_start(not_inspected_in),
            started_at__lt=year_start(not_inspected_in + 1),
        )
        establishments = establishments.filter(~Exists(this_year))
    return establishments.order_by("unit__path", "name", "pk")


def establishment_for_page(user, pk):
    return get_visible_or_404(
        Establishment.objects.select_related("unit", "unit__parent", "business_type"),
        user,
        pk=pk,
    )


def inspections_of(establishment):
    return (
        establishment.inspections.select_related("team")
        .prefetch_related(
            Prefetch("violations", queryset=Violation.objects.select_related("violation_type"))
        )
        .order_by("-started_at")
    )


def inspection_for_page(user, pk):
    return get_visible_or_404(
        Inspection.objects.select_related(
            "establishment",
            "establishment__unit",
            "establishment__business_type",
            "team",
            "plan",
            "follow_up_of",
            "checklist_version",
        ).prefetch_related(
            "members_present__agency",
            "checks__item",
            Prefetch("violations", queryset=Violation.objects.select_related("violation_type")),
            "follow_ups",
        ),
        user,
        pk=pk,
    )


def inspection_list(user, *, kind: str = "", year: int | None = None):
    inspections = Inspection.objects.visible_to(user).select_related(
        "establishment", "establishment__unit", "team"
    )
    if kind:
        inspections = inspections.filter(kind=kind)
    if year:
        inspections = inspections.filter(
            started_at__gte=year_start(year), started_at__lt=year_start(year + 1)
        )
    return inspections.order_by("-started_at", "-pk")


def followups_overdue(user, *, on: datetime.date | None = None):
    """Inspections whose follow-up is past due and not made."""
    on = on or timezone.localdate()
    return (
        Inspection.objects.visible_to(user)
        .filter(follow_up_due__lt=on, follow_ups__isnull=True)
        .select_related("establishment", "establishment__unit", "team")
        .order_by("follow_up_due", "pk")
    )


def teams_for(user, establishment):
    """Teams 178 in the user's scope whose area covers the establishment."""

    def above(path):
        parts = path.strip("/").split("/")
        return {"/".join(parts[:i]) + "/" for i in range(2, len(parts) + 1)}

    paths = above(establishment.unit.path)
    if not establishment.unit.is_current:
        # An establishment of a 2004-code commune: the teams of the units it became too.
        paths |= {
            p
            for successor in UnitChange.objects.filter(predecessor__path__in=paths).values_list(
                "successor__path", flat=True
            )
            for p in above(successor)
        }
    return (
        InspectionTeam.objects.visible_to(user)
        .filter(unit__path__in=paths, dissolved_on__isnull=True)
        .select_related("unit")
        .order_by("-unit__path")
    )


def plan_list(user):
    return (
        InspectionPlan.objects.visible_to(user)
        .select_related("team", "team__unit")
        .order_by("-period_start", "pk")
    )


def plan_for_page(user, pk):
    return get_visible_or_404(
        InspectionPlan.objects.select_related("team", "team__unit"), user, pk=pk
    )


def hotspot_list(user, *, status: str = "", unit=None):
    hotspots = Hotspot.objects.visible_to(user).select_related("unit")
    if status:
        hotspots = hotspots.filter(status=status)
    if unit is not None:
        hotspots = hotspots.within(unit)
    return hotspots.order_by("unit__path", "name")


def hotspot_writable_communes(user):
    """Current communes where the user records hotspots: through team 178's module or the
    police's (enforcement)."""
    units = AdministrativeUnit.objects.none()
    for module in (Module.INSPECTIONS, Module.ENFORCEMENT):
        units |= AdministrativeUnit.objects.visible_to(user, module=module, action=WRITE)
    return units.current().filter(level=Level.COMMUNE).select_related("parent").order_by("path")


def hotspot_history(hotspot) -> list[tuple]:
    """Status changes and patrol visits of ``hotspot``, newest first: (date, change or
    None, patrol or None). Two queries."""
    rows = [(c.on, 1, c.pk, c, None) for c in hotspot.changes.select_related("agency")]
    rows += [(p.on, 0, p.pk, None, p) for p in hotspot.patrols.select_related("agency")]
    return [(on, change, patrol) for on, _, _, change, patrol in sorted(rows, reverse=True)]


def writable_communes(user, past: bool = False):
    """Current communes where the user writes inspections: where new records may go;
    with ``past``, the communes of before the 2025 reform in the scope too (records of
    those years are entered on the units of their date)."""
    units = AdministrativeUnit.objects.visible_to(user, module=Module.INSPECTIONS, action=WRITE)
    return (
        (units if past else units.current())
        .filter(level=Level.COMMUNE)
        .select_related("parent")
        .order_by("path")
    )


def writable_units(user):
    """Current units (any level) where the user writes inspections, for imports."""
    return (
        AdministrativeUnit.objects.visible_to(user, module=Module.INSPECTIONS, action=WRITE)
        .current()
        .exclude(level=Level.DISTRICT)
        .order_by("level", "path")
    )
