"""The audit trail as a workbook. Every text cell is neutralised: a name or an object
typed as ``=HYPERLINK(...)`` stays text in Excel, never a formula."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from lanhmanh.core.xlsx_export import safe_row, workbook_bytes


def events_workbook(events) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Nhật ký")
    sheet.append(
        [
            _("Thời gian"),
            _("Người thực hiện"),
            _("Thao tác"),
            _("Loại đối tượng"),
            _("Mã"),
            _("Đối tượng"),
            _("Địa chỉ IP"),
            _("Chi tiết"),
        ]
    )
    for e in events:
        row = [
            timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"),
            e.actor_name,
            e.get_action_display(),
            e.object_type,
            e.object_id,
            e.object_repr,
            e.ip or "",
            _detail_text(e.detail),
        ]
        sheet.append(safe_row(row))
    return workbook_bytes(book)


def _detail_text(detail) -> str:
    if not detail:
        return ""
    return "; ".join(f"{k}: {v}" for k, v in detail.items())[:2000]
