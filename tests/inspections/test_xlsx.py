"""The sheet reader behind the Excel import, on a workbook written the way Excel and
LibreOffice write them (shared strings, rich text, dates as numbers in a date format,
empty rows and cells left out), and on openpyxl's own files (inline strings)."""

import datetime
import io
import zipfile

import pytest
from openpyxl import Workbook

from lanhmanh.inspections.xlsx import XlsxError, iter_rows

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr/>
<sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>"""
RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{PKG}">
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>"""
SHARED = f"""<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="{MAIN}" count="4" uniqueCount="4">
<si><t>Tên cơ sở</t></si><si><t>Ngày cấp</t></si>
<si><r><t>Karaoke </t></r><r><rPr><b/></rPr><t>Ánh Dương</t></r></si>
<si><t xml:space="preserve">Nhà nghỉ &amp; Khách sạn</t></si></sst>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="{MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs>
</styleSheet>"""
SHEET = f"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="{MAIN}"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1"><v>7</v></c></row>
<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>45292</v></c></row>
<row r="3"><c r="A3"/></row>
<row r="5"><c r="A5" t="s"><v>3</v></c><c r="C5" s="2"><v>2801234567</v></c>
<c r="D5" t="b"><v>1</v></c><c r="E5" t="str"><f>A5</f><v>kết quả</v></c></row>
</sheetData></worksheet>"""


# Excel's dates have no time zone: the reader gives naive datetimes.
NEW_YEAR = datetime.datetime(2024, 1, 1)  # noqa: DTZ001
MAY_17 = datetime.datetime(2023, 5, 17)  # noqa: DTZ001


def excel_like() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        z.writestr("xl/sharedStrings.xml", SHARED)
        z.writestr("xl/styles.xml", STYLES)
        z.writestr("xl/worksheets/sheet1.xml", SHEET)
    return out.getvalue()


def test_shared_strings_dates_gaps_and_formulas_are_read():
    rows = list(iter_rows(excel_like()))
    assert rows == [
        (1, ("Tên cơ sở", "Ngày cấp", None, 7)),
        (2, ("Karaoke Ánh Dương", NEW_YEAR)),
        # Row 3 has only an empty cell and row 4 is missing: the numbers stay true.
        (5, ("Nhà nghỉ & Khách sạn", None, 2801234567, True, "kết quả")),
    ]


def test_openpyxl_files_with_inline_strings_and_dates_are_read():
    book = Workbook()
    sheet = book.active
    sheet.append(["Tên cơ sở", "Ngày cấp", "Số"])
    sheet.append(["Quán Hoa", datetime.date(2023, 5, 17), 12.5])
    out = io.BytesIO()
    book.save(out)
    assert list(iter_rows(out.getvalue())) == [
        (1, ("Tên cơ sở", "Ngày cấp", "Số")),
        (2, ("Quán Hoa", MAY_17, 12.5)),
    ]


@pytest.mark.parametrize("content", [b"not a workbook", b"PK\x03\x04broken"])
def test_what_is_not_a_workbook_is_refused(content):
    with pytest.raises(XlsxError):
        list(iter_rows(content))


def test_a_broken_sheet_is_refused_while_reading():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        z.writestr("xl/sharedStrings.xml", SHARED)
        z.writestr("xl/styles.xml", STYLES)
        z.writestr("xl/worksheets/sheet1.xml", SHEET.replace("</sheetData>", ""))
    with pytest.raises(XlsxError):
        list(iter_rows(out.getvalue()))


def test_a_shared_string_that_is_not_there_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        z.writestr("xl/sharedStrings.xml", SHARED)
        z.writestr("xl/styles.xml", STYLES)
        z.writestr("xl/worksheets/sheet1.xml", SHEET.replace("<v>3</v>", "<v>99</v>"))
    with pytest.raises(XlsxError):
        list(iter_rows(out.getvalue()))
