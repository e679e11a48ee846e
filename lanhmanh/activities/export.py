"""The activity list as an .xlsx workbook: one row per activity, the columns an official
would type by hand. Text that a spreadsheet would read as a formula is written as text
(lanhmanh/core/xlsx_export.py)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from lanhmanh.core.xlsx_export import neutral, workbook_bytes


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
                neutral(a.kind.name),
                neutral(a.title),
                neutral(a.unit.full_name),
                neutral(a.place),
                neutral(a.organiser.name if a.organiser else ""),
                neutral("; ".join(o.name for o in a.co_organisers.all())),
                neutral("; ".join(a.topics())),
                neutral(a.get_channel_display()),
                neutral("; ".join(g.name for g in a.audiences.all())),
                a.participants,
                a.participants_male,
                a.participants_female,
                neutral("; ".join(f"{m.kind.name}: {m.count}" for m in a.materials.all())),
                int(a.cost) if a.cost is not None else None,
                neutral(a.get_fund_source_display()),
                neutral(a.notes),
            ]
        )
    # A write-only sheet: its rows went through ``neutral`` above.
    return io.BytesIO(workbook_bytes(book))
