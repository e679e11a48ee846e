from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from lanhmanh.accounts.permissions import can_read, can_write
from lanhmanh.accounts.roles import Module

from . import selectors


def _require_plans(user):
    if not can_read(user, Module.PLANS):
        raise Http404


def plan_list(request):
    _require_plans(request.user)
    year = request.GET.get("year", "")
    query = request.GET.get("q", "").strip()
    plans = selectors.plan_list(
        request.user, year=int(year) if year.isdigit() else None, query=query
    )
    page = Paginator(plans, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/plan_list.html",
        {
            "page": page,
            "year": year,
            "query": query,
            "title": _("Kế hoạch"),
            "can_import": can_write(request.user, Module.PLANS),
        },
    )


def plan_detail(request, pk):
    _require_plans(request.user)
    plan = selectors.plan_for_page(request.user, pk)
    tasks_by_agency: dict[str, list] = {}
    for task in plan.tasks.all():
        key = str(task.lead) if task.lead else (task.lead_name or _("Chưa giao cơ quan"))
        tasks_by_agency.setdefault(key, []).append(task)
    return render(
        request,
        "plans/plan_detail.html",
        {"plan": plan, "title": plan.title, "tasks_by_agency": tasks_by_agency},
    )
