"""Reads of plans, targets and tasks, always through the user's scope."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import REVIEW, WRITE, agencies_of, get_visible_or_404, scope_for
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.organizations.models import Agency

from .models import Plan, PlanBasis, Task, TaskStatus, TaskUpdate

# How far the cascade view follows bases up or implementations down: national →
# province → district → commune, with room for a directive in between.
CASCADE_DEPTH = 6


def plan_list(user, *, unit=None, year=None, query=""):
    plans = (
        Plan.objects.visible_to(user)
        .select_related("unit", "unit__parent")
        .annotate(n_targets=Count("targets", distinct=True), n_tasks=Count("tasks", distinct=True))
    )
    if unit is not None:
        plans = plans.within(unit)
    if year:
        plans = plans.filter(year_from__lte=year, year_to__gte=year)
    if query:
        plans = plans.filter(title__icontains=query)
    return plans.order_by("-year_from", "unit__path", "-issued_on", "-id")


def with_latest_update(tasks):
    """Annotate tasks with their latest progress update (date and text)."""
    latest = TaskUpdate.objects.filter(task=OuterRef("pk")).order_by("-written_on", "-id")
    return tasks.annotate(
        latest_update_on=Subquery(latest.values("written_on")[:1]),
        latest_update_text=Subquery(latest.values("text")[:1]),
    )


def plan_for_page(user, pk):
    tasks = with_latest_update(Task.objects.select_related("lead").prefetch_related("coordinating"))
    # Plans linked either way show only when the user may see them too.
    visible = Plan.objects.visible_to(user)
    return get_visible_or_404(
        Plan.objects.select_related("unit", "unit__parent", "issuing_agency").prefetch_related(
            "targets__agency",
            Prefetch("tasks", queryset=tasks),
            Prefetch(
                "bases",
                queryset=PlanBasis.objects.annotate(
                    parent_visible=Exists(visible.filter(pk=OuterRef("parent_id")))
                ).select_related("parent"),
            ),
            Prefetch(
                "implementations",
                queryset=PlanBasis.objects.filter(plan__in=visible).select_related("plan__unit"),
            ),
        ),
        user,
        pk=pk,
    )


def plan_for_edit(user, pk):
    return get_visible_or_404(
        Plan.objects.select_related("unit", "unit__parent", "issuing_agency"), user, pk=pk
    )


def agencies_for_plan(plan):
    """The agencies a plan's fields may name: the unit's own, plus any the plan already
    names (an imported plan may name an agency of a unit below)."""
    used = set(plan.targets.exclude(agency=None).values_list("agency", flat=True))
    used |= set(plan.tasks.exclude(lead=None).values_list("lead", flat=True))
    used |= set(plan.tasks.values_list("coordinating", flat=True)) - {None}
    if plan.issuing_agency_id:
        used.add(plan.issuing_agency_id)
    return (
        Agency.objects.filter(Q(unit=plan.unit) | Q(pk__in=used))
        .select_related("sector")
        .order_by("sector__order", "name")
    )


# Bases by document number


def _pick_by_number(unit_path: str, candidates: list[Plan]) -> Plan | None:
    """Which of the plans carrying a document number a plan of ``unit_path`` means:
    one of a unit above it, else the only one there is. Numbers repeat across provinces
    and years, so two unrelated candidates mean no link."""
    above = [p for p in candidates if unit_path.startswith(p.unit.path)]
    if above:
        return max(above, key=lambda p: (len(p.unit.path), p.year_from, p.pk))
    return candidates[0] if len(candidates) == 1 else None


def plan_by_number(user, *, plan, number: str) -> Plan | None:
    """The plan in the user's scope a basis 'number' of ``plan`` refers to, if any."""
    number = (number or "").strip()
    if not number:
        return None
    candidates = list(
        Plan.objects.visible_to(user)
        .filter(number__iexact=number)
        .exclude(pk=plan.pk)
        .select_related("unit")
    )
    return _pick_by_number(plan.unit.path, candidates)


# The cascade


@dataclass
class CascadeNode:
    plan: Plan
    children: list["CascadeNode"] = field(default_factory=list)


@dataclass
class Cascade:
    plan: Plan
    # Plans this plan implements, nearest first; each level a list.
    above: list[list[Plan]]
    # References of the chain above that match no plan the user may see.
    outside: list[PlanBasis]
    below: list[CascadeNode]


def _cascade_plans(user):
    return (
        Plan.objects.visible_to(user)
        .select_related("unit", "unit__parent")
        .annotate(n_targets=Count("targets", distinct=True))
    )


def _by_number(user, numbers: set[str]) -> dict[str, list[Plan]]:
    found: dict[str, list[Plan]] = {}
    if numbers:
        for p in _cascade_plans(user).filter(number__in=numbers):
            found.setdefault(p.number, []).append(p)
    return found


