"""Tables of a PDF page, rebuilt from its text laid out in columns.

A PDF has no tables, only text at positions; pypdf's layout mode keeps the columns apart
with runs of spaces. A block of consecutive lines whose pieces (text separated by three
spaces or more) line up in three columns or more is a table: each line's pieces go to the
column they start under, a line whose first column is filled (the row's number) opens a row
and the lines below it continue its cells. The block is written as rows of cells ('a | b |
c'), as the .docx reader writes Word tables, so the same reader finds their targets. Two
columns are never taken for a table: a document's header and signature are two blocks side
by side.
"""

from __future__ import annotations

import re

__all__ = ["rebuild_tables"]

_PIECE = re.compile(r"\S+(?: {1,2}\S+)*")
_MIN_COLUMNS = 3
_TOLERANCE = 3


def _pieces(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _PIECE.finditer(line)]


def _columns(lines: list[str]) -> list[tuple[int, int]]:
    """Column spans: runs of positions that some line writes in, split by gutters that
    every line leaves blank (three spaces or more)."""
    width = max(len(line) for line in lines)
    used = [any(i < len(line) and line[i] != " " for line in lines) for i in range(width)]
    spans: list[list[int]] = []
    gap = 0
    for i, busy in enumerate(used):
        if not busy:
            gap += 1
            continue
        if spans and gap < 3:
            spans[-1][1] = i + 1
        else:
            spans.append([i, i + 1])
        gap = 0
    return [(a, b) for a, b in spans]


def _rows(lines: list[str]) -> list[list[str]] | None:
    columns = _columns(lines)
    if len(columns) < _MIN_COLUMNS:
        return None
    rows: list[list[str]] = []
    for line in lines:
        cells = [""] * len(columns)
        for start, text in _pieces(line):
            col = next((i for i, (a, b) in enumerate(columns) if a <= start < b), 0)
            cells[col] = f"{cells[col]} {text}".strip()
        if not rows or cells[0]:
            rows.append(cells)
        else:
            rows[-1] = [f"{x} {y}".strip() for x, y in zip(rows[-1], cells, strict=True)]
    return rows


def rebuild_tables(layout_text: str) -> str | None:
    """The page with its tables as rows of cells; None when it holds no table."""
    lines = layout_text.splitlines()
    out: list[str] = []
    found = False
    i = 0
    while i < len(lines):
        if len(_pieces(lines[i])) < _MIN_COLUMNS:
            out.append(" ".join(lines[i].split()))
            i += 1
            continue
        # a table runs while lines have several pieces or continue a cell further right
        margin = _pieces(lines[i])[0][0]
        j = i + 1
        while j < len(lines) and lines[j].strip():
            pieces = _pieces(lines[j])
            if len(pieces) < 2 and pieces[0][0] <= margin + _TOLERANCE:
                break
            j += 1
        block = lines[i:j]
        rows = _rows(block) if sum(len(_pieces(x)) >= _MIN_COLUMNS for x in block) >= 2 else None
        if rows is None:
            out.append(" ".join(lines[i].split()))
            i += 1
            continue
        found = True
        out.extend("| " + " | ".join(row) + " |" for row in rows)
        i = j
    return "\n".join(out) if found else None
