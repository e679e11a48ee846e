"""Building blocks of an administrative document in the layout of Decree 30/2020/NĐ-CP
(appendix I): A4 page and margins, Times New Roman, the two header blocks, kind and
summary, body paragraphs and numbered sections, tables, 'Nơi nhận:' and the signature.

Every function takes the python-docx ``Document`` (or a table cell, for the blocks that sit
in one) and appends to it, so a document is written top to bottom:

    doc = new_document()
    add_header(doc, "UBND TỈNH THANH HÓA", "ỦY BAN NHÂN DÂN\\nPHƯỜNG HẠC THÀNH",
               document_number("5", "KH-UBND"), "Hạc Thành", datetime.date(2026, 1, 5))
    add_title(doc, "KẾ HOẠCH", "Phòng, chống mại dâm năm 2026")
    add_heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    add_paragraph(doc, "…")
    recipients, signature = closing_table(doc)
    add_recipients(recipients, ["Sở Y tế"], archive="VT, VX")
    add_signature(signature, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "…")
    data = to_bytes(doc)

Rules (the short lines under the issuing body, the motto and the summary) are empty
paragraphs with a top border, narrowed by equal left and right indents: Word and
LibreOffice both draw them where the decree puts them, and they survive editing.
"""

from __future__ import annotations

import datetime
import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

__all__ = [
    "BODY_SIZE",
    "FONT",
    "MOTTO",
    "NATIONAL_NAME",
    "add_header",
    "add_heading",
    "add_paragraph",
    "add_recipients",
    "add_signature",
    "add_table",
    "add_title",
    "closing_table",
    "document_number",
    "new_document",
    "place_and_date",
    "to_bytes",
]

FONT = "Times New Roman"
BODY_SIZE = 14
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Decree 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
MARGIN_TOP = Mm(20)
MARGIN_BOTTOM = Mm(20)
MARGIN_LEFT = Mm(30)
MARGIN_RIGHT = Mm(15)
TEXT_WIDTH = Mm(210) - MARGIN_LEFT - MARGIN_RIGHT  # 165 mm

# The header and closing tables span the text width: issuing body | national name.
HEADER_COLUMNS = (Cm(6.3), TEXT_WIDTH - Cm(6.3))
CLOSING_COLUMNS = (Cm(7.5), TEXT_WIDTH - Cm(7.5))
FIRST_LINE_INDENT = Cm(1.27)
PARAGRAPH_SPACING = Pt(6)

# Lengths of the rules. The motto's rule is as long as the motto (13 pt bold Times New
# Roman); the others are a third to a half of the line above them.
MOTTO_RULE = Cm(5.7)
ISSUER_RULE = Cm(2.2)
SUMMARY_RULE_MIN = Cm(2.5)
SUMMARY_RULE_MAX = Cm(5.5)
_AVERAGE_CHAR = Cm(0.24)  # of 14 pt bold Times New Roman, to size the summary's rule

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


# --- fonts ------------------------------------------------------------------------------


def _set_fonts(r_pr) -> None:
    """Times New Roman for every script: without eastAsia and cs, Word picks another font
    for some Vietnamese letters on machines set to an Asian locale."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _run(paragraph, text: str, *, size: float, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    _set_fonts(run._r.get_or_add_rPr())
    return run


def _lines(paragraph, text: str, *, size: float, bold=False, italic=False) -> None:
    """Text with line breaks ('ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA') in one paragraph."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = _run(paragraph, line, size=size, bold=bold, italic=italic)
        if i < len(lines) - 1:
            run.add_break()


def _format(paragraph, *, align="center", before=0, after=0, indent=None, line=1.0) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGN[align]
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = line
    fmt.first_line_indent = indent
    fmt.keep_together = True


# --- the document -----------------------------------------------------------------------