def plan_cascade(user, pk) -> Cascade:
    """The plans ``pk`` implements, upward, and those implementing it, downward: through
    linked bases and through references whose number matches a plan in scope."""
    plan = get_visible_or_404(_cascade_plans(user), user, pk=pk)
    cascade = Cascade(plan=plan, above=[], outside=[], below=[])
    seen = {plan.pk}
    level = [plan]
    for _ in range(CASCADE_DEPTH):
        bases = list(PlanBasis.objects.filter(plan__in=level).select_related("plan__unit"))
        parents = {
            p.pk: p
            for p in _cascade_plans(user).filter(pk__in={b.parent_id for b in bases if b.parent_id})
        }
        named = _by_number(user, {b.reference for b in bases if not b.parent_id and b.reference})
        upper: dict[int, Plan] = {}
        for b in bases:
            if b.parent_id:
                found = parents.get(b.parent_id)  # None: a plan the user may not see
            else:
                found = _pick_by_number(b.plan.unit.path, named.get(b.reference, []))
                if found is None and b.reference:
                    cascade.outside.append(b)
            if found is not None and found.pk not in seen:
                upper[found.pk] = found
        if not upper:
            break
        seen |= set(upper)
        level = sorted(upper.values(), key=lambda p: (len(p.unit.path), p.year_from))
        cascade.above.append(level)

    nodes = {plan.pk: CascadeNode(plan)}
    level = [plan]
    for _ in range(CASCADE_DEPTH):
        ids = [p.pk for p in level]
        numbers = {p.number for p in level if p.number}
        lower = list(
            _cascade_plans(user)
            .filter(
                Q(bases__parent__in=ids)
                | Q(bases__parent__isnull=True, bases__reference__in=numbers)
            )
            .exclude(pk__in=seen)
            .distinct()
            .order_by("unit__path", "-year_from", "pk")
        )
        if not lower:
            break
        named = _by_number(user, numbers)
        links = PlanBasis.objects.filter(plan__in=lower).values_list(
            "plan_id", "parent_id", "reference"
        )
        lower_by_pk = {p.pk: p for p in lower}
        placed = set()
        for plan_id, parent_id, reference in links:
            child = lower_by_pk[plan_id]
            if parent_id is None:
                parent = _pick_by_number(child.unit.path, named.get(reference, []))
                parent_id = parent.pk if parent else None
            if parent_id in ids and plan_id not in placed:
                node = CascadeNode(child)
                nodes[parent_id].children.append(node)
                nodes[plan_id] = node
                placed.add(plan_id)
        if not placed:
            break
        seen |= placed
        level = [lower_by_pk[pk] for pk in placed]
    cascade.below = nodes[plan.pk].children
    return cascade


# Deriving a plan for a unit below


def units_to_derive_for(user, plan):
    """Units below the plan's unit, as the map was during the plan's years, where the
    user may write plans."""
    start = datetime.date(plan.year_from, 1, 1)
    end = datetime.date(plan.year_to, 12, 31)
    return (
        AdministrativeUnit.objects.visible_to(user, module=Module.PLANS, action=WRITE)
        .within(plan.unit)
        .exclude(pk=plan.unit_id)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .select_related("parent")
        .order_by("path")
    )


# Tasks


def my_agencies(user) -> list[Agency]:
    """The agencies of the user's active memberships in roles that open plans."""
    return agencies_of(user, Module.PLANS)


OPEN_TASK_STATUSES = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)


def _task_rows(user):
    open_first = Case(
        When(status=TaskStatus.DONE, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    return (
        with_latest_update(Task.objects.visible_to(user))
        .select_related("plan", "plan__unit", "lead")
        .annotate(is_done=open_first)
    )


def _grouped(tasks) -> list[tuple[Plan, list[Any]]]:
    """Tasks grouped by plan: plans with open tasks first, then the newest; open tasks
    first inside a plan. (Tasks of ``_task_rows``, annotated with ``is_done``.)"""
    groups: dict[int, tuple[Plan, list[Any]]] = {}
    for task in tasks:
        groups.setdefault(task.plan_id, (task.plan, []))[1].append(task)
    far = datetime.date.max
    for _plan, rows in groups.values():
        rows.sort(key=lambda t: (t.is_done, t.due_date or far, t.order, t.pk))
    return sorted(
        groups.values(),
        key=lambda g: (all(t.is_done for t in g[1]), -g[0].year_from, -g[0].pk),
    )


def grouped_tasks(tasks) -> list[tuple[Plan, list[Any]]]:
    return _grouped(tasks)


def tasks_led_by(user, agencies) -> list[tuple[Plan, list[Any]]]:
    return _grouped(_task_rows(user).filter(lead__in=agencies))


def tasks_coordinated_by(user, agencies) -> list[tuple[Plan, list[Any]]]:
    return _grouped(
        _task_rows(user).filter(coordinating__in=agencies).exclude(lead__in=agencies).distinct()
    )


def month_end(today: datetime.date) -> datetime.date:
    following = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return following - datetime.timedelta(days=1)


# The 'my tasks' filter (?due=month) the home page's to-do links to.
DUE_THIS_MONTH = "month"


def tasks_due_this_month(user, agencies, *, today: datetime.date):
    """Open tasks led by ``agencies`` due by the end of this month (overdue ones too)."""
    return _task_rows(user).filter(
        lead__in=agencies, due_date__lte=month_end(today), status__in=OPEN_TASK_STATUSES
    )


def tasks_of_agency(user, agency):
    return (
        Task.objects.visible_to(user)
        .filter(lead=agency)
        .select_related("plan", "plan__unit")
        .order_by("-plan__year_from", "plan_id", "order")
    )


def task_for_page(user, pk):
    return get_visible_or_404(
        Task.objects.select_related("plan", "plan__unit", "lead").prefetch_related(
            "coordinating",
            Prefetch("updates", queryset=TaskUpdate.objects.select_related("author", "agency")),
        ),
        user,
        pk=pk,
    )


def progress_agency(user, task) -> Agency | None:
    """The lead agency, when the user records progress as one of its members."""
    if task.lead_id is None:
        return None
    member = any(a.pk == task.lead_id for a in agencies_of(user, Module.PLANS, WRITE))
    return task.lead if member else None


def may_record_progress(user, task) -> bool:
    """A member of the lead agency in a role that writes plans, or a reviewer of plans (a
    programme coordinator or administrator) of the plan's unit."""
    if progress_agency(user, task) is not None:
        return True
    return scope_for(user, Module.PLANS, action=REVIEW).covers(task.plan.unit.path)
