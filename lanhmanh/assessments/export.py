"""The assessment result of a commune and the province's classification list as .xlsx,
through the shared writer (formula-like text is escaped)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from lanhmanh.core.xlsx_export import workbook_bytes

from .result_docx import CHANGE_WORDS, _result


def _sheet(book, title, header):
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    return sheet


def assessment_xlsx(assessment, answers) -> bytes:
    book = Workbook()
    sheet = _sheet(
        book,
        "Danh gia",
        [
            "TT",
            "Mã",
            "Tiêu chí",
            "Tối đa",
            "Tự chấm",
            "Đề xuất của hệ thống",
            "Lý do khác đề xuất",
            "Thẩm định",
            "Ý kiến thẩm định",
            "Giải trình",
        ],
    )
    for i, a in enumerate(answers, start=1):
        sheet.append(
            [
                i,
                a.criterion.code,
                a.criterion.text,
                float(a.criterion.max_points) if a.criterion.max_points is not None else "Đạt",
                _result(a, adjusted=False),
                a.proposal,
                a.override_reason,
                _result(a, adjusted=True),
                a.adjustment_comment,
                a.note,
            ]
        )
    sheet.append([])
    sheet.append(["", "", "Tổng điểm tự chấm", "", float(assessment.self_total)])
    sheet.append(["", "", "Tổng điểm thẩm định", "", "", "", "", float(assessment.total)])
    sheet.append(
        [
            "",
            "",
            "Xếp loại",
            "",
            assessment.result_class.name
            if assessment.result_class
            else assessment.get_status_display(),
        ]
    )
    return workbook_bytes(book)


def classification_xlsx(year: int, rows) -> bytes:
    book = Workbook()
    sheet = _sheet(
        book,
        f"Phan loai {year}",
        [
            "TT",
            "Mã",
            "Xã, phường",
            "Trạng thái",
            "Điểm",
            f"Xếp loại {year}",
            "Lành mạnh",
            f"Xếp loại {year - 1}",
            "Thay đổi",
        ],
    )
    for i, row in enumerate(rows, start=1):
        a, before = row.assessment, row.previous
        sheet.append(
            [
                i,
                row.unit.code,
                row.unit.full_name,
                a.get_status_display() if a else "Chưa đánh giá",
                float(a.total) if a else None,
                a.result_class.name if a and a.result_class else "",
                ("Có" if a.result_class.healthy else "Không") if a and a.result_class else "",
                before.result_class.name if before and before.result_class else "",
                CHANGE_WORDS[row.change],
            ]
        )
    return workbook_bytes(book)
