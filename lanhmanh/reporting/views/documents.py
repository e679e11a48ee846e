"""Report documents of a unit for a period: the .docx in the official layout and the .xlsx
of every figure with its source."""

from __future__ import annotations

from django.http import HttpResponse

from lanhmanh.core.audit import AuditAction, audited

from ..forms import PeriodForm
from ..report_docx import report_docx, report_filename
from ..report_xlsx import report_xlsx, report_xlsx_filename
from .common import require_read, unit_or_404
from .excel import XLSX

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _unit_and_period(request):
    require_read(request.user)
    unit = unit_or_404(request.user, request.GET.get("unit"))
    return unit, PeriodForm(request.GET).period()


@audited(AuditAction.EXPORT)
def report_document(request):
    unit, period = _unit_and_period(request)
    response = HttpResponse(report_docx(unit, period, user=request.user), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{report_filename(unit, period)}"'
    return response


@audited(AuditAction.EXPORT)
def report_figures_xlsx(request):
    unit, period = _unit_and_period(request)
    response = HttpResponse(report_xlsx(unit, period, user=request.user), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{report_xlsx_filename(unit, period)}"'
    return response
