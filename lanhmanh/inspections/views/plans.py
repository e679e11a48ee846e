"""Inspection plans of a team for a period, and the chair's approval."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lanhmanh.accounts.scope import get_visible_or_404
from lanhmanh.core.audit import AuditAction, audited
from lanhmanh.organizations.models import InspectionTeam

from .. import selectors, services
from ..access import may_write, require_read, require_write
from ..forms import PlanApprovalForm, PlanForm
from ..models import Establishment, EstablishmentStatus, Inspection

PAGE_SIZE = 50


def plan_list(request):
    require_read(request.user)
    page = Paginator(selectors.plan_list(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    teams = [t for t in InspectionTeam.objects.visible_to(request.user).select_related("unit")]
    return render(
        request,
        "inspections/plan_list.html",
        {
            "page": page,
            "teams": [t for t in teams if may_write(request.user, t.unit)],
            "title": _("Kế hoạch kiểm tra"),
        },
    )


def plan_create(request, team_pk):
    team = get_visible_or_404(
        InspectionTeam.objects.select_related("unit"), request.user, pk=team_pk
    )
    require_write(request.user, team.unit)
    establishments = (
        Establishment.objects.visible_to(request.user)
        .within(team.unit)
        .filter(status=EstablishmentStatus.OPERATING)
        .select_related("unit")
        .order_by("unit__path", "name")
    )
    form = PlanForm(request.POST or None, establishments=establishments)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.inspection_plan_create(team=team, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã lập kế hoạch kiểm tra."))
            return redirect(plan)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": _("Lập kế hoạch kiểm tra"), "object": team},
    )


@audited(AuditAction.READ)
def plan_detail(request, pk):
    require_read(request.user)
    plan = selectors.plan_for_page(request.user, pk)
    done = Inspection.objects.filter(
        establishment=OuterRef("pk"),
        team=plan.team,
        started_at__date__gte=plan.period_start,
        started_at__date__lte=plan.period_end,
    )
    establishments = (
        plan.establishments.select_related("unit", "business_type")
        .annotate(inspected=Exists(done))
        .order_by("unit__path", "name")
    )
    visited = sum(1 for e in establishments if e.inspected)
    return render(
        request,
        "inspections/plan_detail.html",
        {
            "plan": plan,
            "establishments": establishments,
            "visited": visited,
            "title": plan.title,
            "can_write": may_write(request.user, plan.team.unit),
        },
    )


def plan_approve(request, pk):
    plan = selectors.plan_for_page(request.user, pk)
    require_write(request.user, plan.team.unit)
    form = PlanApprovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.inspection_plan_approve(plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã ghi phê duyệt kế hoạch."))
            return redirect(plan)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": _("Ghi phê duyệt kế hoạch"), "object": plan},
    )
