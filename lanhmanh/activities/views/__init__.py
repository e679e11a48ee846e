"""Screens of the activity register: list with filters and Excel export, a phone-first
entry form, the activity's page with its files, a calendar of the month, and the budget
lines of a plan against what its activities spent."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.accounts.permissions import can_read, can_write
from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import get_visible_or_404
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.organizations.models import Agency
from lanhmanh.plans.models import Plan, Task

from .. import selectors, services
from ..export import activities_workbook
from ..forms import ActivityForm, AttachmentForm, BudgetLineForm
from ..models import ActivityAttachment, BudgetLine

MODULE = Module.ACTIVITIES
PAGE_SIZE = 50
TOPICS = [
    ("prostitution", _("Mại dâm")),
    ("drugs", _("Ma túy")),
    ("trafficking", _("Mua bán người")),
]


def require_read(user) -> None:
    if not can_read(user, MODULE):
        raise Http404


def require_write(user, unit=None) -> None:
    require_read(user)
    if not can_write(user, MODULE, unit):
        raise PermissionDenied


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filters(request) -> selectors.Filters:
    get = request.GET
    unit = None
    if unit_pk := _int(get.get("unit")):
        unit = get_visible_or_404(AdministrativeUnit, request.user, pk=unit_pk)
    return selectors.Filters(
        start=_date(get.get("start")),
        end=_date(get.get("end")),
        unit=unit,
        agency_id=_int(get.get("agency")),
        kind=get.get("kind", "")[:40],
        topic=get.get("topic", "")[:20],
        task_id=_int(get.get("task")),
    )


def activity_list(request):
    require_read(request.user)
    filters = _filters(request)
    rows = selectors.activity_list(request.user, filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "activities/activity_list.html",
        {
            "page": page,
            "filters": filters,
            "totals": selectors.activity_totals(rows),
            "kinds": selectors.kinds(),
            "topics": TOPICS,
            "agencies": Agency.objects.visible_to(request.user).filter(is_active=True),
            "can_write": can_write(request.user, MODULE),
            "title": _("Hoạt động tuyên truyền, tập huấn, hội nghị"),
        },
    )


def activity_export(request):
    require_read(request.user)
    rows = selectors.activity_list(request.user, _filters(request)).prefetch_related(
        "co_organisers", "audiences", "materials__kind"
    )
    content = activities_workbook(rows)
    stamp = timezone.localdate().strftime("%Y%m%d")
    return FileResponse(
        content,
        as_attachment=True,
        filename=f"hoat-dong-{stamp}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _form(request, *, instance=None, data=None, files=None, initial=None):
    user = request.user
    return ActivityForm(
        data,
        files,
        initial=initial,
        kinds=selectors.kinds(),
        units=selectors.writable_units(user),
        agencies=Agency.objects.visible_to(user).filter(is_active=True).select_related("unit"),
        tasks=Task.objects.visible_to(user)
        .select_related("plan")
        .order_by("-plan__year_from", "pk"),
        budget_lines=BudgetLine.objects.visible_to(user).select_related("plan"),
        editing=instance is not None,
    )


def activity_create(request):
    require_write(request.user)
    initial = {"start_date": timezone.localdate(), "on_prostitution": True}
    if task_pk := _int(request.GET.get("task")):
        initial["task"] = task_pk
    form = _form(request, data=request.POST or None, files=request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        photo = form.cleaned_data.get("photo")
        try:
            activity = services.activity_create(
                by=request.user, photos=[photo] if photo else [], **form.service_values()
            )
        except ValidationError as error:
            _show(form, error)
        else:
            messages.success(request, _("Đã ghi nhận hoạt động."))
            return redirect(f"{activity.get_absolute_url()}?saved=1")
    return render(
        request,
        "activities/activity_form.html",
        {"form": form, "title": _("Ghi nhận hoạt động"), "draft_key": "activity-new"},
    )


def _show(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        form.add_service_error(error)
    else:
        form.add_error(None, error)


def activity_detail(request, pk):
    require_read(request.user)
    activity = selectors.activity_detail(request.user, pk)
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "title": activity.title,
            "can_write": can_write(request.user, MODULE, activity.unit),
            "attachment_form": AttachmentForm(),
            "saved": request.GET.get("saved") == "1",
        },
    )


def activity_update(request, pk):
    require_read(request.user)
    activity = selectors.activity_detail(request.user, pk)
    require_write(request.user, activity.unit)
    initial = {f: getattr(activity, f) for f in services.FIELDS} | {
        "version": activity.version,
        "co_organisers": list(activity.co_organisers.all()),
        "audiences": list(activity.audiences.all()),
    }
    initial |= {f"material_{m.kind.code}": m.count for m in activity.materials.all()}
    form = _form(request, instance=activity, data=request.POST or None, initial=initial)
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                activity=activity,
                by=request.user,
                version=form.cleaned_data["version"],
                **form.service_values(),
            )
        except services.StaleVersion as error:
            form.add_error(None, error)
            current = selectors.activity_detail(request.user, pk)
        except ValidationError as error:
            _show(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(activity)
    return render(
        request,
        "activities/activity_form.html",
        {
            "form": form,
            "object": activity,
            "current": current,
            "title": _("Sửa hoạt động"),
            "status": 409 if current else 200,
        },
        status=409 if current else 200,
    )


def attachment_add(request, pk):
    require_read(request.user)
    activity = selectors.activity_detail(request.user, pk)
    require_write(request.user, activity.unit)
    if request.method != "POST":
        return redirect(activity)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                activity=activity,
                by=request.user,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Đã đính kèm tệp."))
            return redirect(activity)
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "title": activity.title,
            "can_write": True,
            "attachment_form": form,
        },
        status=400,
    )


def attachment_file(request, pk):
    require_read(request.user)
    attachment = get_visible_or_404(
        ActivityAttachment.objects.select_related("activity"),
        request.user,
        pk=pk,
    )
    return FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=not attachment.is_image,
        filename=attachment.file.name.rsplit("/", 1)[-1],
    )


def activity_calendar(request):
    require_read(request.user)
    today = timezone.localdate()
    year = _int(request.GET.get("year")) or today.year
    month = _int(request.GET.get("month")) or today.month
    if not (2000 <= year <= today.year + 1 and 1 <= month <= 12):
        raise Http404
    filters = _filters(request)
    weeks, count = selectors.month_calendar(request.user, year, month, filters)
    first = datetime.date(year, month, 1)
    previous = first - datetime.timedelta(days=1)
    following = first + datetime.timedelta(days=32)
    return render(
        request,
        "activities/calendar.html",
        {
            "weeks": weeks,
            "count": count,
            "month": first,
            "previous": previous,
            "following": following.replace(day=1) if following.year <= today.year + 1 else None,
            "title": _("Lịch hoạt động"),
            "filters": filters,
        },
    )


def plan_budget(request, plan_pk):
    require_read(request.user)
    if not can_read(request.user, Module.PLANS):
        raise Http404
    plan = get_visible_or_404(Plan.objects.select_related("unit"), request.user, pk=plan_pk)
    may_edit = can_write(request.user, Module.PLANS, plan.unit)
    form = BudgetLineForm(request.POST or None)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.budget_line_create(plan=plan, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Đã thêm dòng kinh phí."))
                return redirect("activities:plan_budget", plan_pk=plan.pk)
    lines = list(selectors.budget_with_spending(plan))
    return render(
        request,
        "activities/plan_budget.html",
        {
            "plan": plan,
            "lines": lines,
            "estimate": sum(line.estimate for line in lines),
            "spent": sum(line.spent or 0 for line in lines),
            "form": form,
            "can_write": may_edit,
            "title": _("Kinh phí kế hoạch"),
        },
    )
