"""Downloads: a commune's assessment result and the province's classification list as
.docx (Decree 30/2020 layout) and .xlsx."""

from __future__ import annotations

import io

from django.http import FileResponse
from django.utils.text import slugify

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import require_module
from lanhmanh.core.audit import AuditAction, audit, audited

from .. import selectors
from ..export import assessment_xlsx, classification_xlsx
from ..models import FrameworkKind
from ..result_docx import assessment_docx, classification_docx
from . import _filters

MODULE = Module.ASSESSMENTS
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(content: bytes, name: str, content_type: str):
    return FileResponse(
        io.BytesIO(content), as_attachment=True, filename=name, content_type=content_type
    )


def _assessment(request, pk):
    require_module(request.user, MODULE)
    assessment = selectors.assessment_for_page(request.user, pk)
    return assessment, list(selectors.answers_of(assessment))


@audited(AuditAction.DOWNLOAD)
def assessment_docx_view(request, pk):
    assessment, answers = _assessment(request, pk)
    name = f"danh-gia-{assessment.unit.code}-{assessment.year}.docx"
    return _file(assessment_docx(assessment, answers), name, DOCX)


@audited(AuditAction.DOWNLOAD)
def assessment_xlsx_view(request, pk):
    assessment, answers = _assessment(request, pk)
    name = f"danh-gia-{assessment.unit.code}-{assessment.year}.xlsx"
    return _file(assessment_xlsx(assessment, answers), name, XLSX)


def _classification(request):
    require_module(request.user, MODULE)
    filters = _filters(request)
    rows = selectors.classification(request.user, filters)
    province = filters.unit
    if province is None:
        units = {r.unit.parent_id: r.unit.parent for r in rows if r.unit.parent}
        province = next(iter(units.values())) if len(units) == 1 else None
    return filters, rows, province


def classification_docx_view(request):
    filters, rows, province = _classification(request)
    counts, pending = selectors.class_counts(rows)
    label = str(FrameworkKind(filters.kind).label)
    content = classification_docx(province, filters.year, label, rows, counts, pending)
    audit(request, AuditAction.EXPORT, province, file="phan-loai.docx", year=filters.year)
    code = slugify(province.code) if province else "ds"
    return _file(content, f"phan-loai-{code}-{filters.year}.docx", DOCX)


def classification_xlsx_view(request):
    filters, rows, province = _classification(request)
    audit(request, AuditAction.EXPORT, province, file="phan-loai.xlsx", year=filters.year)
    code = slugify(province.code) if province else "ds"
    content = classification_xlsx(filters.year, rows)
    return _file(content, f"phan-loai-{code}-{filters.year}.xlsx", XLSX)
