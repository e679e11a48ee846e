"""The exported plan follows Decree 30/2020/NĐ-CP: page, fonts, header blocks, rules, title,
body, page numbers, recipients and signature. Read back with python-docx."""

import datetime
import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from lanhmanh.documents import layout
from lanhmanh.documents.plan_docx import plan_to_docx, signature_label
from lanhmanh.plans.models import Measure, Plan, PlanBasis, SignatureForm, Target, Task


@pytest.fixture
def commune_plan(world):
    plan = Plan.objects.create(
        unit=world.hac_thanh,
        number="5/KH-UBND",
        issued_on=datetime.date(2026, 1, 5),
        year_from=2026,
        year_to=2026,
        title="Phòng, chống mại dâm trên địa bàn phường Hạc Thành năm 2026",
        topics=["prostitution"],
        signature_form=SignatureForm.ON_BEHALF,
        signer_title="PHÓ CHỦ TỊCH",
        signer="Nguyễn Thị Hoa",
        recipients="- UBND tỉnh Thanh Hóa (để b/c);\n- Công an phường;\n- Lưu: VT, VHXH.",
    )
    PlanBasis.objects.create(plan=plan, reference="1629/QĐ-TTg")
    Target.objects.create(
        plan=plan,
        statement="Ít nhất 70% tổ dân phố tổ chức tuyên truyền về phòng, chống mại dâm",
        comparator=">=",
        value=70,
        measure=Measure.PERCENT,
    )
    Task.objects.create(
        plan=plan,
        text="Kiểm tra các cơ sở kinh doanh dịch vụ dễ bị lợi dụng",
        lead=world.hac_thanh_police,
    )
    return plan


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


@pytest.fixture
def document(commune_plan):
    return open_docx(plan_to_docx(commune_plan))


def body_paragraphs(doc):
    return [p for p in doc.paragraphs if p.text.strip()]


def paragraph(doc, text):
    return next(p for p in doc.paragraphs if p.text.startswith(text))


def header_cells(doc):
    left, right = doc.tables[0].rows[0].cells
    return left, right


def texts(cell):
    return [p.text for p in cell.paragraphs if p.text.strip()]


def run_format(p):
    """(size, bold, italic) of a paragraph whose runs share one format."""
    formats = {(r.font.size, bool(r.font.bold), bool(r.font.italic)) for r in p.runs if r.text}
    assert len(formats) == 1, formats
    return formats.pop()


def rule_after(cell_or_doc, p):
    """The paragraph after ``p`` when it is a rule: a top border and no text."""
    paragraphs = cell_or_doc.paragraphs
    nxt = paragraphs[[q._p for q in paragraphs].index(p._p) + 1]
    p_pr = nxt._p.pPr
    border = p_pr.find(qn("w:pBdr")) if p_pr is not None else None
    assert nxt.text == ""
    assert border is not None and border.find(qn("w:top")).get(qn("w:val")) == "single"
    return nxt


def rule_length(rule, width):
    fmt = rule.paragraph_format
    assert fmt.left_indent == fmt.right_indent  # centred under its line
    return width - fmt.left_indent - fmt.right_indent


