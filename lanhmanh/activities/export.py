"""The activity list as an .xlsx workbook: one row per activity, the columns an official
would type by hand. Text that a spreadsheet would read as a formula is written as text."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """A cell value that is never a formula: text starting like one gets a leading
    apostrophe, the spreadsheet convention for 'this is text'."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def activities_workbook(rows) -> io.BytesIO:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Hoạt động"))
    header = [
        _("Ngày bắt đầu"),
        _("Ngày kết thúc"),
        _("Loại hoạt động"),
        _("Tên hoạt động"),
        _("Địa bàn"),
        _("Thôn, tổ dân phố, địa điểm"),
        _("Cơ quan tổ chức"),
        _("Cơ quan phối hợp"),
        _("Lĩnh vực"),
        _("Hình thức"),
        _("Đối tượng tham gia"),
        _("Số người tham gia"),
        _("Nam"),
        _("Nữ"),
        _("Tài liệu, sản phẩm"),
        _("Kinh phí (đồng)"),
        _("Nguồn kinh phí"),
        _("Ghi chú"),
    ]
    sheet.append(header)
    for a in rows.iterator(chunk_size=500):
        sheet.append(
            [
                a.start_date,
                a.end_date,
                safe(a.kind.name),
                safe(a.title),
                safe(a.unit.full_name),
                safe(a.place),
                safe(a.organiser.name if a.organiser else ""),
                safe("; ".join(o.name for o in a.co_organisers.all())),
                safe("; ".join(a.topics())),
                safe(a.get_channel_display()),
                safe("; ".join(g.name for g in a.audiences.all())),
                a.participants,
                a.participants_male,
                a.participants_female,
                safe("; ".join(f"{m.kind.name}: {m.count}" for m in a.materials.all())),
                int(a.cost) if a.cost is not None else None,
                safe(a.get_fund_source_display()),
                safe(a.notes),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out
