"""The outline of an administrative document: its headings, items and paragraphs.

Vietnamese plans nest Roman sections (I., II.), numbered items (1., 2.; 1.1.), lettered
items (a), b.), '*' sub-headings ('* Mục tiêu:'), '-' and '+' bullets, and plain
paragraphs. :func:`build_outline` turns the clean lines into that tree; the helpers find
sections by the words of their headings and split text into clauses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .text import Line, first_after

__all__ = [
    "HEADING_KINDS",
    "Node",
    "Outline",
    "build_outline",
    "clauses",
    "is_assignment_heading",
    "is_prose",
    "is_target_heading",
    "preamble_nodes",
]

_ROMAN = re.compile(r"^(?P<m>[IVXL]{1,5})\s?[.)]\s*(?P<t>\S.*)$")
_SUBNUMBER = re.compile(r"^(?P<m>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<t>\S.*)$")
_NUMBER = re.compile(r"^(?P<m>\d{1,2})\s?[.)]\s+(?P<t>\S.*)$")
_LETTER = re.compile(r"^(?P<m>[a-zđ])\s?[.)]\s+(?P<t>\S.*)$")
_STAR = re.compile(r"^\*\s*(?P<t>\S.*)$")
_DASH = re.compile(r"^[-–—•●▪■○]\s*(?P<t>\S.*)$")
_PLUS = re.compile(r"^\+\s*(?P<t>\S.*)$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}

# The closing blocks that are not part of the body.
RECIPIENTS = re.compile(r"^(?:Nơi\s+nhận|NƠI\s+NHẬN)\s*:?", re.UNICODE)
ADDRESSEES = re.compile(r"^(?:Kính\s+gửi|KÍNH\s+GỬI)\s*:?", re.UNICODE)

HEADING_KINDS = frozenset({"roman", "number", "subnumber", "letter", "star"})
_RANKS = {"root": 0, "roman": 1, "number": 2, "letter": 6, "star": 7, "dash": 8, "plus": 9}

_TARGET_HEADING = re.compile(r"\b(?:mục\s+tiêu|chỉ\s+tiêu)\b", re.IGNORECASE)
_ASSIGNMENT_HEADING = re.compile(
    r"\b(?:tổ\s+chức\s+thực\s+hiện|phân\s+công|trách\s+nhiệm\s+(?:của|các|thực\s+hiện)"
    r"|nhiệm\s+vụ\s+(?:của|cụ\s+thể\s+của)\s+(?:các|từng)|giao\s+nhiệm\s+vụ)\b",
    re.IGNORECASE,
)


def _valid_roman(mark: str) -> bool:
    total, prev = 0, 0
    for ch in reversed(mark):
        value = _ROMAN_VALUES[ch]
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return 0 < total < 40 and mark in {_to_roman(total)}


def _to_roman(n: int) -> str:
    out = ""
    for value, sym in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


@dataclass(eq=False)
class Node:
    """An item of the outline. ``title`` is the line without its marker."""

    kind: str
    marker: str
    title: str
    start: int  # offset of the title in the clean text
    line_start: int
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    rank: int = 0

    @property
    def end(self) -> int:
        return self.start + len(self.title)

    @property
    def is_heading(self) -> bool:
        return self.kind in HEADING_KINDS

    def walk(self) -> Iterator[Node]:
        """This node and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def body_text(self) -> str:
        """The titles of this node and everything below it, one per line."""
        return "\n".join(n.title for n in self.walk() if n.kind != "root")

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Node({self.kind} {self.marker!r} {self.title[:40]!r})"


@dataclass
class Outline:
    """The body tree plus the lines before it and after it."""

    root: Node
    head: list[Line]  # header zone: before the first body line (filled in by the caller)
    tail: list[Line]  # from 'Nơi nhận' (or the signature) to the end
    closing: Line | None  # the last plain paragraph before the tail


def _classify(text: str) -> tuple[str, str, str, int]:
    """(kind, marker, title, rank) of a line."""
    if " | " in text:
        return "text", "", text, 99  # a table row, whatever its first cell holds
    m = _ROMAN.match(text)
    if m and _valid_roman(m.group("m")) and not text.startswith(("V/v", "V/V")):
        return "roman", m.group("m"), m.group("t"), _RANKS["roman"]
    m = _SUBNUMBER.match(text)
    if m:
        depth = m.group("m").count(".")
        return "subnumber", m.group("m"), m.group("t"), _RANKS["number"] + depth
    m = _NUMBER.match(text)
    if m:
        return "number", m.group("m"), m.group("t"), _RANKS["number"]
    m = _LETTER.match(text)
    if m:
        return "letter", m.group("m"), m.group("t"), _RANKS["letter"]
    m = _STAR.match(text)
    if m:
        return "star", "*", m.group("t"), _RANKS["star"]
    m = _DASH.match(text)
    if m:
        return "dash", text[0], m.group("t"), _RANKS["dash"]
    m = _PLUS.match(text)
    if m:
        return "plus", "+", m.group("t"), _RANKS["plus"]
    if ADDRESSEES.match(text):
        return "addressees", "", text, _RANKS["number"]
    return "text", "", text, 99


