"""The plan list and the plan page."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from lanhmanh.accounts.permissions import can_write
from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import require_module
from lanhmanh.core.audit import AuditAction, audited
from lanhmanh.core.params import query_year
from lanhmanh.core.text import fold
from lanhmanh.documents.plan_docx import signature_label
from lanhmanh.geography.models import AdministrativeUnit

from .. import selectors
from ..forms import ReviewForm
from ..models import Plan


def require_plans(user):
    """A user whose roles do not open plans gets 404: the pages do not exist for them."""
    require_module(user, Module.PLANS)


def plan_units(user) -> list:
    """The units whose plans the user sees, with the units above them in the scope: the
    choices of the list's unit filter (a unit shows its own plans and those below it)."""
    paths = set()
    for path in Plan.objects.visible_to(user).values_list("unit__path", flat=True).distinct():
        parts = path.strip("/").split("/")
        paths.update("/".join(parts[:i]) + "/" for i in range(2, len(parts) + 1))
    units = AdministrativeUnit.objects.visible_to(user).filter(path__in=paths)
    return list(units.select_related("parent").order_by("path"))


def plan_list(request):
    require_plans(request.user)
    year = query_year(request)
    query = request.GET.get("q", "").strip()
    units = plan_units(request.user)
    unit_id = request.GET.get("unit", "")
    unit = next((u for u in units if str(u.pk) == unit_id), None)
    plans = selectors.plan_list(request.user, unit=unit, year=year, query=query)
    page = Paginator(plans, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/plan_list.html",
        {
            "page": page,
            "year": year or "",
            "query": query,
            "unit": unit,
            "units": [(u.pk, ReviewForm.unit_label(u)) for u in units],
            "title": _("Kế hoạch"),
            "can_import": can_write(request.user, Module.PLANS),
        },
    )


def coordinating_display(task) -> list:
    """The coordinating agencies of a task, then the names of the document that no
    linked agency stands for: (agency or None, name) pairs."""
    agencies = list(task.coordinating.all())
    linked = {fold(a.name) for a in agencies}
    names = [n for n in task.coordinating_names if fold(n) not in linked]
    return [(a, a.name) for a in agencies] + [(None, n) for n in names]


@audited(AuditAction.READ)
def plan_detail(request, pk):
    require_plans(request.user)
    plan = selectors.plan_for_page(request.user, pk)
    tasks_by_agency: dict[str, list] = {}
    for task in plan.tasks.all():
        task.coordinating_list = coordinating_display(task)
        key = str(task.lead) if task.lead else (task.lead_name or _("Chưa giao cơ quan"))
        tasks_by_agency.setdefault(key, []).append(task)
    can_edit = can_write(request.user, Module.PLANS, plan.unit)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "title": plan.title,
            "tasks_by_agency": tasks_by_agency,
            # 'KT. CHỦ TỊCH – PHÓ CHỦ TỊCH', as the signature block of the document has it
            "signature": signature_label(plan) if plan.signer else "",
            "can_edit": can_edit,
            # A commune has no unit below to derive a plan for.
            "can_derive": can_edit and plan.unit.children.exists(),
        },
    )
