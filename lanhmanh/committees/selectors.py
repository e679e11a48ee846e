"""Reads of the module, each through the door (``visible_to``)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, get_visible_or_404, scope_q
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.organizations.models import Agency, InspectionTeam
from lanhmanh.plans.models import Plan, TaskUpdate

from .models import (
    Commendation,
    CommitteeMember,
    Decision,
    Meeting,
    MeetingAttachment,
    MeetingKind,
    Recommendation,
    SupervisionVisit,
)

MODULE = Module.COMMITTEE


def members_of(unit):
    return (
        CommitteeMember.objects.filter(unit=unit)
        .select_related("agency")
        .prefetch_related("follows")
        .order_by("committee_role", "full_name")
    )


def member_changes(members) -> list[tuple]:
    """(date, joined?, member) of every change of the committee, newest first."""
    rows = [(m.joined_on, True, m) for m in members]
    rows += [(m.left_on, False, m) for m in members if m.left_on]
    return sorted(rows, key=lambda row: (row[0], row[1]), reverse=True)


def member(user, pk):
    return get_visible_or_404(CommitteeMember.objects.select_related("unit"), user, pk=pk)


def agencies_at(unit):
    return Agency.objects.filter(unit=unit, is_active=True).order_by("name")


def units_below(unit):
    return AdministrativeUnit.objects.within(unit).exclude(pk=unit.pk).order_by("path")


def meetings(user, *, unit=None, kind=""):
    rows = Meeting.objects.visible_to(user).select_related("unit")
    if unit is not None:
        rows = rows.within(unit)
    if kind in MeetingKind.values:
        rows = rows.filter(kind=kind)
    return rows.annotate(
        decision_count=Count("decisions", distinct=True),
        task_count=Count("decisions__task", distinct=True),
    ).order_by("-held_on", "-pk")


def meeting(user, pk):
    decisions = Decision.objects.select_related("lead", "task", "task__plan").prefetch_related(
        Prefetch("task__updates", queryset=TaskUpdate.objects.order_by("-written_on", "-id"))
    )
    return get_visible_or_404(
        Meeting.objects.select_related("unit").prefetch_related(
            "attendees", "attachments", Prefetch("decisions", queryset=decisions)
        ),
        user,
        pk=pk,
    )


def attachment(user, pk):
    return get_visible_or_404(
        MeetingAttachment.objects.select_related("meeting__unit"), user, pk=pk
    )


def decision(user, pk):
    return get_visible_or_404(
        Decision.objects.select_related("meeting", "meeting__unit", "lead", "task"), user, pk=pk
    )


def plans_for_tasks(user, unit):
    """The plans of ``unit`` the user may add tasks to, the newest first."""
    return (
        Plan.objects.visible_to(user, module=Module.PLANS, action=WRITE)
        .filter(unit=unit)
        .order_by("-year_from", "-pk")
    )


def visits(user, *, unit=None):
    rows = SupervisionVisit.objects.visible_to(user).select_related("unit", "supervised_unit")
    if unit is not None:
        rows = rows.filter(Q(unit=unit) | Q(supervised_unit=unit))
    return rows.annotate(
        recommendation_count=Count("recommendations", distinct=True),
        open_count=Count("recommendations", filter=Q(recommendations__done=False), distinct=True),
    ).order_by("-visited_on", "-pk")


def visit(user, pk):
    return get_visible_or_404(
        SupervisionVisit.objects.select_related("unit", "supervised_unit").prefetch_related(
            "members", "recommendations__answered_by"
        ),
        user,
        pk=pk,
    )


def recommendation(user, pk):
    return get_visible_or_404(
        Recommendation.objects.select_related("visit__unit", "visit__supervised_unit"),
        user,
        pk=pk,
    )


def recommendations_to_answer(user):
    """Open recommendations the user answers for: made to a unit where they write, by a
    unit where they do not (see ``services.may_answer``)."""
    if user.is_superuser:  # answers nothing of their own: no list of every unit's work
        return Recommendation.objects.none()
    rows = Recommendation.objects.visible_to(user, action=WRITE).open()
    return rows.exclude(scope_q(user, "visit__unit__path", MODULE, WRITE))


def recommendations_overdue_made(user, today):
    """Open recommendations past their due date, of visits made by a unit where the user
    writes: the visitors follow them up."""
    return (
        Recommendation.objects.visible_to(user)
        .overdue(today)
        .filter(scope_q(user, "visit__unit__path", MODULE, WRITE))
    )


def recommendation_list(user, *, show: str, today):
    if show == "to_answer":
        rows = recommendations_to_answer(user)
    elif show == "overdue":
        rows = recommendations_overdue_made(user, today)
    elif show == "open":
        rows = Recommendation.objects.visible_to(user).open()
    else:
        rows = Recommendation.objects.visible_to(user)
    return rows.select_related("visit__unit", "visit__supervised_unit").order_by(
        "done", "due_date", "pk"
    )


def commendations(user, *, year=None, unit=None):
    rows = Commendation.objects.visible_to(user).select_related(
        "unit", "recipient_unit", "recipient_agency", "recipient_team", "review"
    )
    if unit is not None:
        rows = rows.within(unit)
    if year:
        rows = rows.filter(review_year=year)
    return rows.order_by("-review_year", "-decision_date", "pk")


def commendation(user, pk):
    return get_visible_or_404(Commendation.objects.select_related("unit"), user, pk=pk)


def teams_within(unit):
    return InspectionTeam.objects.within(unit).order_by("unit__path", "name")


def agencies_within(unit):
    return Agency.objects.within(unit).filter(is_active=True).order_by("unit__path", "name")


def reviews_of(unit):
    return Meeting.objects.filter(
        unit=unit, kind__in=[MeetingKind.MIDYEAR, MeetingKind.YEAR_END]
    ).order_by("-held_on")


def units_within(unit):
    return AdministrativeUnit.objects.within(unit).order_by("path")
