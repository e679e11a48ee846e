"""Worst uploads, and the memory it takes to refuse or read them.

    .venv/bin/python benchmarks/bombs.py

Builds each file below, then, in a fresh process per file, hands it to the code that
reads that kind of upload (``lanhmanh.core.uploads`` first, then the reader) and prints
the time taken and the peak resident memory above the process's baseline (after Django
and the file are loaded). The goal: under 200 MB for every file. Last line:
``RESULT max_peak_mb=<the largest peak>``.

- ``xlsx-bomb-74MB``: a 300 KB register whose sheet inflates to 74 MB (refused by the
  central directory, nothing inflated);
- ``xlsx-bomb-4MB``: a 4 MB register inflating to gigabytes;
- ``xlsx-lying-directory``: a register whose directory declares a small sheet that really
  inflates to 200 MB (the zip reader stops at the declared size: refused as unreadable);
- ``xlsx-largest-accepted``: 20,000 rows of 11 columns, at the limits: read, not refused;
- ``xlsx-too-many-cells``: small rows of many cells, refused when counted;
- ``report-bomb`` and ``report-many-styles``: report templates, inflated / full of styles;
- ``docx-bomb`` and ``docx-many-paragraphs``: plan documents.
"""

# ruff: noqa: E501 - the XML parts of Office files are kept as they are written
from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

CT = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WB = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WB_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = "</sheetData></worksheet>"
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Tên cơ sở</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Loại hình</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>Địa chỉ</t></is></c>'
    '<c r="D1" t="inlineStr"><is><t>Xã, phường</t></is></c></row>'
)


def _zip(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _xlsx(sheet: bytes | str) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": CT,
            "_rels/.rels": RELS,
            "xl/workbook.xml": WB,
            "xl/_rels/workbook.xml.rels": WB_RELS,
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


def xlsx_inflating_to(size: int) -> bytes:
    """A register whose sheet is ``size`` bytes of XML (mostly whitespace), written in
    pieces so that building it takes no memory."""
    out = io.BytesIO()
    head = (SHEET_HEAD + HEADER_ROW).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=size > 2**31) as f:
            f.write(head)
            left = size - len(head) - len(SHEET_TAIL)
            chunk = b" " * (1 << 20)
            while left > 0:
                f.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
            f.write(SHEET_TAIL.encode())
    return out.getvalue()


def xlsx_rows(rows: int, columns: int = 4) -> bytes:
    """A register of ``rows`` rows of ``columns`` short cells."""
    letters = "ABCDEFGHIJK"
    body = [HEADER_ROW]
    for r in range(2, rows + 2):
        cells = "".join(
            f'<c r="{letters[c % 11]}{r}" t="inlineStr"><is><t>v{r}x{c}</t></is></c>'
            for c in range(columns)
        )
        body.append(f'<row r="{r}">{cells}</row>')
    return _xlsx(SHEET_HEAD + "".join(body) + SHEET_TAIL)


def xlsx_lying_directory(real: int, declared: int = 1000) -> bytes:
    """A register whose sheet's central directory entry says ``declared`` bytes while the
    data inflates to ``real``."""
    content = xlsx_inflating_to(real)
    archive = zipfile.ZipFile(io.BytesIO(content))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(content)
    # Patch the uncompressed size in the local header (offset 22) and central directory
    # (offset 24 of its entry), as a crafted bomb does.
    local = info.header_offset
    data[local + 22 : local + 26] = declared.to_bytes(4, "little")
    name = b"xl/worksheets/sheet1.xml"
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + name_len] == name:
            data[central + 24 : central + 28] = declared.to_bytes(4, "little")
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def report_xlsx_inflating_to(size: int) -> bytes:
    return xlsx_inflating_to(size)


def report_with_styles(count: int) -> bytes:
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?><styleSheet '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<cellXfs count="{count}">' + '<xf numFmtId="0" fontId="0"/>' * count + "</cellXfs>"
        "</styleSheet>"
    )
    parts = {
        "[Content_Types].xml": CT,
        "_rels/.rels": RELS,
        "xl/workbook.xml": WB,
        "xl/_rels/workbook.xml.rels": WB_RELS,
        "xl/worksheets/sheet1.xml": SHEET_HEAD + HEADER_ROW + SHEET_TAIL,
        "xl/styles.xml": styles,
    }
    return _zip(parts)


