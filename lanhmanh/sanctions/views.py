"""Screens of the register: the list with filters, totals and Excel export, the entry
form (prefilled from an inspection or a tip), a decision's page, its edit, and the
catalogue of violations across decrees."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import READ, WRITE, can, get_visible_or_404, require, require_module
from lanhmanh.core.audit import AuditAction, audited
from lanhmanh.core.params import query_choice, query_date, query_id
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.inspections.models import Establishment, Inspection, ViolationType
from lanhmanh.tips.models import Tip

from . import selectors, services
from .export import decisions_workbook
from .forms import DecisionForm, ViolationTypeForm
from .models import Enforcement, OffenderRole, Outcome

MODULE = Module.ENFORCEMENT
PAGE_SIZE = 50
LINK_WINDOW_DAYS = 730  # inspections and tips offered as the source of a decision


STATUSES = [
    *Outcome.choices,
    *Enforcement.choices,
    (selectors.OVERDUE, gettext_lazy("Quá hạn nộp phạt")),
]


def _filters(request) -> selectors.Filters:
    unit = None
    if unit_pk := query_id(request, "unit"):
        unit = get_visible_or_404(AdministrativeUnit, request.user, module=MODULE, pk=unit_pk)
    return selectors.Filters(
        start=query_date(request, "start"),
        end=query_date(request, "end"),
        unit=unit,
        role=query_choice(request, "role", OffenderRole.choices),
        violation_type_id=query_id(request, "violation_type"),
        status=query_choice(request, "status", STATUSES),
        today=timezone.localdate(),
    )


def decision_list(request):
    require_module(request.user, MODULE)
    filters = _filters(request)
    rows = selectors.decision_list(request.user, filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "sanctions/decision_list.html",
        {
            "page": page,
            "filters": filters,
            "totals": selectors.decision_totals(rows),
            "roles": OffenderRole.choices,
            "statuses": STATUSES,
            "violation_types": selectors.person_violation_types(),
            "units": selectors.filter_units(request.user),
            "can_write": can(request.user, MODULE, WRITE),
            "today": timezone.localdate(),
            "title": _("Xử phạt vi phạm hành chính"),
        },
    )


@audited(AuditAction.EXPORT)
def decision_export(request):
    require_module(request.user, MODULE)
    rows = selectors.decision_list(request.user, _filters(request))
    stamp = timezone.localdate().strftime("%Y%m%d")
    return FileResponse(
        decisions_workbook(rows),
        as_attachment=True,
        filename=f"xu-phat-{stamp}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _form(request, data=None, initial=None):
    user = request.user
    since = timezone.now() - datetime.timedelta(days=LINK_WINDOW_DAYS)
    return DecisionForm(
        data,
        initial=initial,
        units=selectors.writable_units(user),
        violation_types=selectors.person_violation_types(),
        agencies=selectors.issuing_agencies(user),
        establishments=Establishment.objects.visible_to(user, module=MODULE, action=READ)
        .select_related("unit")
        .order_by("name"),
        inspections=Inspection.objects.visible_to(user, module=MODULE, action=READ)
        .filter(started_at__gte=since)
        .select_related("establishment"),
        tips=Tip.objects.visible_to(user, module=MODULE, action=READ).filter(
            received_at__gte=since
        ),
    )


def _prefill(request) -> dict:
    """From an inspection's page ('ghi quyết định xử phạt cá nhân') or a tip: the link,
    the place and the date of the act."""
    initial: dict = {"act_date": timezone.localdate(), "nationality": "vn"}
    user = request.user
    if pk := query_id(request, "inspection"):
        inspection = get_visible_or_404(
            Inspection.objects.select_related("establishment__unit"), user, module=MODULE, pk=pk
        )
        initial |= {
            "inspection": inspection.pk,
            "unit": inspection.establishment.unit_id,
            "act_date": timezone.localtime(inspection.started_at).date(),
        }
    if pk := query_id(request, "tip"):
        tip = get_visible_or_404(Tip.objects.all(), user, module=MODULE, pk=pk)
        initial |= {"tip": tip.pk, "unit": tip.unit_id}
    return initial


def decision_create(request):
    require_module(request.user, MODULE)
    require(request.user, MODULE, WRITE)
    initial = _prefill(request) if request.method == "GET" else None
    form = _form(request, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.sanction_decision_create(by=request.user, **form.service_values())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã ghi quyết định xử phạt."))
            return redirect(decision)
    return render(
        request,
        "sanctions/decision_form.html",
        {"form": form, "title": _("Ghi quyết định xử phạt")},
        status=400 if form.is_bound else 200,
    )


@audited(AuditAction.READ)
def decision_detail(request, pk):
    require_module(request.user, MODULE)
    decision = selectors.decision_detail(request.user, pk)
    return render(
        request,
        "sanctions/decision_detail.html",
        {
            "decision": decision,
            "can_write": can(request.user, MODULE, WRITE, decision.unit),
            "overdue": decision.is_overdue(timezone.localdate()),
            "title": _("Quyết định xử phạt"),
        },
    )


def decision_update(request, pk):
    require_module(request.user, MODULE)
    decision = selectors.decision_detail(request.user, pk)
    require(request.user, MODULE, WRITE, decision.unit)
    initial = {f: getattr(decision, f) for f in services.FIELDS} | {"version": decision.version}
    for name in ("unit", "violation_type", "establishment", "issuing_agency", "inspection", "tip"):
        initial[name] = getattr(decision, f"{name}_id")
    form = _form(request, request.POST or None, initial=initial)
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            services.sanction_decision_update(
                decision=decision,
                by=request.user,
                version=form.cleaned_data["version"] or 0,
                **form.service_values(),
            )
        except services.StaleVersion as error:
            form.add_error(None, error)
            current = selectors.decision_detail(request.user, pk)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(decision)
    status = 409 if current else (400 if form.is_bound else 200)
    return render(
        request,
        "sanctions/decision_form.html",
        {
            "form": form,
            "object": decision,
            "current": current,
            "title": _("Sửa quyết định xử phạt"),
        },
        status=status,
    )


def catalogue(request):
    require_module(request.user, MODULE)
    return render(
        request,
        "sanctions/catalogue.html",
        {
            "rows": selectors.catalogue(),
            "can_edit": request.user.is_superuser,
            "title": _("Danh mục hành vi vi phạm theo thời gian"),
        },
    )


def violation_type_update(request, pk):
    require_module(request.user, MODULE)
    if not request.user.is_superuser:
        raise PermissionDenied
    row = get_object_or_404(ViolationType, pk=pk)
    initial = {f: getattr(row, f) for f in services.CATALOGUE_FIELDS} | {"version": row.version}
    form = ViolationTypeForm(request.POST or None, initial=initial)
    current = None
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.violation_type_update(
                row=row, by=request.user, version=form.cleaned_data["version"], **values
            )
        except services.StaleVersion as error:
            form.add_error(None, error)
            current = ViolationType.objects.get(pk=pk)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã lưu dòng danh mục."))
            return redirect("sanctions:catalogue")
    status = 409 if current else (400 if form.is_bound else 200)
    return render(
        request,
        "sanctions/violation_type_form.html",
        {"form": form, "row": row, "current": current, "title": _("Sửa dòng danh mục")},
        status=status,
    )