def test_the_page_is_a4_with_the_decree_margins(document):
    section = document.sections[0]

    def mm(length):  # Word stores twentieths of a point: compare to a tenth of a millimetre
        return round(length / Mm(1), 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert 20 <= mm(section.top_margin) <= 25
    assert 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35
    assert 15 <= mm(section.right_margin) <= 20


def test_every_run_is_times_new_roman_for_every_script(document):
    runs = [r for p in document.paragraphs for r in p.runs]
    for table in document.tables:
        for cell in table._cells:
            runs += [r for p in cell.paragraphs for r in p.runs]
    assert len(runs) > 20
    for run in runs:
        fonts = run._r.rPr.find(qn("w:rFonts"))
        for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert fonts.get(qn(script)) == "Times New Roman", (run.text, script)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "Times New Roman"


def test_the_left_block_names_the_parent_body_then_the_issuing_body_and_the_number(document):
    left, _right = header_cells(document)
    assert texts(left) == [
        "UBND TỈNH THANH HÓA",
        "ỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH",
        "Số: 05/KH-UBND",
    ]
    parent, issuer, number = (p for p in left.paragraphs if p.text.strip())
    assert run_format(parent) == (Pt(13), False, False)
    assert run_format(issuer) == (Pt(13), True, False)
    assert run_format(number) == (Pt(13), False, False)
    rule = rule_after(left, issuer)
    assert Cm(1.5) <= rule_length(rule, layout.HEADER_COLUMNS[0]) <= Cm(2.7)


def test_the_right_block_has_the_national_name_the_motto_and_the_place_and_date(document):
    _left, right = header_cells(document)
    assert texts(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hạc Thành, ngày 05 tháng 01 năm 2026",
    ]
    name, motto, date = (p for p in right.paragraphs if p.text.strip())
    assert run_format(name) == (Pt(12), True, False)
    assert run_format(motto) == (Pt(13), True, False)
    assert run_format(date) == (Pt(14), False, True)
    # the motto's rule is as long as the motto
    assert Cm(5.2) <= rule_length(rule_after(right, motto), layout.HEADER_COLUMNS[1]) <= Cm(6.2)


def test_a_province_committee_has_no_parent_body(world, commune_plan):
    commune_plan.unit = world.thanh_hoa
    commune_plan.save()
    left, _right = header_cells(open_docx(plan_to_docx(commune_plan)))
    assert texts(left) == ["ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA", "Số: 05/KH-UBND"]


def test_the_kind_and_summary_are_bold_and_centred_over_a_short_rule(document):
    kind = paragraph(document, "KẾ HOẠCH")
    summary = paragraph(document, "Phòng, chống mại dâm trên địa bàn")
    assert kind.text == "KẾ HOẠCH"
    for p in (kind, summary):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert run_format(p) == (Pt(14), True, False)
    width = document.sections[0].page_width - Mm(30) - Mm(15)
    assert Cm(2.5) <= rule_length(rule_after(document, summary), width) <= width / 2


def test_the_body_is_justified_indented_and_spaced(document):
    basis = paragraph(document, "Căn cứ Quyết định số 1629/QĐ-TTg")
    purpose = paragraph(document, "Triển khai đồng bộ")
    target = paragraph(document, "- Ít nhất 70% tổ dân phố")
    for p in (basis, purpose, target):
        fmt = p.paragraph_format
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert Cm(1) <= fmt.first_line_indent <= Cm(1.27)
        assert fmt.space_before >= Pt(6)
        assert run_format(p)[0] in (Pt(13), Pt(14))


def test_sections_are_roman_numerals_in_bold(document):
    headings = [p.text for p in document.paragraphs if p.runs and p.runs[0].font.bold]
    assert "I. MỤC ĐÍCH, YÊU CẦU" in headings
    assert "II. MỤC TIÊU, CHỈ TIÊU" in headings
    assert "III. TỔ CHỨC THỰC HIỆN" in headings
    assert "1. Công an phường Hạc Thành" in headings


def test_page_numbers_are_centred_in_the_header_from_page_two(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    number = section.header.paragraphs[0]
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instructions = [i.text.strip() for i in number._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]


def test_recipients_are_small_with_dashes_and_end_with_the_archive(document):
    left, _right = document.tables[-1].rows[0].cells
    lines = [p for p in left.paragraphs if p.text.strip()]
    assert lines[0].text == "Nơi nhận:"
    assert run_format(lines[0]) == (Pt(12), True, True)
    assert [p.text for p in lines[1:]] == [
        "- UBND tỉnh Thanh Hóa (để b/c);",
        "- Công an phường;",
        "- Lưu: VT, VHXH.",
    ]
    for p in lines[1:]:
        assert run_format(p) == (Pt(11), False, False)


def test_the_signature_block_has_authority_title_room_and_the_name(document):
    _left, right = document.tables[-1].rows[0].cells
    lines = [p for p in right.paragraphs if p.text.strip()]
    assert [p.text for p in lines] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Thị Hoa",
    ]
    for p in lines:
        assert run_format(p) == (Pt(14), True, False)
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert lines[-1].paragraph_format.space_before >= Pt(48)  # room to sign and seal


@pytest.mark.parametrize(
    ("form", "title", "expected"),
    [
        # a committee is a collective body: its deputy chair signs on its behalf too
        (
            SignatureForm.DEPUTY,
            "Phó Chủ tịch",
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        (SignatureForm.ON_BEHALF, "", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        (SignatureForm.ACTING, "", ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]),
        (SignatureForm.HEAD, "Chủ tịch", ["CHỦ TỊCH"]),
    ],
)
def test_each_signature_form_writes_its_authority_lines(commune_plan, form, title, expected):
    commune_plan.signature_form, commune_plan.signer_title = form, title
    commune_plan.save()
    _left, right = open_docx(plan_to_docx(commune_plan)).tables[-1].rows[0].cells
    assert texts(right) == [*expected, "Nguyễn Thị Hoa"]


def test_without_recipients_the_parent_committee_and_the_agencies_receive_it(commune_plan):
    commune_plan.recipients = ""
    commune_plan.save()
    left, _right = open_docx(plan_to_docx(commune_plan)).tables[-1].rows[0].cells
    assert texts(left) == [
        "Nơi nhận:",
        "- UBND tỉnh Thanh Hóa (để báo cáo);",
        "- Chủ tịch, các Phó Chủ tịch UBND phường Hạc Thành;",
        "- Các cơ quan, đơn vị tại Mục III;",
        "- Lưu: VT.",
    ]


def test_numbers_and_dates_take_the_decree_leading_zeros():
    assert layout.document_number("5", "KH-UBND") == "05/KH-UBND"
    assert layout.document_number("5/KH-UBND", "") == "05/KH-UBND"
    assert layout.document_number("112/KH-UBND", "") == "112/KH-UBND"
    assert layout.document_number("", "KH-UBND") == "      /KH-UBND"
    assert layout.place_and_date("Hà Nội", datetime.date(2020, 1, 5)) == (
        "Hà Nội, ngày 05 tháng 01 năm 2020"
    )
    assert layout.place_and_date("Hà Nội", datetime.date(2020, 2, 15)) == (
        "Hà Nội, ngày 15 tháng 02 năm 2020"
    )
    assert layout.place_and_date("Hà Nội", datetime.date(2020, 3, 9)) == (
        "Hà Nội, ngày 09 tháng 3 năm 2020"
    )
    assert layout.place_and_date("Hà Nội", datetime.date(2020, 12, 31)) == (
        "Hà Nội, ngày 31 tháng 12 năm 2020"
    )
    assert layout.place_and_date("Hà Nội", None, 2026) == "Hà Nội, ngày      tháng      năm 2026"


def test_a_data_table_has_a_bold_header_row():
    doc = layout.new_document()
    table = layout.add_table(doc, ["Chỉ tiêu", "Kết quả"], [["Cơ sở được kiểm tra", 12]])
    header, row = table.rows
    assert [c.text for c in header.cells] == ["Chỉ tiêu", "Kết quả"]
    assert all(run_format(c.paragraphs[0])[1] for c in header.cells)
    assert [c.text for c in row.cells] == ["Cơ sở được kiểm tra", "12"]
    assert row.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_a_target_quoted_from_mid_sentence_starts_with_a_capital(commune_plan):
    Target.objects.create(
        plan=commune_plan,
        order=5,
        statement="duy trì 06 mô hình hỗ trợ người bán dâm",
        comparator=">=",
        value=6,
        measure=Measure.COUNT,
    )
    lines = [p.text for p in open_docx(plan_to_docx(commune_plan)).paragraphs]
    assert "- Duy trì 06 mô hình hỗ trợ người bán dâm." in lines


def test_the_signature_on_one_line_for_the_plan_page(commune_plan):
    assert signature_label(commune_plan) == "TM. ỦY BAN NHÂN DÂN – KT. CHỦ TỊCH – PHÓ CHỦ TỊCH"
    commune_plan.signature_form = SignatureForm.DEPUTY
    assert signature_label(commune_plan) == "TM. ỦY BAN NHÂN DÂN – KT. CHỦ TỊCH – PHÓ CHỦ TỊCH"
