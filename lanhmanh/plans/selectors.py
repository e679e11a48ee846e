"""Reads of plans, always through the user's scope."""

from django.db.models import Count, Prefetch

from .models import Plan, Task


def plan_list(user, *, unit=None, year=None, query=""):
    plans = (
        Plan.objects.visible_to(user)
        .select_related("unit", "unit__parent")
        .annotate(n_targets=Count("targets", distinct=True), n_tasks=Count("tasks", distinct=True))
    )
    if unit is not None:
        plans = plans.filter(unit__path__startswith=unit.path)
    if year:
        plans = plans.filter(year_from__lte=year, year_to__gte=year)
    if query:
        plans = plans.filter(title__icontains=query)
    return plans.order_by("-year_from", "unit__path", "-issued_on", "-id")


def plan_for_page(user, pk):
    from lanhmanh.accounts.scope import get_visible_or_404

    tasks = Task.objects.select_related("lead").prefetch_related("coordinating")
    return get_visible_or_404(
        Plan.objects.select_related("unit", "unit__parent", "issuing_agency").prefetch_related(
            "targets__agency",
            Prefetch("tasks", queryset=tasks),
            "bases__parent",
            "implementations__plan__unit",
        ),
        user,
        pk=pk,
    )


def tasks_of_agency(user, agency):
    return (
        Task.objects.visible_to(user)
        .filter(lead=agency)
        .select_related("plan", "plan__unit")
        .order_by("-plan__year_from", "plan_id", "order")
    )
