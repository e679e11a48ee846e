"""The register as an .xlsx workbook: one row per decision, counts-only columns (no
person is named). Formula-like text is written as text (lanhmanh/core/xlsx_export.py)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from lanhmanh.core.xlsx_export import neutral, workbook_bytes


def decisions_workbook(rows) -> io.BytesIO:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Xử phạt"))
    sheet.append(
        [
            _("Ngày vi phạm"),
            _("Địa bàn vi phạm"),
            _("Hành vi vi phạm"),
            _("Nghị định"),
            _("Đối tượng"),
            _("Vai trò"),
            _("Giới tính"),
            _("Độ tuổi"),
            _("Quốc tịch"),
            _("Tổ chức vi phạm"),
            _("Hình thức xử lý"),
            _("Số quyết định"),
            _("Ngày ra quyết định"),
            _("Cơ quan ra quyết định"),
            _("Số tiền phạt (đồng)"),
            _("Số tiền đã nộp (đồng)"),
            _("Hạn nộp phạt"),
            _("Tình trạng thi hành"),
            _("Hình thức xử phạt bổ sung, biện pháp khắc phục"),
        ]
    )
    for d in rows.select_related("establishment").iterator(chunk_size=500):
        organisation = d.establishment.name if d.establishment else d.organisation_name
        sheet.append(
            [
                d.act_date,
                neutral(d.unit.full_name),
                neutral(d.violation_type.description),
                neutral(d.violation_type.decree),
                neutral(d.get_offender_kind_display()),
                neutral(d.get_role_display()),
                neutral(d.get_sex_display()),
                neutral(d.get_age_band_display()),
                neutral(d.get_nationality_display()),
                neutral(organisation),
                neutral(d.get_outcome_display()),
                neutral(d.decision_number),
                d.decision_date,
                neutral(d.issuing_agency.name if d.issuing_agency else ""),
                d.fine_vnd,
                d.paid_vnd if d.fine_vnd else None,
                d.payment_due,
                neutral(d.get_enforcement_display()),
                neutral(d.additional_measures),
            ]
        )
    # A write-only sheet: its rows went through ``neutral`` above.
    return io.BytesIO(workbook_bytes(book))
