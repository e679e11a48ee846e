"""Screens of the case register: the list with counts by stage, a case's page with its
stages, the form of a case's facts, and the form that records the next stage."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, can, get_visible_or_404, require, require_module
from lanhmanh.core.audit import AuditAction, audited
from lanhmanh.core.concurrency import add_version

from . import selectors, services
from .bodies import acting_agencies
from .forms import AdvanceForm, CaseFilterForm, CaseForm
from .models import STAGE_BODY, STAGE_ORDER, CriminalCase

MODULE = Module.ENFORCEMENT
PAGE_SIZE = 50


def _case(request, pk):
    return get_visible_or_404(
        CriminalCase.objects.select_related("unit", "tip", "establishment", "hotspot"),
        request.user,
        pk=pk,
    )


def case_list(request):
    require_module(request.user, MODULE)
    filters = CaseFilterForm(request.GET or None)
    stage = filters.cleaned_data["stage"] if filters.is_valid() else ""
    waiting = request.GET.get("waiting") == "1"
    cases = selectors.case_list(request.user, stage=stage, waiting=waiting)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/case_list.html",
        {
            "title": _("Vụ án"),
            "page": page,
            "filters": filters,
            "waiting": waiting,
            "stage_counts": selectors.stage_counts(request.user),
            "totals": selectors.totals(request.user),
            "can_write": can(request.user, MODULE, WRITE),
        },
    )


def case_create(request):
    require_module(request.user, MODULE)
    require(request.user, MODULE, WRITE)
    form = CaseForm(
        request.POST or None,
        units=selectors.writable_units(request.user),
        articles=selectors.articles(),
        origins=selectors.origin_choices(request.user),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(by=request.user, request=request, **form.service_data())
        except ValidationError as error:
            form.add_service_error(error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
            status = 403
        else:
            messages.success(request, _("Đã ghi nhận vụ án."))
            return redirect(case)
    return render(
        request,
        "cases/form.html",
        {"form": form, "title": _("Ghi nhận vụ án")},
        status=status,
    )


@audited(AuditAction.READ)
def case_detail(request, pk):
    require_module(request.user, MODULE)
    case = _case(request, pk)
    upcoming = case.next_stage
    steps = {s.stage: s for s in case.steps.select_related("agency")}
    return render(
        request,
        "cases/case_detail.html",
        {
            "title": case.reference,
            "case": case,
            "articles": case.articles.all(),
            "stages": [(stage, steps.get(stage)) for stage in STAGE_ORDER],
            "upcoming": upcoming,
            "can_write": can(request.user, MODULE, WRITE, case.unit),
            "can_advance": bool(
                upcoming and acting_agencies(request.user, case.unit, STAGE_BODY[upcoming])
            ),
        },
    )


def case_update(request, pk):
    require_module(request.user, MODULE)
    case = _case(request, pk)
    require(request.user, MODULE, WRITE, case.unit)
    form = CaseForm(
        request.POST or None,
        instance=case,
        articles=selectors.articles(),
        origins=selectors.origin_choices(request.user),
        editing=True,
    )
    add_version(form, case)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        version = form.cleaned_data["version"]
        try:
            services.case_update(
                case=case, by=request.user, version=version, request=request, **data
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã lưu vụ án."))
            return redirect(case)
    return render(
        request,
        "cases/form.html",
        {"form": form, "title": _("Sửa vụ án"), "object": case},
    )


def case_advance(request, pk):
    require_module(request.user, MODULE)
    case = _case(request, pk)
    require(request.user, MODULE, WRITE, case.unit)
    form = AdvanceForm(request.POST or None, case=case)
    add_version(form, case)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.case_advance(case=case, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
            status = 403
        else:
            messages.success(request, _("Đã ghi nhận giai đoạn mới của vụ án."))
            return redirect(case)
    return render(
        request,
        "cases/form.html",
        {"form": form, "title": _("Ghi nhận giai đoạn tố tụng"), "object": case},
        status=status,
    )