def build_outline(lines: list[Line], body_from: int = 0) -> Outline:
    """The outline of ``lines[body_from:]`` up to the recipients or the signature."""
    root = Node("root", "", "", 0, 0, rank=0)
    stack: list[Node] = [root]
    end = len(lines)
    for i in range(body_from, len(lines)):
        if RECIPIENTS.match(lines[i].text):
            end = i
            break
    else:
        end = _signature_start(lines, body_from)
    closing: Line | None = None
    for line in lines[body_from:end]:
        kind, marker, title, rank = _classify(line.text)
        start = line.start + (len(line.text) - len(title))
        node = Node(kind, marker, title, start, line.start, rank=rank)
        if kind == "text":
            while len(stack) > 1 and not (stack[-1].is_heading or stack[-1].kind == "addressees"):
                stack.pop()
            if stack[-1].kind == "addressees":
                stack.pop()
            node.parent = stack[-1]
            stack[-1].children.append(node)
            closing = line
            continue
        while len(stack) > 1 and stack[-1].rank >= rank:
            stack.pop()
        node.parent = stack[-1]
        stack[-1].children.append(node)
        stack.append(node)
        if kind not in {"dash", "plus"}:
            closing = None
    return Outline(root=root, head=[], tail=lines[end:], closing=closing)


_AUTHORITY = re.compile(r"^(?:TM|KT|Q|TL|TUQ|T/M)\s?\.", re.UNICODE)


def _signature_start(lines: list[Line], body_from: int) -> int:
    """Index of the signature block when a document has no 'Nơi nhận'."""
    for i in range(len(lines) - 1, body_from - 1, -1):
        if _AUTHORITY.match(lines[i].text):
            j = i
            while j - 1 >= body_from and _AUTHORITY.match(lines[j - 1].text):
                j -= 1
            if len(lines) - j <= 12:
                return j
            break
    return len(lines)


_BASIS_START = re.compile(
    r"^(?:Căn\s+cứ|Thực\s+hiện|Theo|Xét|Triển\s+khai|Thi\s+hành|Trên\s+cơ\s+sở)\b", re.IGNORECASE
)


_CITED_NUMBER = re.compile(r"\d+\s*/\s*[\dA-ZĐ]")


def is_prose(root: Node) -> bool:
    """A body with no outline at all: paragraphs only (a plan in prose, a news summary)."""
    return bool(root.children) and all(c.kind == "text" for c in root.children)


def preamble_nodes(root: Node) -> list[Node]:
    """The paragraphs before the first section (the bases and the issuer's intent); in a
    plan written in prose, only the opening paragraphs that cite bases."""
    prose = is_prose(root)
    out: list[Node] = []
    for child in root.children:
        cites = _BASIS_START.match(child.title) and _CITED_NUMBER.search(child.title)
        if child.kind != "text" or (prose and not cites):
            break
        out.append(child)
    return out


def is_target_heading(node: Node) -> bool:
    """A heading that opens targets: 'Mục tiêu', 'Chỉ tiêu', '* Mục tiêu:'."""
    if node.kind == "root" or len(node.title) > 120:
        return False
    if not (node.is_heading or node.title.rstrip().endswith(":")):
        return False
    return bool(_TARGET_HEADING.search(node.title))


def is_assignment_heading(node: Node) -> bool:
    """A heading that opens assignments: 'Tổ chức thực hiện', 'Phân công trách nhiệm'."""
    if not node.is_heading or len(node.title) > 120:
        return False
    return bool(_ASSIGNMENT_HEADING.search(node.title))


_CLAUSE_MARK = re.compile(r";|:(?=\s)|[.!?…]+(?=\s|$)")


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    if m.group(0) in {";", ":"}:
        return True
    first = first_after(text, m.end())
    if not first:
        return True
    return first.isupper() or first.isdigit() or not first.isalnum()


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of ``text``: split at ';', at ': ' and at sentence ends."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _CLAUSE_MARK.finditer(text):
        if not _ends_sentence(text, m):
            continue
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
