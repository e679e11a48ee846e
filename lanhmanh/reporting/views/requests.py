"""Ad hoc report requests: the list of those the user's units asked, creating one
(coordinators and administrators of the asking unit), and who has answered one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanhmanh.accounts.scope import get_visible_or_404, within
from lanhmanh.geography.models import AdministrativeUnit, Level

from ..forms_requests import ReportRequestForm
from ..models import ReportRequest
from ..requests import asking_units, report_request_create, request_completeness
from .common import require_read

CREATED = gettext_lazy("Đã gửi yêu cầu báo cáo đến các đơn vị.")


def request_list(request):
    require_read(request.user)
    requests = (
        ReportRequest.objects.visible_to(request.user)
        .select_related("unit", "agency", "form")
        .order_by("-deadline", "-pk")[:100]
    )
    return render(
        request,
        "reporting/request_list.html",
        {
            "title": _("Yêu cầu báo cáo đột xuất"),
            "requests": [(r, request_completeness(r)) for r in requests],
            "can_ask": asking_units(request.user).exists(),
        },
    )


def _below(units):
    """Today's units under the asking units, the addressees one may choose."""
    q = Q(pk__in=[])
    for unit in units:
        q |= within(unit, "path") & ~Q(pk=unit.pk)
    return AdministrativeUnit.objects.current().filter(q).select_related("parent").order_by("path")


def request_create(request):
    require_read(request.user)
    units = asking_units(request.user)
    if not units.exists():
        raise PermissionDenied
    form = ReportRequestForm(request.POST or None, asking_units=units, below=_below(units))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        chosen = list(data.pop("units"))
        if data.pop("all_units"):
            level = data["form"].unit_level if data["form"] else Level.COMMUNE
            chosen = list(_below([unit]).filter(level=level))
        try:
            created = report_request_create(
                user=request.user,
                unit=unit,
                units=chosen,
                indicators=list(data.pop("indicators")),
                **data,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, CREATED)
            return redirect(created)
    return render(
        request,
        "reporting/request_form.html",
        {"title": _("Yêu cầu báo cáo đột xuất"), "form": form},
    )


def request_detail(request, pk):
    require_read(request.user)
    report_request = get_visible_or_404(
        ReportRequest.objects.select_related("unit", "agency", "form", "created_by"),
        request.user,
        pk=pk,
    )
    result = request_completeness(report_request)
    rows = [(u, None, "missing") for u in result.missing]
    rows += [(s.unit, s, s.status) for s in result.waiting]
    rows += [(s.unit, s, "late" if s.is_late else "on_time") for s in result.on_time + result.late]
    rows.sort(key=lambda row: row[0].path)
    return render(
        request,
        "reporting/request_detail.html",
        {
            "title": report_request.title,
            "req": report_request,
            "result": result,
            "rows": rows,
        },
    )
