"""The register of establishments: list with filters, export, page, create, edit,
status changes and commitments."""

from auditlog.models import LogEntry
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.accounts.scope import get_visible_or_404
from lanhmanh.core.audit import AuditAction, audited
from lanhmanh.core.concurrency import add_version
from lanhmanh.geography.models import AdministrativeUnit

from .. import selectors, services
from ..access import may_write, require_read, require_write
from ..forms import CommitmentForm, EstablishmentForm, StatusChangeForm
from ..importing import establishments_export
from ..models import BusinessType, Commitment, Establishment, EstablishmentStatus, RiskLevel

PAGE_SIZE = 50


def _filters(request):
    user = request.user
    unit_pk = request.GET.get("unit", "")
    unit = None
    if unit_pk.isdigit():
        unit = AdministrativeUnit.objects.visible_to(user).filter(pk=unit_pk).first()
    not_inspected = request.GET.get("not_inspected") == "1"
    return {
        "query": request.GET.get("q", "").strip(),
        "business_type": request.GET.get("type", ""),
        "unit": unit,
        "status": request.GET.get("status", ""),
        "risk_level": request.GET.get("risk", ""),
        "not_inspected_in": timezone.localdate().year if not_inspected else None,
    }


HISTORY_ENTRIES = 20


def _history(establishment) -> list[dict]:
    """The establishment's audit log in words: when, who, what happened to which fields."""
    labels = {f.name: f.verbose_name for f in Establishment._meta.fields}
    actions = {
        LogEntry.Action.CREATE: _("Tạo mới"),
        LogEntry.Action.UPDATE: _("Sửa"),
        LogEntry.Action.DELETE: _("Xóa"),
    }
    entries = LogEntry.objects.get_for_object(establishment).select_related("actor")
    return [
        {
            "timestamp": entry.timestamp,
            "actor": entry.actor,
            "action": actions.get(entry.action, ""),
            "fields": [str(labels[name]) for name in entry.changes_dict if name in labels]
            if entry.action == LogEntry.Action.UPDATE
            else [],
        }
        for entry in entries[:HISTORY_ENTRIES]
    ]


def establishment_list(request):
    require_read(request.user)
    filters = _filters(request)
    establishments = selectors.establishment_list(request.user, **filters)
    page = Paginator(establishments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/establishment_list.html",
        {
            "page": page,
            "filters": filters,
            "types": BusinessType.objects.all(),
            "statuses": EstablishmentStatus.choices,
            "risks": RiskLevel.choices,
            "communes": selectors.writable_communes(request.user)
            if may_write(request.user)
            else AdministrativeUnit.objects.none(),
            "can_write": may_write(request.user),
            "year": timezone.localdate().year,
            "title": _("Cơ sở kinh doanh có nguy cơ"),
        },
    )


@audited(AuditAction.EXPORT)
def establishment_export(request):
    require_read(request.user)
    content = establishments_export(selectors.establishment_list(request.user, **_filters(request)))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="co-so-{stamp}.xlsx"'
    return response


@audited(AuditAction.READ)
def establishment_detail(request, pk):
    require_read(request.user)
    establishment = selectors.establishment_for_page(request.user, pk)
    return render(
        request,
        "inspections/establishment_detail.html",
        {
            "establishment": establishment,
            "title": establishment.name,
            "status_changes": establishment.status_changes.all(),
            "commitments": establishment.commitments.all(),
            "inspections": selectors.inspections_of(establishment),
            "history": _history(establishment),
            "can_write": may_write(request.user, establishment.unit),
        },
    )


def establishment_create(request):
    require_write(request.user)
    units = selectors.writable_communes(request.user, past=True)
    form = EstablishmentForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            establishment = services.establishment_create(by=request.user, **data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã thêm cơ sở %(name)s.") % {"name": establishment})
            return redirect(establishment)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": _("Thêm cơ sở"), "cancel": "inspections:establishment_list"},
    )


def _writable_establishment(request, pk):
    establishment = selectors.establishment_for_page(request.user, pk)
    require_write(request.user, establishment.unit)
    return establishment


def establishment_update(request, pk):
    establishment = _writable_establishment(request, pk)
    initial = {name: getattr(establishment, name) for name in services.establishments.EDITABLE}
    form = EstablishmentForm(request.POST or None, initial=initial)
    add_version(form, establishment)
    if request.method == "POST" and form.is_valid():
        try:
            services.establishment_update(
                establishment=establishment, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(establishment)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": _("Sửa cơ sở"), "object": establishment},
    )


def establishment_status(request, pk):
    establishment = _writable_establishment(request, pk)
    form = StatusChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.establishment_status_change(
                establishment=establishment, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã ghi thay đổi tình trạng."))
            return redirect(establishment)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": _("Thay đổi tình trạng"), "object": establishment},
    )


@audited(AuditAction.UPLOAD)
def commitment_add(request, pk):
    establishment = _writable_establishment(request, pk)
    form = CommitmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_add(establishment=establishment, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã ghi bản cam kết."))
            return redirect(establishment)
    return render(
        request,
        "inspections/form.html",
        {
            "form": form,
            "title": _("Ghi bản cam kết"),
            "object": establishment,
            "multipart": True,
        },
    )


@audited(AuditAction.DOWNLOAD)
def commitment_document(request, pk):
    """The signed commitment's file, only through the establishment's scope."""
    require_read(request.user)
    commitment = get_visible_or_404(Commitment, request.user, pk=pk)
    if not commitment.document:
        raise Http404
    return FileResponse(commitment.document.open("rb"), as_attachment=True)
