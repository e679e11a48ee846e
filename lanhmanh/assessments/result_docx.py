"""The assessment documents in the layout of Decree 30/2020/NĐ-CP: a commune's report of
its assessment result (``assessment_docx``) and the province's classification list
(``classification_docx``), always in Vietnamese. Both are built from the same reads as
the screens (selectors), never from views."""

from __future__ import annotations

from django.utils import timezone, translation
from docx.shared import Cm

from lanhmanh.documents import layout
from lanhmanh.geography.models import KIND_PREFIX

from .models import Rule, Status

COMMITTEE = "Ủy ban nhân dân"
CHANGE_WORDS = {
    "new": "Mới được công nhận",
    "lost": "Không còn được công nhận",
    "up": "Lên loại",
    "down": "Xuống loại",
    "same": "Giữ nguyên",
    "": "",
}
CRITERIA_WIDTHS = [Cm(1), Cm(7.5), Cm(2), Cm(2), Cm(2), Cm(2)]
LIST_WIDTHS = [Cm(1), Cm(4.5), Cm(1.8), Cm(3.7), Cm(3.2), Cm(2.3)]


def unit_words(unit) -> str:
    return f"{str(KIND_PREFIX[unit.kind]).lower()} {unit.name}"


def _number(value) -> str:
    if value is None:
        return ""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _result(answer, *, adjusted: bool) -> str:
    if answer.criterion.rule == Rule.POINTS:
        return _number(answer.final_points if adjusted else answer.points)
    passed = answer.final_passed if adjusted else answer.passed
    return {True: "Đạt", False: "Không đạt", None: ""}[passed]


def _header(doc, unit, year: int, symbol: str):
    """The committee of ``unit`` issues it (a list spanning several provinces: no name)."""
    parent = unit.parent if unit is not None else None
    layout.add_header(
        doc,
        f"UBND {unit_words(parent)}" if parent else None,
        f"{COMMITTEE}\n{unit_words(unit)}" if unit is not None else COMMITTEE,
        layout.document_number(None, symbol),
        unit.name if unit is not None else "…",
        None,
        year=year,
    )


def _closing(doc, recipients: list[str]):
    left, right = layout.closing_table(doc)
    layout.add_recipients(left, recipients, archive="VT")
    layout.add_signature(right, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "")


def assessment_docx(assessment, answers) -> bytes:
    with translation.override("vi"):
        unit, year = assessment.unit, assessment.year
        framework = assessment.framework_version.framework
        doc = layout.new_document()
        _header(doc, unit, timezone.localdate().year, "BC-UBND")
        layout.add_title(
            doc, "BÁO CÁO", f"Kết quả đánh giá, phân loại {framework.name.lower()} năm {year}"
        )
        if unit.parent is not None:
            layout.add_paragraph(
                doc,
                f"Kính gửi: {COMMITTEE} {unit_words(unit.parent)}.",
                align="center",
                indent=False,
            )
        layout.add_paragraph(
            doc,
            f"Căn cứ {framework.legal_basis or framework.name} (bộ tiêu chí phiên bản "
            f"{assessment.framework_version.number}), {COMMITTEE} {unit_words(unit)} báo cáo "
            f"kết quả tự đánh giá và kết quả thẩm định năm {year} như sau:",
        )
        layout.add_heading(doc, "I. KẾT QUẢ THEO TỪNG TIÊU CHÍ")
        rows = []
        for i, a in enumerate(answers, start=1):
            notes = "; ".join(
                filter(None, [a.note, a.override_reason, a.adjustment_comment, a.proposal])
            )
            maximum = _number(a.criterion.max_points) if a.criterion.rule == Rule.POINTS else "Đạt"
            rows.append(
                [
                    i,
                    a.criterion.text + (f" ({notes})" if notes else ""),
                    maximum,
                    _result(a, adjusted=False),
                    _result(a, adjusted=True),
                    "Điều chỉnh" if a.adjusted else "",
                ]
            )
        layout.add_table(
            doc,
            ["TT", "Tiêu chí", "Tối đa", "Tự chấm", "Thẩm định", "Ghi chú"],
            rows,
            widths=CRITERIA_WIDTHS,
            size=12,
        )
        layout.add_heading(doc, "II. KẾT QUẢ PHÂN LOẠI")
        layout.add_paragraph(
            doc,
            f"Tổng điểm tự chấm: {_number(assessment.self_total)}; tổng điểm thẩm định: "
            f"{_number(assessment.total)}.",
        )
        if assessment.status == Status.APPROVED and assessment.result_class:
            layout.add_paragraph(
                doc,
                f"Xếp loại: {assessment.result_class.name} (phê duyệt ngày "
                f"{assessment.approved_on:%d/%m/%Y}).",
                bold=True,
            )
        else:
            layout.add_paragraph(
                doc, f"Chưa phê duyệt ({assessment.get_status_display()}).", italic=True
            )
        if assessment.review_comment:
            layout.add_paragraph(doc, f"Ý kiến thẩm định: {assessment.review_comment}")
        layout.add_paragraph(
            doc,
            f"Trên đây là báo cáo kết quả đánh giá, phân loại năm {year} của {COMMITTEE} "
            f"{unit_words(unit)}./.",
        )
        _closing(doc, ["Như trên", "Chủ tịch, các Phó Chủ tịch UBND"])
        return layout.to_bytes(doc)


def classification_docx(province, year: int, kind_label: str, rows, counts, pending) -> bytes:
    with translation.override("vi"):
        doc = layout.new_document()
        _header(doc, province, timezone.localdate().year, "BC-UBND")
        layout.add_title(doc, "BÁO CÁO", f"Kết quả phân loại {kind_label.lower()} năm {year}")
        layout.add_heading(doc, "I. TỔNG HỢP THEO LOẠI")
        total = len(rows)
        for name, n, _healthy in counts:
            layout.add_paragraph(doc, f"- {name}: {n}/{total} xã, phường.")
        if pending:
            layout.add_paragraph(doc, f"- Chưa phê duyệt kết quả: {pending} xã, phường.")
        gained = sum(1 for r in rows if r.change == "new")
        lost = sum(1 for r in rows if r.change == "lost")
        layout.add_paragraph(
            doc,
            f"So với năm {year - 1}: {gained} xã, phường mới được công nhận; {lost} xã, phường "
            "không còn được công nhận.",
        )
        layout.add_heading(doc, "II. DANH SÁCH XÃ, PHƯỜNG THEO LOẠI")
        table_rows = []
        for i, row in enumerate(rows, start=1):
            a, before = row.assessment, row.previous
            table_rows.append(
                [
                    i,
                    row.unit.full_name,
                    _number(a.total) if a else "",
                    (
                        a.result_class.name
                        if a and a.result_class
                        else (a.get_status_display() if a else "Chưa đánh giá")
                    ),
                    before.result_class.name if before and before.result_class else "",
                    CHANGE_WORDS[row.change],
                ]
            )
        layout.add_table(
            doc,
            ["TT", "Xã, phường", "Điểm", f"Xếp loại năm {year}", f"Năm {year - 1}", "Thay đổi"],
            table_rows,
            widths=LIST_WIDTHS,
            size=11,
        )
        _closing(doc, ["Bộ Y tế", "Chủ tịch, các Phó Chủ tịch UBND tỉnh", "UBND các xã, phường"])
        return layout.to_bytes(doc)
