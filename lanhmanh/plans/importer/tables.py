"""Targets written in a table: a row per target, 'indicator | target' with or without a
unit of measure, a lead agency, a baseline or a column per year.

Tables reach the reader as lines of cells separated by ' | ' (the .docx reader writes them
so, markdown tables look the same). Consecutive rows are one table; its first rows are a
header when they hold the words of one ('STT', 'Nội dung', 'Chỉ tiêu', 'Đơn vị chủ trì'…).
Each column's role comes from its header and, without one, from its cells: the longest text
is the indicator, short cells with figures are targets, agency names are the lead.
A row whose figure is in its text ('100% số xã …' in a one-text-column table) is read like
a line of a target section. Nothing here raises on a strange table: a row it cannot read
is left out and the caller keeps going.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .agencies import is_agency_start, split_agencies
from .quantities import ZERO, Expression, expressions_in, qualifier_indexes
from .structure import Node

__all__ = ["W_TABLE", "Cell", "Row", "Table", "TableTarget", "is_row", "table_targets", "tables_in"]

_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_HEADER_WORDS = re.compile(
    r"^(?:stt|tt|số\s+tt|nội\s+dung|chỉ\s+tiêu|mục\s+tiêu|tên\s+chỉ\s+tiêu|đơn\s+vị|cơ\s+quan|"
    r"chủ\s+trì|phối\s+hợp|thời\s+gian|thời\s+hạn|tiến\s+độ|ghi\s+chú|kết\s+quả|tỷ\s+lệ|tỉ\s+lệ|"
    r"số\s+lượng|năm|kế\s+hoạch|giai\s+đoạn|nhiệm\s+vụ|hoạt\s+động|dvt|đvt|thực\s+hiện|"
    r"phấn\s+đấu|giá\s+trị|lĩnh\s+vực|ước|so\s+sánh|cần\s+đạt|mức|trách\s+nhiệm|sản\s+phẩm)\b",
    re.IGNORECASE,
)
_INDEX_HEADER = re.compile(r"^(?:stt|tt|số\s+tt|số\s+thứ\s+tự)\.?$", re.IGNORECASE)
_INDEX_CELL = re.compile(r"^(?:[IVXL]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]?$")
_MEASURE_HEADER = re.compile(r"\b(?:đơn\s+vị\s+tính|đvt|dvt)\b", re.IGNORECASE)
_LEAD_HEADER = re.compile(
    r"\b(?:chủ\s+trì|(?:cơ\s+quan|đơn\s+vị)(?!\s+tính)|thực\s+hiện\s*$|phụ\s+trách|"
    r"trách\s+nhiệm|được\s+giao)",
    re.IGNORECASE,
)
_COORD_HEADER = re.compile(r"\bphối\s+hợp\b", re.IGNORECASE)
_SKIP_HEADER = re.compile(
    r"\b(?:thời\s+gian|thời\s+hạn|tiến\s+độ|ghi\s+chú|kinh\s+phí|nguồn)\b", re.IGNORECASE
)
_TEXT_HEADER = re.compile(
    r"\b(?:nội\s+dung|tên\s+chỉ\s+tiêu|nhiệm\s+vụ|hoạt\s+động|lĩnh\s+vực)\b", re.IGNORECASE
)
_PAST_HEADER = re.compile(
    r"\b(?:thực\s+hiện|ước|kết\s+quả|năm\s+trước|hiện\s+trạng|hiện\s+tại)\b", re.IGNORECASE
)
_VALUE_HEADER = re.compile(
    r"\b(?:chỉ\s+tiêu|mục\s+tiêu|kế\s+hoạch|phấn\s+đấu|cần\s+đạt|số\s+lượng|tỷ\s+lệ|tỉ\s+lệ|"
    r"giá\s+trị|mức|năm|giai\s+đoạn|\d{4})\b",
    re.IGNORECASE,
)
_PERCENT_MEASURE = re.compile(r"^\s*(?:%|tỷ\s+lệ\s*%?|tỉ\s+lệ\s*%?|phần\s+trăm)\s*$", re.IGNORECASE)
_RATIO_TEXT = re.compile(r"^\s*(?:tỷ|tỉ)\s+lệ\b", re.IGNORECASE)
_HAS_FIGURE = re.compile(r"\d")


@dataclass
class Cell:
    text: str  # stripped
    start: int  # offset of ``text`` in the clean text

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Row:
    node: Node
    cells: list[Cell]

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Table:
    rows: list[Row]
    header: list[str] = field(default_factory=list)  # the header's words per column
    body: list[Row] = field(default_factory=list)


@dataclass
class TableTarget:
    """A target read from a row: its figures (an :class:`Expression`), where its quote
    starts and ends in the clean text, its statement and its agency."""

    expr: Expression
    start: int
    end: int
    statement: str
    agency: str | None
    node: Node


def is_row(node: Node) -> bool:
    """A line of table cells."""
    return " | " in node.title


def _cells(node: Node) -> list[Cell]:
    out: list[Cell] = []
    pos = 0
    title = node.title
    for piece in title.split("|"):
        lead = len(piece) - len(piece.lstrip())
        out.append(Cell(piece.strip(), node.start + pos + lead))
        pos += len(piece) + 1
    return out


def tables_in(root: Node) -> list[Table]:
    """Runs of consecutive rows, in document order, with their header rows set apart."""
    tables: list[Table] = []
    current: list[Row] = []
    for node in root.walk():
        if node.kind != "root" and is_row(node):
            current.append(Row(node, _cells(node)))
            continue
        if node.kind == "root":
            continue
        if current:
            tables.append(_table(current))
            current = []
    if current:
        tables.append(_table(current))
    return tables


def _is_header(row: Row) -> bool:
    texts = [t for t in row.texts() if t]
    if not texts or any("%" in t or len(t) > 80 for t in texts):
        return False
    named = sum(bool(_HEADER_WORDS.match(t)) or bool(_INDEX_HEADER.match(t)) for t in texts)
    return named * 2 >= len(texts)


def _table(rows: list[Row]) -> Table:
    table = Table(rows)
    i = 0
    width = max(len(r.cells) for r in rows)
    header = [""] * width
    while i < len(rows) and i < 3 and _is_header(rows[i]):
        for col, cell in enumerate(rows[i].cells):
            if cell.text and cell.text not in header[col]:
                header[col] = f"{header[col]} {cell.text}".strip()
        i += 1
    table.header = header if i else []
    table.body = rows[i:]
    return table


@dataclass
class _Columns:
    text: int | None = None
    values: list[int] = field(default_factory=list)
    past: int | None = None
    measure: int | None = None
    lead: int | None = None
    skip: set[int] = field(default_factory=set)


def _column(table: Table, col: int) -> list[str]:
    return [r.cells[col].text if col < len(r.cells) else "" for r in table.body]


def _short_figures(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    if not filled:
        return False
    short = [c for c in filled if len(c) <= 40 and (_HAS_FIGURE.search(c) or ZERO.search(c))]
    return len(short) * 2 >= len(filled)


def _is_lead_column(words: str, cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    if words:
        return bool(_LEAD_HEADER.search(words)) and not _short_figures(cells)
    return bool(filled) and all(is_agency_start(c) for c in filled)


def _columns(table: Table) -> _Columns:
    width = max(len(r.cells) for r in table.rows)
    cols = _Columns()
    header = table.header or [""] * width
    for col in range(width):
        words = header[col] if col < len(header) else ""
        cells = _column(table, col)
        filled = [c for c in cells if c]
        if _INDEX_HEADER.match(words) or (filled and all(_INDEX_CELL.match(c) for c in filled)):
            cols.skip.add(col)
        elif _MEASURE_HEADER.search(words):
            cols.measure = col
        elif _COORD_HEADER.search(words) or (words and _SKIP_HEADER.search(words)):
            cols.skip.add(col)
        elif _is_lead_column(words, cells):
            cols.lead = col
    rest = [c for c in range(width) if c not in cols.skip and c not in {cols.measure, cols.lead}]
    named_text = [c for c in rest if header[c : c + 1] and _TEXT_HEADER.search(header[c])]
    figures = [c for c in rest if _short_figures(_column(table, c))]
    if named_text:
        cols.text = named_text[0]
    else:
        wordy = [c for c in rest if c not in figures] or rest[:1]
        if wordy:
            cols.text = max(
                wordy, key=lambda c: sum(len(t) for t in _column(table, c)) + (c == wordy[0])
            )
    values = [c for c in figures if c != cols.text]
    if header:
        values = [c for c in values if not header[c] or _VALUE_HEADER.search(header[c]) or c > 0]
        past = [c for c in values if header[c] and _PAST_HEADER.search(header[c])]
        if past and len(values) > len(past):
            cols.past = past[-1]
            values = [c for c in values if c not in past]
    cols.values = values
    return cols


def _years_of(table: Table, values: list[int]) -> dict[int, int]:
    """A year per target column when the header gives each its own ('Năm 2025 | Năm 2026')."""
    if len(values) < 2 or not table.header:
        return {}
    years = {}
    for col in values:
        found = _YEAR.findall(table.header[col])
        if len(found) != 1:
            return {}
        years[col] = int(found[0])
    return years if len(set(years.values())) == len(values) else {}


def _figure_in(value: str, measure: str) -> Expression | None:
    """The figure of a target cell, read with its unit of measure ('70' and '%')."""
    phrase = value
    if measure and not _HAS_FIGURE.search(measure) and measure.lower() not in value.lower():
        phrase = f"{value}%" if _PERCENT_MEASURE.match(measure) else f"{value} {measure}"
    # a frequency alone ('hằng quý') reads as one after a verb
    exprs = expressions_in(phrase) or expressions_in(f"thực hiện {phrase}")
    if exprs:
        quals = qualifier_indexes(phrase, exprs)
        exprs = [e for i, e in enumerate(exprs) if i not in quals]
        return exprs[0]
    if ZERO.search(value) or value.strip() in {"0", "00"}:
        return Expression(0, len(value), 0, "=", "count", value=0, explicit=True)
    return None


def _lead_of(row: Row, col: int | None) -> str | None:
    if col is None or col >= len(row.cells) or not row.cells[col].text:
        return None
    names = split_agencies(row.cells[col].text)
    return names[0] if len(names) == 1 else (", ".join(names) if names else row.cells[col].text)


W_TABLE = "Một bảng (bắt đầu bằng «{start}») không đọc được chỉ tiêu; hãy nhập tay nếu có."


def table_targets(root: Node, warnings: list[str] | None = None) -> list[TableTarget]:
    """The targets of every table under ``root`` (see the module docstring); a table that
    cannot be read is named in ``warnings`` and the others are kept."""
    out: list[TableTarget] = []
    for table in tables_in(root):
        if not table.body:
            continue
        try:
            out.extend(_targets_of(table))
        except Exception:  # one odd table must not lose the document: it is named instead
            if warnings is not None:
                warnings.append(W_TABLE.format(start=table.rows[0].node.title[:60]))
    return out


def _targets_of(table: Table) -> Iterator[TableTarget]:
    cols = _columns(table)
    years = _years_of(table, cols.values)
    for row in table.body:
        cells = row.cells
        filled = [c for c in cells if c.text]
        if len(filled) <= 1 and len(cells) > 1:
            continue  # a group row across the table ('I. Phòng ngừa')
        text = cells[cols.text] if cols.text is not None and cols.text < len(cells) else None
        measure = (
            cells[cols.measure].text
            if cols.measure is not None and cols.measure < len(cells)
            else ""
        )
        lead = _lead_of(row, cols.lead)
        found_any = False
        for col in cols.values:
            if col >= len(cells) or not cells[col].text:
                continue
            cell = cells[col]
            expr = _figure_in(cell.text, measure)
            if expr is None:
                continue
            if expr.unit == "count" and text is not None and _RATIO_TEXT.match(text.text):
                expr.unit = "percent"
            if col in years:
                expr.also["year"] = years[col]
            if cols.past is not None and cols.past < len(cells):
                past = _figure_in(cells[cols.past].text, measure)
                if past is not None and past.value is not None:
                    expr.also["baseline"] = past.value
            start = text.start if text is not None and text.text else cell.start
            end = max(cell.end, start + 1)
            if measure and cols.measure is not None and cells[cols.measure].start > cell.start:
                end = max(end, cells[cols.measure].end)
            label = text.text if text is not None else ""
            figure = f"{cell.text} {measure}".strip() if measure else cell.text
            statement = f"{label}: {figure}" if label else figure
            found_any = True
            yield TableTarget(expr, start, end, statement, lead, row.node)
        if not found_any and text is not None and text.text and not cols.values:
            yield from _targets_in_text(row, text, lead)


def _targets_in_text(row: Row, text: Cell, lead: str | None) -> Iterator[TableTarget]:
    """A row whose figure is in its text: '100% số xã được kiểm tra' in a list table."""
    exprs = expressions_in(text.text)
    quals = qualifier_indexes(text.text, exprs)
    exprs = [e for i, e in enumerate(exprs) if i not in quals]
    if len(exprs) != 1:
        return
    (expr,) = exprs
    if expr.unit == "count" and not expr.explicit and len(text.text) < 12:
        return
    yield TableTarget(expr, text.start, text.end, text.text, lead, row.node)