DOCX_CT = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
DOCX_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><w:document '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
DOC_TAIL = "</w:body></w:document>"


def docx(body: str) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": DOCX_CT,
            "_rels/.rels": DOCX_RELS,
            "word/document.xml": DOC_HEAD + body + DOC_TAIL,
        }
    )


def docx_inflating_to(size: int) -> bytes:
    head = "<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"
    return docx(head + " " * (size - len(head) - len(DOC_HEAD) - len(DOC_TAIL)))


def docx_paragraphs(count: int) -> bytes:
    return docx("<w:p><w:r><w:t>Chỉ tiêu</w:t></w:r></w:p>" * count)


CASES = {
    "xlsx-bomb-74MB": ("register", lambda: xlsx_inflating_to(74 * 1024 * 1024)),
    "xlsx-bomb-4MB": ("register", lambda: xlsx_inflating_to(4 * 1024 * 1024 * 1000)),
    "xlsx-lying-directory": ("register", lambda: xlsx_lying_directory(200 * 1024 * 1024)),
    "xlsx-largest-accepted": ("register", lambda: xlsx_rows(19_999, 11)),
    "xlsx-too-many-cells": ("register", lambda: xlsx_rows(15_000, 30)),
    "report-bomb": ("report", lambda: report_xlsx_inflating_to(500 * 1024 * 1024)),
    "report-many-styles": ("report", lambda: report_with_styles(59_000)),
    "report-too-many-styles": ("report", lambda: report_with_styles(500_000)),
    "docx-bomb": ("plan", lambda: docx_inflating_to(300 * 1024 * 1024)),
    "docx-many-paragraphs": ("plan", lambda: docx_paragraphs(130_000)),
}


def _status_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(field)


def _reset_peak() -> None:
    # Writing 5 to clear_refs sets the peak (VmHWM) back to the current size.
    Path("/proc/self/clear_refs").write_text("5")


def child(case: str, path: str) -> dict:
    """Read one file as its upload would be, in this (fresh) process."""
    import _django

    _django.setup_django(debug=False)
    from django.core.exceptions import ValidationError

    from lanhmanh.core.uploads import (
        ESTABLISHMENT_REGISTER,
        REPORT_TEMPLATE,
        check_archive,
    )
    from lanhmanh.inspections.xlsx import XlsxError, iter_rows
    from lanhmanh.plans.importer import DocumentReadError, read_document

    kind = CASES[case][0]
    content = Path(path).read_bytes()
    baseline = _status_mb("VmRSS")
    _reset_peak()
    started = time.perf_counter()
    outcome = "read"
    try:
        if kind == "register":
            check_archive(content, ESTABLISHMENT_REGISTER)
            rows = sum(1 for _ in iter_rows(content))
            outcome = f"read {rows} rows"
        elif kind == "report":
            check_archive(content, REPORT_TEMPLATE)
            from openpyxl import load_workbook

            load_workbook(io.BytesIO(content), read_only=True, data_only=True).close()
        else:
            read_document(content, "ke-hoach.docx")
    except ValidationError as error:
        outcome = "refused: " + " ".join(error.messages)
    except (DocumentReadError, XlsxError) as error:
        outcome = f"refused: {error}"
    return {
        "case": case,
        "size_kb": round(len(content) / 1024),
        "seconds": round(time.perf_counter() - started, 2),
        "peak_mb": round(max(0.0, _status_mb("VmHWM") - baseline), 1),
        "outcome": outcome[:90],
    }


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], sys.argv[3])))
        return
    import tempfile

    peaks = []
    with tempfile.TemporaryDirectory() as folder:
        for case, (_kind, build) in CASES.items():
            path = Path(folder) / f"{case}.bin"
            path.write_bytes(build())
            result = subprocess.run(  # noqa: S603 - this script, fixed arguments
                [sys.executable, __file__, "--child", case, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(result.stdout.strip().splitlines()[-1])
            peaks.append(row["peak_mb"])
            print(
                f"{row['case']:24} {row['size_kb']:>8} KB {row['seconds']:>6} s "
                f"peak +{row['peak_mb']:>6} MB  {row['outcome']}",
                flush=True,
            )
    print(f"RESULT max_peak_mb={max(peaks)}")


if __name__ == "__main__":
    main()
