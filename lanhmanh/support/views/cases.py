"""Case screens: list, open, page, identity, edit, plan, close, workers, audit, export.

Every case is fetched through ``access`` (404 for anyone but its workers and supervisor),
and every read is recorded there."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import access, selectors, services
from ..export import case_xlsx
from ..forms import CaseOpenForm, CaseUpdateForm, CloseForm, ExportForm, PlanForm, WorkerForm
from ..models import (
    AccessAction,
    CaseAccess,
    CaseStatus,
    ClientIdentity,
    ConsentPurpose,
    Group,
)
from ..services.cases import DuplicateCode
from ..services.work import has_consent

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_NEEDS_SHARING = _(
    "Người được hỗ trợ chưa đồng ý chia sẻ thông tin với cơ quan khác: không xuất được dữ "
    "liệu cá nhân."
)
# The fields of the case page, as recorded in its audit rows.
PAGE_FIELDS = [
    "reference", "unit", "sex", "birth_year", "age_band", "group", "is_child", "plan",
    "consents", "assessments", "services", "referrals", "victim", "child_steps",
]  # fmt: skip


def case_list(request):
    access.require_read(request.user)
    status, group = request.GET.get("status", ""), request.GET.get("group", "")
    follow_up = request.GET.get("follow_up", "")
    page = Paginator(
        selectors.case_list(request.user, status=status, group=group, follow_up=follow_up),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    access.cases_listed(request.user, page.object_list)
    return render(
        request,
        "support/case_list.html",
        {
            "page": page,
            "status": status,
            "group": group,
            "follow_up": follow_up,
            "statuses": CaseStatus.choices,
            "groups": Group.choices,
            "can_write": access.may_write(request.user),
            "title": _("Ca hỗ trợ"),
        },
    )


def case_create(request):
    access.require_write(request.user)
    units = selectors.writable_units(request.user)
    show_duplicate = request.method == "POST" and bool(request.POST.get("duplicate_shown"))
    form = CaseOpenForm(request.POST or None, units=units, show_duplicate=show_duplicate)
    candidates = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        identity = form.identity()
        for name in form.IDENTITY:
            data.pop(name)
        try:
            client = services.case_open(by=request.user, identity=identity, **data)
        except DuplicateCode as error:
            candidates = error.candidates
            form = CaseOpenForm(request.POST, units=units, show_duplicate=True)
            form.is_valid()
            form.add_error("duplicate", error.error_dict["duplicate"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã mở ca %(ref)s.") % {"ref": client.reference})
            return redirect(client)
    return render(
        request,
        "support/case_form.html",
        {
            "form": form,
            "candidates": candidates,
            "duplicate_shown": bool(candidates) or show_duplicate,
            "title": _("Mở ca hỗ trợ"),
        },
    )


def case_detail(request, pk):
    access.require_read(request.user)
    client = access.case_get(request.user, pk, fields=PAGE_FIELDS)
    from ..selectors_case import case_page

    context = case_page(request.user, client)
    context["title"] = client.reference
    return render(request, "support/case_detail.html", context)


def case_identity(request, pk):
    """The identifying details, on their own page so that each look is its own audit row."""
    access.require_read(request.user)
    client = access.case_get(
        request.user, pk, fields=ClientIdentity.FIELDS, action=AccessAction.VIEW_IDENTITY
    )
    identity = ClientIdentity.objects.filter(client=client).first()
    return render(
        request,
        "support/case_identity.html",
        {"client": client, "identity": identity, "title": _("Thông tin nhận dạng")},
    )


def case_update(request, pk):
    access.require_read(request.user)
    client = access.case_for_write(request.user, pk)
    identity = ClientIdentity.objects.filter(client=client).first()
    initial = {"group": client.group, "is_child": client.is_child, "version": client.version}
    if identity:
        initial.update({f: getattr(identity, f) for f in ClientIdentity.FIELDS})
    form = CaseUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(
                client=client,
                by=request.user,
                version=form.cleaned_data["version"],
                group=form.cleaned_data["group"],
                is_child=form.cleaned_data["is_child"],
                identity=form.identity(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(client)
    return _form(request, form, _("Sửa thông tin ca"), client)


def _form(request, form, title, client, *, multipart=False, current=None):
    return render(
        request,
        "support/form.html",
        {
            "form": form,
            "title": title,
            "object": client,
            "multipart": multipart,
            "current": current,
        },
    )


def case_plan(request, pk):
    access.require_read(request.user)
    client = access.case_for_write(request.user, pk)
    form = PlanForm(request.POST or None, initial={"plan": client.plan, "version": client.version})
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            services.case_plan_update(client=client, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
            # Someone saved first: their text beside the one typed, and the new version
            # in the form, so that saving again is a choice made knowing both.
            client.refresh_from_db(fields=["plan", "version"])
            current = client.plan
            form.data = form.data.copy()
            form.data["version"] = client.version
        else:
            messages.success(request, _("Đã lưu kế hoạch hỗ trợ."))
            return redirect(client)
    return _form(request, form, _("Kế hoạch hỗ trợ"), client, current=current)


def case_close(request, pk):
    access.require_read(request.user)
    client = access.case_for_write(request.user, pk)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_close(client=client, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã kết thúc ca."))
            return redirect(client)
    return _form(request, form, _("Kết thúc ca"), client)


def case_workers(request, pk):
    access.require_read(request.user)
    client = access.case_for_write(request.user, pk)
    form = WorkerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = get_user_model().objects.filter(username=form.cleaned_data["username"]).first()
        try:
            if user is None:
                raise ValidationError({"user": services.cases.NOT_A_SOCIAL_WORKER})
            services.worker_assign(client=client, by=request.user, user=user)
        except ValidationError as error:
            form.add_error("username", error.message_dict.get("user", error.messages))
        else:
            messages.success(request, _("Đã phân công."))
            return redirect(client)
    return _form(request, form, _("Phân công nhân viên phụ trách ca"), client)


def case_audit(request, pk):
    access.require_read(request.user)
    client = access.case_get(request.user, pk, fields=["accesses"])
    rows = CaseAccess.objects.visible_to(request.user).filter(client=client).select_related("user")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "support/case_audit.html",
        {"client": client, "page": page, "title": _("Nhật ký truy cập ca")},
    )


def case_export(request, pk):
    """Person-level data, for a case worker, with a reason and the consent to share."""
    access.require_read(request.user)
    client = access.case_for_write(request.user, pk)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from django.utils import timezone

        if not has_consent(client, ConsentPurpose.SHARING, timezone.localdate()):
            form.add_error(None, EXPORT_NEEDS_SHARING)
        else:
            access.case_audit(
                request.user,
                client,
                AccessAction.EXPORT,
                [*PAGE_FIELDS, *ClientIdentity.FIELDS],
                form.cleaned_data["reason"],
            )
            response = HttpResponse(case_xlsx(client), content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="{client.reference}.xlsx"'
            return response
    return _form(request, form, _("Xuất dữ liệu cá nhân của ca"), client)


def access_log(request):
    """Every read of the cases the user supervises: the supervisor's review screen."""
    access.require_read(request.user)
    from lanhmanh.accounts.permissions import supervision_scope

    scope = supervision_scope(request.user)
    if not scope.prefixes:
        raise Http404
    rows = (
        CaseAccess.objects.visible_to(request.user)
        .filter(scope.q("client__unit__path"))
        .select_related("user", "client")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "support/access_log.html",
        {"page": page, "title": _("Nhật ký truy cập các ca")},
    )
