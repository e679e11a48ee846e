"""Excel and Word outputs of the module. Every text cell is written so that it can never
be a formula; counts arrive already suppressed from ``selectors.overview``."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook

from lanhmanh.core.xlsx_export import neutral, workbook_bytes
from lanhmanh.documents import layout

from .models import ClientIdentity


def cell(value):
    """A cell's value: lazy translations as text, formula-like text escaped."""
    return neutral(str(value) if isinstance(value, Promise) else value)


def _bytes(wb) -> bytes:
    return workbook_bytes(wb)


def overview_xlsx(tables, year: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = str(year)
    ws.append([cell(_("Số liệu hỗ trợ năm %(year)s (số dưới 5 ghi '<5')") % {"year": year})])
    for table in tables:
        ws.append([])
        ws.append([cell(table.title)])
        ws.append([cell(h) for h in table.header])
        for label, cells in table.rows:
            ws.append([cell(label), *[cell(c) for c in cells]])
    return _bytes(wb)


def overview_docx(tables, year: int, unit_label: str) -> bytes:
    doc = layout.new_document()
    layout.add_title(
        doc,
        _("BÁO CÁO"),
        _("Số liệu hỗ trợ người bán dâm, nạn nhân bị mua bán năm %(year)s") % {"year": year},
    )
    layout.add_paragraph(
        doc,
        _("Phạm vi: %(unit)s. Số dưới 5 được ghi '<5' để không nhận dạng được người.")
        % {"unit": unit_label},
    )
    for table in tables:
        layout.add_heading(doc, table.title, 2)
        layout.add_table(doc, table.header, [[label, *cells] for label, cells in table.rows])
    return layout.to_bytes(doc)


def case_xlsx(client) -> bytes:
    """One case, person-level: only ever produced by ``views.cases.case_export``."""
    wb = Workbook()
    ws = wb.active
    ws.title = client.reference
    identity = ClientIdentity.objects.filter(client=client).first()
    rows = [
        (_("Mã ca"), client.reference),
        (_("Xã, phường"), str(client.unit)),
        (_("Nhóm đối tượng"), client.get_group_display()),
        (_("Giới tính"), client.get_sex_display()),
        (_("Năm sinh"), client.birth_year or ""),
        (_("Ngày mở ca"), f"{client.opened_on:%d/%m/%Y}"),
        (_("Kế hoạch hỗ trợ"), client.plan),
    ]
    if identity:
        rows += [
            (_("Họ và tên"), identity.full_name),
            (_("Điện thoại"), identity.phone),
            (_("Số CCCD, giấy tờ tùy thân"), identity.id_number),
            (_("Địa chỉ"), identity.address),
        ]
    for label, value in rows:
        ws.append([cell(str(label)), cell(value)])
    ws.append([])
    ws.append([cell(_("Dịch vụ")), cell(_("Ngày")), cell(_("Cơ sở")), cell(_("Chi phí"))])
    for s in client.services.select_related("service_type", "provider"):
        ws.append(
            [
                cell(s.service_type.name),
                f"{s.given_on:%d/%m/%Y}",
                cell(str(s.provider or "")),
                s.cost,
            ]
        )
    ws.append([])
    ws.append([cell(_("Chuyển gửi")), cell(_("Ngày")), cell(_("Tình trạng"))])
    for r in client.referrals.select_related("provider"):
        ws.append([cell(str(r.provider)), f"{r.sent_on:%d/%m/%Y}", cell(r.get_status_display())])
    return _bytes(wb)