def new_document():
    """An empty A4 document with the decree's margins, fonts and page numbering."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = section.footer_distance = Mm(10)

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    _set_fonts(normal.element.get_or_add_rPr())
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    # the defaults every other style falls back on (tables, headers)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        r_pr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if r_pr is not None:
            _set_fonts(r_pr)

    # Page numbers centred in the top margin from page 2: the first page has its own,
    # empty header.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    _format(number, align="center")
    _page_field(number)
    return doc


def _page_field(paragraph) -> None:
    parts = [("begin", None), (None, "PAGE"), ("separate", None), (None, None), ("end", None)]
    for char, instruction in parts:
        run = _run(paragraph, "" if char or instruction else "2", size=BODY_SIZE)
        if char:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), char)
            run._r.append(fld)
        elif instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)


def to_bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- header -----------------------------------------------------------------------------


def document_number(number: str | None, symbol: str) -> str:
    """'Số' as the decree writes it: '05/KH-UBND' ('5' or '5/KH-UBND' given), or a blank
    to fill in when signing ('     /KH-UBND') when there is no number yet."""
    number = (number or "").strip()
    if "/" in number:
        number, symbol = (part.strip() for part in number.split("/", 1))
    symbol = re.sub(r"\s*[-–]\s*", "-", symbol)
    if number.isdigit():
        number = f"{int(number):02d}"
    return f"{number or ' ' * 6}/{symbol}"


def place_and_date(place: str, date: datetime.date | None, year: int | None = None) -> str:
    """'Hà Nội, ngày 05 tháng 01 năm 2020': a day below 10 and months 1 and 2 take a
    leading zero. Without a date, blanks to fill in when signing."""
    if date is None:
        return f"{place}, ngày      tháng      năm {year or ''}".rstrip()
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}"


def _layout_table(doc, widths):
    """A borderless table of one row that holds side-by-side blocks."""
    table = doc.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), "0")
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tbl_pr.append(margins)
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width
        for cell in col.cells:
            cell.width = width
    return table


def _rule(container, length, width, *, before=0, after=0):
    """A centred horizontal line ``length`` long in a block ``width`` wide."""
    p = container.add_paragraph()
    _format(p, align="center", before=before, after=after)
    side = max(int((width - length) / 2), 0)
    p.paragraph_format.left_indent = side
    p.paragraph_format.right_indent = side
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    p.paragraph_format.line_spacing = Pt(2)
    p_pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for attr, value in (
        ("w:val", "single"),
        ("w:sz", "6"),
        ("w:space", "1"),
        ("w:color", "000000"),
    ):
        top.set(qn(attr), value)
    borders.append(top)
    # pBdr comes before spacing and indentation in the schema's order
    anchor = p_pr.find(qn("w:spacing"))
    if anchor is None:
        p_pr.append(borders)
    else:
        anchor.addprevious(borders)
    return p


def add_header(
    doc,
    parent_body: str | None,
    issuing_body: str,
    number: str,
    place: str,
    date: datetime.date | None,
    *,
    year: int | None = None,
    subject: str | None = None,
):
    """The two header blocks. Left: the parent body (caps, regular; left out when there is
    none) over the issuing body (caps, bold, '\\n' between its lines) and a short rule, then
    'Số: …' and, for a letter, 'V/v …'. Right: the national name over the motto and its
    rule, then the place and date in italics."""
    table = _layout_table(doc, HEADER_COLUMNS)
    left, right = table.rows[0].cells
    left_w, right_w = HEADER_COLUMNS

    p = left.paragraphs[0]
    _format(p)
    if parent_body:
        _lines(p, parent_body.upper(), size=13)
        p = left.add_paragraph()
        _format(p)
    _lines(p, issuing_body.upper(), size=13, bold=True)
    _rule(left, ISSUER_RULE, left_w, before=3)
    p = left.add_paragraph()
    _format(p, before=4)
    _run(p, f"Số: {number}", size=13)
    if subject:
        p = left.add_paragraph()
        _format(p, before=2)
        _run(p, f"V/v {subject}", size=12)

    p = right.paragraphs[0]
    _format(p)
    _run(p, NATIONAL_NAME, size=12, bold=True)
    p = right.add_paragraph()
    _format(p)
    _run(p, MOTTO, size=13, bold=True)
    _rule(right, MOTTO_RULE, right_w, before=3)
    p = right.add_paragraph()
    _format(p, before=4)
    _run(p, place_and_date(place, date, year), size=14, italic=True)
    return table


def add_title(doc, kind: str, summary: str):
    """The kind of document in caps bold ('KẾ HOẠCH'), the summary in bold, a short rule."""
    p = doc.add_paragraph()
    _format(p, before=18)
    _run(p, kind.upper(), size=14, bold=True)
    p.paragraph_format.keep_with_next = True
    p = doc.add_paragraph()
    _format(p)
    _run(p, summary, size=14, bold=True)
    p.paragraph_format.keep_with_next = True
    length = min(max(len(summary) * _AVERAGE_CHAR, 0), TEXT_WIDTH) // 3
    length = min(max(length, SUMMARY_RULE_MIN), SUMMARY_RULE_MAX)
    return _rule(doc, length, TEXT_WIDTH, before=4, after=6)


# --- body -------------------------------------------------------------------------------


def add_paragraph(
    doc,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    indent: bool = True,
    align: str = "justify",
    size: float = BODY_SIZE,
):
    """A body paragraph: justified, first line indented 1.27 cm, 6 pt before."""
    p = doc.add_paragraph()
    _format(
        p,
        align=align,
        before=PARAGRAPH_SPACING.pt,
        indent=FIRST_LINE_INDENT if indent else None,
    )
    p.paragraph_format.keep_together = False
    p.paragraph_format.widow_control = True
    _run(p, text, size=size, bold=bold, italic=italic)
    return p


def add_heading(doc, text: str, level: int = 1):
    """'I. MỤC TIÊU' (level 1) and '1. Sở Y tế' (level 2) in bold, 'a) …' (level 3) in
    italics; a heading stays on the page of what follows it."""
    p = add_paragraph(doc, text, bold=level < 3, italic=level == 3)
    p.paragraph_format.keep_with_next = True
    return p


def add_table(doc, header: list[str], rows: list[list], widths=None, *, size: float = 13):
    """A data table with a bold header row (e.g. figures of a report)."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _format(cell.paragraphs[0], before=3, after=3)
        _run(cell.paragraphs[0], str(text), size=size, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            numeric = isinstance(value, int | float) or re.fullmatch(r"[\d.,%\s-]+", str(value))
            _format(cell.paragraphs[0], align="center" if numeric else "left", before=3, after=3)
            _run(cell.paragraphs[0], "" if value is None else str(value), size=size)
    if widths:
        # LibreOffice lays a table out by its grid, Word by its cells: set both
        table.autofit = False
        for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_col.w = width
        for col, width in zip(table.columns, widths, strict=True):
            for cell in col.cells:
                cell.width = width
    return table


# --- closing ----------------------------------------------------------------------------


def closing_table(doc):
    """(left, right) cells for 'Nơi nhận:' and the signature block, side by side."""
    spacer = doc.add_paragraph()
    _format(spacer, before=6)
    table = _layout_table(doc, CLOSING_COLUMNS)
    row = table.rows[0]
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    left, right = row.cells
    return left, right


def add_recipients(container, recipients: list[str], archive: str = "VT"):
    """'Nơi nhận:' (12, bold italic), then '- X;' lines (11) and '- Lưu: VT, …'."""
    p = container.paragraphs[0] if not container.paragraphs[0].text else None
    p = p or container.add_paragraph()
    _format(p, align="left")
    _run(p, "Nơi nhận:", size=12, bold=True, italic=True)
    for name in recipients:
        name = name.strip().lstrip("-–+• ").rstrip(" ;.,")
        if name:
            line = container.add_paragraph()
            _format(line, align="left")
            _run(line, f"- {name};", size=11)
    line = container.add_paragraph()
    _format(line, align="left")
    _run(line, f"- Lưu: {archive.strip().rstrip('.')}.", size=11)
    return container


def add_signature(container, authority: list[str], title: str, name: str, *, space: int = 72):
    """Authority lines ('TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH') and the title in caps bold,
    room for the signature and seal, then the name in bold."""
    first = container.paragraphs[0] if not container.paragraphs[0].text else None
    lines = [line.upper() for line in (*authority, title) if line]
    for i, line in enumerate(lines):
        p = first if i == 0 and first is not None else container.add_paragraph()
        _format(p)
        _run(p, line, size=14, bold=True)
    p = container.add_paragraph()
    _format(p, before=space)
    _run(p, name, size=14, bold=True)
    return container
