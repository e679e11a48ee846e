"""Every .xlsx the system writes goes out through ``workbook_bytes`` (or, for write-only
workbooks, its rows through ``safe_row``): text that a spreadsheet would take for a
formula (starting with = + - @, a tab or a carriage return) is written as text with a
leading apostrophe, so a name like ``=HYPERLINK(…)`` typed into the register never runs
in whoever opens the export. Importers take the apostrophe off again (``unescape``), so
the system reads its own exports back unchanged.
"""

from __future__ import annotations

import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def neutral(value):
    """``value`` as it may go into a cell: formula-like text escaped, the rest as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return ESCAPE + value
    return value


def safe_row(values) -> list:
    """A row for ``sheet.append`` of a write-only workbook."""
    return [neutral(v) for v in values]


def unescape(text):
    """The text of a cell as it was before ``neutral`` (for importers)."""
    if isinstance(text, str) and text.startswith(ESCAPE) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def workbook_bytes(book) -> bytes:
    """The workbook as .xlsx bytes, every text and formula cell of its ordinary sheets
    neutralised first (rows of write-only sheets went through ``safe_row``)."""
    for sheet in book.worksheets:
        if not hasattr(sheet, "iter_rows"):  # a write-only sheet
            continue
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                    cell.value = neutral(value)
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
