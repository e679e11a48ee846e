"""Counts for the province and whoever reads reports: never a person, small counts '<5'."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.accounts.scope import memberships_of

from .. import access, selectors
from ..export import overview_docx, overview_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(request) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


def overview(request):
    access.require_counts(request.user)
    year = _year(request)
    return render(
        request,
        "support/overview.html",
        {
            "tables": selectors.overview(request.user, year),
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
            "title": _("Số liệu hỗ trợ"),
        },
    )


def overview_export_xlsx(request):
    access.require_counts(request.user)
    year = _year(request)
    response = HttpResponse(overview_xlsx(selectors.overview(request.user, year), year), XLSX)
    response["Content-Disposition"] = f'attachment; filename="so-lieu-ho-tro-{year}.xlsx"'
    return response


def overview_export_docx(request):
    access.require_counts(request.user)
    year = _year(request)
    label = ", ".join(str(m.unit) for m in _memberships(request)) or "—"
    response = HttpResponse(
        overview_docx(selectors.overview(request.user, year), year, label), DOCX
    )
    response["Content-Disposition"] = f'attachment; filename="so-lieu-ho-tro-{year}.docx"'
    return response


def _memberships(request):
    return memberships_of(request.user)
