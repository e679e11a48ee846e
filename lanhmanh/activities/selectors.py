"""Reads of the module, always through the user's scope."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Q, Sum

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, get_visible_or_404
from lanhmanh.core.scoping import within
from lanhmanh.geography.models import AdministrativeUnit, Level

from .models import Activity, ActivityKind, BudgetLine


@dataclass(frozen=True)
class Filters:
    start: datetime.date | None = None
    end: datetime.date | None = None
    unit: AdministrativeUnit | None = None
    agency_id: int | None = None
    kind: str = ""
    topic: str = ""
    task_id: int | None = None


TOPIC_FIELDS = {
    "prostitution": "on_prostitution",
    "drugs": "on_drugs",
    "trafficking": "on_trafficking",
}


def activity_list(user, filters: Filters = Filters()):
    rows = Activity.objects.visible_to(user).select_related(
        "kind", "unit", "unit__parent", "organiser"
    )
    if filters.start:
        rows = rows.filter(end_date__gte=filters.start)
    if filters.end:
        rows = rows.filter(start_date__lte=filters.end)
    if filters.unit is not None:
        rows = rows.filter(within(filters.unit))
    if filters.agency_id:
        rows = rows.filter(
            Q(organiser_id=filters.agency_id) | Q(co_organisers__id=filters.agency_id)
        ).distinct()
    if filters.kind:
        rows = rows.filter(kind__code=filters.kind)
    if filters.topic in TOPIC_FIELDS:
        rows = rows.filter(**{TOPIC_FIELDS[filters.topic]: True})
    if filters.task_id:
        rows = rows.filter(task_id=filters.task_id)
    return rows.order_by("-start_date", "-pk")


def activity_totals(rows) -> dict:
    """Count, participants and spending of a filtered list, in one query."""
    totals = rows.order_by().aggregate(participants=Sum("participants"), cost=Sum("cost"))
    return {
        "count": rows.count(),
        "participants": totals["participants"] or 0,
        "cost": totals["cost"] or 0,
    }


def activity_detail(user, pk) -> Activity:
    queryset = Activity.objects.select_related(
        "kind", "unit", "unit__parent", "organiser", "task", "task__plan", "budget_line"
    ).prefetch_related("co_organisers", "audiences", "materials__kind", "attachments")
    return get_visible_or_404(queryset, user, pk=pk)


def month_calendar(user, year: int, month: int, filters: Filters = Filters()):
    """Weeks of the month, each a list of (day or None, activities held that day)."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    rows = list(activity_list(user, Filters(**{**filters.__dict__, "start": first, "end": last})))
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                (day if day.month == month else None, [a for a in rows if a.covers(day)])
                for day in week
            ]
        )
    return weeks, len(rows)


def writable_units(user):
    """Units a user may record an activity in: the current provinces and communes of
    their scope (a province's agencies hold activities too)."""
    return (
        AdministrativeUnit.objects.visible_to(user, module=Module.ACTIVITIES, action=WRITE)
        .current()
        .filter(level__in=[Level.PROVINCE, Level.COMMUNE])
        .select_related("parent")
        .order_by("path")
    )


def kinds():
    return ActivityKind.objects.filter(is_active=True)


def budget_with_spending(plan):
    """The plan's budget lines with what the activities recorded against each spent."""
    return BudgetLine.objects.filter(plan=plan).annotate(spent=Sum("activities__cost"))
