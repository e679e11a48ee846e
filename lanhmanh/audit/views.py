"""The audit trail's screen, for administrators: the national administrator sees every
event, a province administrator the events within their province and of their users."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.accounts.permissions import can_read
from lanhmanh.accounts.roles import Module
from lanhmanh.core.audit import AuditAction, audit

from .selectors import AuditFilter, audit_events
from .xlsx import events_workbook

PAGE_SIZE = 50
EXPORT_LIMIT = 50_000


def _require_administrator(user) -> None:
    if not can_read(user, Module.USERS):
        raise Http404


def event_list(request):
    _require_administrator(request.user)
    f = AuditFilter.from_query(request.GET)
    page = Paginator(audit_events(request.user, f), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/event_list.html",
        {
            "title": _("Nhật ký hệ thống"),
            "page": page,
            "filter": f,
            "actions": AuditAction.choices,
        },
    )


def event_export(request):
    _require_administrator(request.user)
    f = AuditFilter.from_query(request.GET)
    events = audit_events(request.user, f)[:EXPORT_LIMIT]
    content = events_workbook(events)
    # The filters go in as one detail: a filter named like audit()'s own arguments
    # ('action') would otherwise collide with them (a 500).
    audit(request, AuditAction.EXPORT, filters=dict(request.GET.items()))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"nhat-ky-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
