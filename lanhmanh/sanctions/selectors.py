"""Reads of the register, always through the user's scope."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, get_visible_or_404
from lanhmanh.core.scoping import within
from lanhmanh.geography.models import AdministrativeUnit, Level
from lanhmanh.inspections.models import ViolationType
from lanhmanh.organizations.models import Agency

from .models import HANDLED, Enforcement, Outcome, SanctionDecision

OVERDUE = "overdue"  # the status filter of the to-do: fines unpaid past their due date


@dataclass(frozen=True)
class Filters:
    start: datetime.date | None = None
    end: datetime.date | None = None
    unit: AdministrativeUnit | None = None
    role: str = ""
    violation_type_id: int | None = None
    status: str = ""  # an Outcome, an Enforcement or OVERDUE
    today: datetime.date | None = None


def decision_list(user, filters: Filters = Filters()):
    rows = SanctionDecision.objects.visible_to(user, module=Module.ENFORCEMENT).select_related(
        "unit", "unit__parent", "violation_type", "issuing_agency"
    )
    if filters.start:
        rows = rows.filter(act_date__gte=filters.start)
    if filters.end:
        rows = rows.filter(act_date__lte=filters.end)
    if filters.unit is not None:
        rows = rows.filter(within(filters.unit))
    if filters.role:
        rows = rows.filter(role=filters.role)
    if filters.violation_type_id:
        rows = rows.filter(violation_type_id=filters.violation_type_id)
    if filters.status == OVERDUE:
        rows = rows.unpaid_overdue(filters.today or timezone.localdate())
    elif filters.status in Outcome.values:
        rows = rows.filter(outcome=filters.status)
    elif filters.status in Enforcement.values:
        rows = rows.filter(enforcement=filters.status)
    return rows.order_by("-act_date", "-pk")


def decision_totals(rows) -> dict:
    """Decisions, persons, organisations, fines imposed and collected of a filtered list,
    in one query."""
    totals = rows.order_by().aggregate(
        count=Count("pk"),
        persons=Count("pk", filter=Q(offender_kind="person")),
        organisations=Count("pk", filter=Q(offender_kind="organisation")),
        handled=Count("pk", filter=Q(outcome__in=HANDLED)),
        imposed=Sum("fine_vnd", filter=Q(outcome=Outcome.FINE)),
        collected=Sum("paid_vnd", filter=Q(outcome=Outcome.FINE)),
    )
    return {k: v or 0 for k, v in totals.items()}


def decision_detail(user, pk) -> SanctionDecision:
    queryset = SanctionDecision.objects.select_related(
        "unit",
        "unit__parent",
        "violation_type",
        "issuing_agency",
        "establishment",
        "inspection",
        "inspection__establishment",
        "tip",
    )
    return get_visible_or_404(queryset, user, module=Module.ENFORCEMENT, pk=pk)


def writable_units(user):
    """Where a user may record a decision: the current provinces and communes of their
    scope, and the communes before 2025 for older acts."""
    return (
        AdministrativeUnit.objects.visible_to(user, module=Module.ENFORCEMENT, action=WRITE)
        .filter(level__in=[Level.PROVINCE, Level.DISTRICT, Level.COMMUNE])
        .select_related("parent")
        # Today's units first, then those that ended (for acts before the 2025 reform).
        .order_by(F("valid_to").asc(nulls_first=True), "path")
    )


def filter_units(user):
    """Today's provinces and communes of the user's scope, for the list's filter."""
    return (
        AdministrativeUnit.objects.visible_to(user, module=Module.ENFORCEMENT)
        .current()
        .filter(level__in=[Level.PROVINCE, Level.COMMUNE])
        .order_by("path")
    )


def issuing_agencies(user):
    return (
        Agency.objects.visible_to(user, module=Module.ENFORCEMENT)
        .filter(is_active=True)
        .select_related("unit")
    )


def person_violation_types():
    """Catalogue rows in the order the form lists them: newest decree first."""
    return ViolationType.objects.order_by("-valid_from", "order")


def catalogue():
    """Every row of the catalogue, by decree, newest first."""
    return ViolationType.objects.order_by(
        F("valid_from").desc(nulls_last=True), "decree", "order"
    ).annotate(decisions=Count("sanctiondecision"))
