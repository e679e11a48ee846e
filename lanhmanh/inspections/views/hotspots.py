"""Public hotspots, their status history and patrol visits: followed by team 178
(inspections) and by the police (enforcement) alike."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lanhmanh.accounts.scope import WRITE, agencies_of, get_visible_or_404
from lanhmanh.core.audit import AuditAction, audited
from lanhmanh.core.concurrency import add_version
from lanhmanh.organizations.models import Agency

from .. import selectors, services
from ..access import may_write_hotspot as may_write
from ..access import require_hotspot_read as require_read
from ..access import require_hotspot_write as require_write
from ..forms import HotspotForm, HotspotPatrolForm, HotspotStatusForm
from ..models import Hotspot, HotspotStatus

PAGE_SIZE = 50


def _agencies(user):
    return Agency.objects.visible_to(user).filter(is_active=True).select_related("unit")


def hotspot_list(request):
    require_read(request.user)
    status = request.GET.get("status", "")
    page = Paginator(selectors.hotspot_list(request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "inspections/hotspot_list.html",
        {
            "page": page,
            "status": status,
            "statuses": HotspotStatus.choices,
            "can_write": may_write(request.user),
            "title": _("Tụ điểm"),
        },
    )


def hotspot_create(request):
    require_write(request.user)
    form = HotspotForm(
        request.POST or None,
        units=selectors.hotspot_writable_communes(request.user),
        agencies=_agencies(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            hotspot = services.hotspot_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã thêm tụ điểm."))
            return redirect(hotspot)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": _("Thêm tụ điểm"), "cancel": "inspections:hotspot_list"},
    )


def _hotspot(request, pk):
    return get_visible_or_404(Hotspot.objects.select_related("unit"), request.user, pk=pk)


@audited(AuditAction.READ)
def hotspot_detail(request, pk):
    require_read(request.user)
    hotspot = _hotspot(request, pk)
    return render(
        request,
        "inspections/hotspot_detail.html",
        {
            "hotspot": hotspot,
            "history": selectors.hotspot_history(hotspot),
            "communes": hotspot.communes.all(),
            "title": hotspot.name,
            "can_write": may_write(request.user, hotspot.unit),
        },
    )


def hotspot_status(request, pk):
    hotspot = _hotspot(request, pk)
    require_write(request.user, hotspot.unit)
    form = HotspotStatusForm(request.POST or None, agencies=_agencies(request.user))
    add_version(form, hotspot)
    if request.method == "POST" and form.is_valid():
        try:
            services.hotspot_status_change(hotspot=hotspot, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã ghi thay đổi tình trạng."))
            return redirect(hotspot)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": _("Thay đổi tình trạng tụ điểm"), "object": hotspot},
    )


def hotspot_patrol(request, pk):
    hotspot = _hotspot(request, pk)
    require_write(request.user, hotspot.unit)
    mine = agencies_of(request.user, action=WRITE)
    form = HotspotPatrolForm(
        request.POST or None,
        agencies=_agencies(request.user),
        initial={"agency": mine[0].pk if mine else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.hotspot_patrol_log(hotspot=hotspot, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã ghi lượt tuần tra."))
            return redirect(hotspot)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": _("Ghi lượt tuần tra tụ điểm"), "object": hotspot},
    )
