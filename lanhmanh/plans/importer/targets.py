"""Numeric targets: '90% số xã …', 'từ 55 đến 60 vụ án', 'không quá 5%', '2 lần/tháng'.

Each clause of the body is scanned for quantity expressions. In target sections ('Mục
tiêu', 'Chỉ tiêu') every quantity is a target; elsewhere only what reads as a commitment
(a percentage, a range, a frequency, a figure with 'ít nhất'/'không quá' …, or a figure in
an agency's assignment). Identifiers (document numbers, dates, 'Đội 178', 'năm 2020') are
never quantities. The quote is the clause, cut where a clause holds several targets.

The statement is what a reader needs to know what the figure is about: the whole sentence
(a list item is usually one) when the figure is its only quantity, else the clause (at ';'
or ': ') around it, else the part of the clause the quote was cut from; never longer than
:data:`STATEMENT_MAX`, cut at commas. A statement holds one quantity only, so that a plan
written out with one line per statement reads back with the same targets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import pairwise

from .numbers import NUMBER_PATTERN, as_json_number, parse_number, parse_word_number
from .structure import Node, clauses, is_assignment_heading, is_target_heading
from .text import MappedText

__all__ = ["STATEMENT_MAX", "Expression", "TargetFound", "expressions_in", "find_targets"]

_A = rf"(?<![\w/.,\-])(?:{NUMBER_PATTERN})(?![\w/]|[.,]\d)"
_B = rf"(?<![\w/.,])(?:{NUMBER_PATTERN})(?![\w/]|[.,]\d)"
_BASELINE = re.compile(
    rf"\btừ\s+(?P<a>{_A})\s*(?P<ap>%)?\s*(?P<dir>lên|xuống\s+còn|xuống|còn)\s+(?:mức\s+)?"
    rf"(?P<b>{_B})\s*(?P<bp>%)?",
    re.IGNORECASE,
)
_RANGE = re.compile(
    rf"(?P<from>\btừ\s+)?(?P<a>{_A})\s*(?P<ap>%)?\s*(?:đến|tới|-|–|—)\s*(?P<b>{_B})\s*(?P<bp>%)?",
    re.IGNORECASE,
)
_WORD = re.compile(
    r"\b(?P<cmp>ít\s+nhất|tối\s+thiểu|không\s+quá|tối\s+đa|không\s+dưới|không\s+ít\s+hơn)\s+"
    r"(?P<w>một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười)\b(?!\s*\d)",
    re.IGNORECASE,
)
_SINGLE = re.compile(rf"(?P<a>{_A})\s*(?P<ap>%)?")
_PAREN_ALSO = re.compile(
    rf"^[^()\d;:]{{0,70}}?\(\s*(?:khoảng\s+|đạt\s+|bằng\s+)?(?P<n>{_B})\s*(?P<p>%)?[^()]{{0,50}}\)",
    re.IGNORECASE,
)
_YEAR_BEFORE = re.compile(
    r"(?:đến|tới|trước|vào|trong)\s+(?:hết\s+|cuối\s+|năm\s+học\s+)?năm\s+(?P<y>(?:19|20)\d\d)\b"
    r"(?!.*\b(?:19|20)\d\d\b)",
    re.IGNORECASE | re.DOTALL,
)
_TIMES = re.compile(
    r"^\s*lần\s*(?:/|\bmỗi\b|\bmột\b|\btrong\b|\btrên\b)?\s*(?:01\s+|1\s+)?(?P<p>tháng|quý|năm)\b",
    re.IGNORECASE,
)
_TIMES_BEFORE = re.compile(
    r"\b(?:mỗi|hằng|hàng)\s+(?P<p>tháng|quý|năm)\b[^.;]{0,30}$", re.IGNORECASE
)
_TIME_UNIT_AFTER = re.compile(r"^\s*(?:tháng|năm|ngày|tuần|quý|giờ|phút|tiếng)\b", re.IGNORECASE)
_COUNTER_AFTER = re.compile(
    r"^\s*(?:lượt|người|cơ\s+sở|hộ|học\s+sinh|đối\s+tượng|lao\s+động|vụ|trường\s+hợp|bản|tờ)\b",
    re.IGNORECASE,
)
_PERCENT_WORDS = re.compile(r"^\s*phần\s+trăm\b", re.IGNORECASE)
_IDENTIFIER_BEFORE = re.compile(
    r"(?:^|[\s(])(?:số|năm|tháng|ngày|quý|tuần|giờ|thứ|đợt|khóa|khoá|liên\s+ngành|đội|"
    r"ban\s+chỉ\s+đạo|đề\s+án|dự\s+án|nghị\s+định|quyết\s+định|chỉ\s+thị|thông\s+tư|nghị\s+quyết|"
    r"kế\s+hoạch|công\s+văn|điều|khoản|điểm|mục|chương|phụ\s+lục|giai\s+đoạn|mẫu|"
    r"biểu|tổ|khu\s+phố|khu|ấp|thôn|xóm|đường|quốc\s+lộ|tỉnh\s+lộ|phòng|lô|cụm|ubnd|"
    r"công\s+an|ủy\s+ban|uỷ\s+ban|covid|hotline|tổng\s+đài|đầu\s+số|điện\s+thoại|"
    r"kênh|chương\s+trình|tiêu\s+chí|cấp\s+độ|nhóm|lớp|xã|phường|quận|huyện|tỉnh|"
    r"thị\s+trấn|thị\s+xã|lần\s+thứ)\s*$",
    re.IGNORECASE,
)
_NOT_TARGET_HEADING = re.compile(
    r"^(?:\*\s*)?(?:các\s+)?(?:nhiệm\s+vụ|giải\s+pháp|nội\s+dung|hoạt\s+động|biện\s+pháp)\b",
    re.IGNORECASE,
)
_NOT_FOR_COUNTS = re.compile(r"(?:^|\s)(?:tại|ở|gồm)\s*$", re.IGNORECASE)
_GE = (
    "ít nhất là",
    "ít nhất",
    "tối thiểu là",
    "tối thiểu",
    "không dưới",
    "không ít hơn",
    "lớn hơn",
    "nhiều hơn",
    "trên",
    "hơn",
    "vượt",
    "từ",
)
_LE = (
    "không vượt quá",
    "không quá",
    "tối đa là",
    "tối đa",
    "xuống còn",
    "xuống dưới",
    "ít hơn",
    "nhỏ hơn",
    "dưới",
    "xuống",
    "còn",
)
_EQ = ("đúng", "bằng")
_ZERO = re.compile(
    r"\bkhông\s+(?:để|có)\s+(?:\w+\s+){0,2}?(?:xảy\s+ra|phát\s+sinh|tái\s+hoạt\s+động|tái\s+diễn|"
    r"hình\s+thành|tái\s+phát|xuất\s+hiện|tồn\s+tại)",
    re.IGNORECASE,
)
_LIST_NOUNS = (
    "xã",
    "phường",
    "thị trấn",
    "thị xã",
    "thành phố",
    "huyện",
    "quận",
    "tỉnh",
    "ban",
    "ngành",
    "đoàn thể",
    "hội",
    "sở",
    "phòng",
    "cơ quan",
    "đơn vị",
    "địa phương",
    "chống",
    "tránh",
    "thôn",
    "tổ",
    "khu",
    "ấp",
    "bản",
    "làng",
    "cụm",
    "trường",
    "cấp",
    "tin",
    "khiếu nại",
    "tố giác",
    "nhà",
    "khách sạn",
    "karaoke",
    "massage",
    "xoa bóp",
    "quán",
)
_CONNECTIVE = re.compile(
    r"\s(?:và|để|nhằm|đồng\s+thời|trong\s+đó|riêng|phấn\s+đấu)\s", re.IGNORECASE
)
_LEADING_JOINERS = re.compile(r"^(?:và|để|nhằm|đồng\s+thời|trong\s+đó)\s+", re.IGNORECASE)
_MAX_BEFORE = 140
_MAX_AFTER = 160
STATEMENT_MAX = 400
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")
_STATEMENT_MARKER = re.compile(r"^(?:[-–+•*]|\d{1,2}[.)]|[a-zđ]\))\s+", re.IGNORECASE)
_STATEMENT_CUT = re.compile(r"[,;]\s+")


@dataclass
class Expression:
    """A quantity found in a clause (offsets are within the clause)."""

    start: int  # where its comparator words (or the figure) begin
    end: int  # after the figure, its unit, and a parenthesis read with it
    num_start: int
    comparator: str
    unit: str
    value: int | float | None = None
    low: int | float | None = None
    high: int | float | None = None
    also: dict = field(default_factory=dict)
    explicit: bool = False  # a comparator word, a range, a baseline, a frequency
    plain_count: bool = False
    count_blocked: bool = False  # 'tại 2 phường': a place, not a commitment


@dataclass
class TargetFound:
    quote: str  # the exact fragment of the source that carries the figure
    comparator: str
    unit: str
    value: int | float | None = None
    low: int | float | None = None
    high: int | float | None = None
    also: dict = field(default_factory=dict)
    agency: str | None = None
    start: int = 0
    end: int = 0
    statement: str = ""  # the sentence or clause around it, for a reader

    def to_dict(self) -> dict:
        out: dict = {
            "quote": self.quote,
            "statement": self.statement or self.quote,
            "comparator": self.comparator,
        }
        if self.comparator == "between":
            out["low"] = self.low
            out["high"] = self.high
        else:
            out["value"] = self.value
        out["unit"] = self.unit
        if self.also:
            out["also"] = dict(self.also)
        if self.agency:
            out["agency"] = self.agency
        return out


def _ends_with_phrase(before: str, phrases: tuple[str, ...]) -> str | None:
    low = before.lower().rstrip()
    for phrase in phrases:
        if low.endswith(phrase):
            cut = len(low) - len(phrase)
            if cut == 0 or not low[cut - 1].isalnum():
                return phrase
    return None


def _year_like(value: float | int | None) -> bool:
    return isinstance(value, int) and 1900 <= value <= 2100


def _identifier_before(before: str) -> bool:
    return bool(_IDENTIFIER_BEFORE.search(before[-40:]))


def _unit_after(clause: str, end: int, before: str, percent: bool) -> tuple[str, int]:
    if percent:
        return "percent", end
    m = _PERCENT_WORDS.match(clause[end:])
    if m:
        return "percent", end + m.end()
    m = _TIMES.match(clause[end:])
    if m:
        period = m.group("p").lower()
        return _TIMES_UNIT[period], end + m.end()
    if re.match(r"^\s*lần\b", clause[end:], re.IGNORECASE):
        b = _TIMES_BEFORE.search(before)
        if b:
            return _TIMES_UNIT[b.group("p").lower()], end
    return "count", end


_TIMES_UNIT = {"tháng": "times_per_month", "quý": "times_per_quarter", "năm": "times_per_year"}


def _paren_also(clause: str, end: int, unit: str) -> tuple[dict, int]:
    """A figure in brackets just after the target: '90% số xã (573 xã)', '12 huyện (45%)'."""
    m = _PAREN_ALSO.match(clause[end:])
    if not m:
        return {}, end
    value = parse_number(m.group("n"))
    if value is None:
        return {}, end
    if unit == "percent" and not m.group("p"):
        return {"count": value}, end + m.end()
    if unit != "percent" and m.group("p"):
        return {"percent": value}, end + m.end()
    return {}, end


def _comparator_for(before: str, percent: bool, value: float | int | None) -> tuple[str, int, bool]:
    """(comparator, length of its words before the figure, explicit?)."""
    for phrases, comp in ((_GE, ">="), (_LE, "<="), (_EQ, "=")):
        phrase = _ends_with_phrase(before, phrases)
        if phrase:
            gap = len(before) - len(before.rstrip())
            return comp, len(phrase) + gap, True
    if percent and value == 100:
        return "=", 0, False
    return ">=", 0, False


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(s < ee and ss < e for ss, ee in spans)


def expressions_in(clause: str) -> list[Expression]:
    """The quantity expressions of one clause, in order."""
    found: list[Expression] = []
    taken: list[tuple[int, int]] = []

    for m in _BASELINE.finditer(clause):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a is None or b is None or _identifier_before(clause[: m.start()]):
            continue
        percent = bool(m.group("ap") or m.group("bp"))
        if _year_like(a) and _year_like(b) and not percent:
            continue
        down = m.group("dir").lower() != "lên" or _ends_with_phrase(clause[: m.start()], ("giảm",))
        unit, end = _unit_after(clause, m.end(), clause[: m.start()], percent)
        found.append(
            Expression(
                m.start(),
                end,
                m.start("b"),
                "<=" if down else ">=",
                unit,
                value=b,
                also={"baseline": a},
                explicit=True,
            )
        )
        taken.append((m.start(), end))

    for m in _RANGE.finditer(clause):
        if _overlaps(taken, m.start(), m.end()):
            continue
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a is None or b is None or not a < b:
            continue
        before = clause[: m.start()]
        percent = bool(m.group("ap") or m.group("bp"))
        if _identifier_before(before) or (_year_like(a) and _year_like(b) and not percent):
            continue
        if _TIME_UNIT_AFTER.match(clause[m.end() :]):
            continue
        unit, end = _unit_after(clause, m.end(), before, percent)
        also, end = _paren_also(clause, end, unit)
        found.append(
            Expression(
                m.start(),
                end,
                m.start("a"),
                "between",
                unit,
                low=a,
                high=b,
                also=also,
                explicit=True,
            )
        )
        taken.append((m.start(), end))

    for m in _WORD.finditer(clause):
        if _overlaps(taken, m.start(), m.end()):
            continue
        value = parse_word_number(m.group("w"))
        cmp_words = " ".join(m.group("cmp").lower().split())
        comp = "<=" if cmp_words in {"không quá", "tối đa"} else ">="
        unit, end = _unit_after(clause, m.end(), clause[: m.start()], False)
        found.append(
            Expression(m.start(), end, m.start("w"), comp, unit, value=value, explicit=True)
        )
        taken.append((m.start(), end))

    for m in _SINGLE.finditer(clause):
        if _overlaps(taken, m.start(), m.end()):
            continue
        value = parse_number(m.group("a"))
        if value is None:
            continue
        before = clause[: m.start()]
        after = clause[m.end() :]
        percent = bool(m.group("ap"))
        if _identifier_before(before):
            continue
        if not percent and _TIME_UNIT_AFTER.match(after):
            continue
        if not percent and _year_like(value) and not _COUNTER_AFTER.match(after):
            continue
        if after.startswith(")") and "(" not in before[-8:]:
            continue  # an inline list marker: '1) …'
        comp, cmp_len, explicit = _comparator_for(before, percent, value)
        unit, end = _unit_after(clause, m.end(), before, percent)
        also, end = _paren_also(clause, end, unit)
        expr = Expression(
            m.start() - cmp_len,
            end,
            m.start(),
            comp,
            unit,
            value=value,
            also=also,
            explicit=explicit or unit != "count",
        )
        expr.plain_count = unit == "count" and not explicit
        expr.count_blocked = bool(_NOT_FOR_COUNTS.search(before))
        found.append(expr)
        taken.append((m.start(), end))

    found.sort(key=lambda x: x.start)
    return found


def _is_list_comma(text: str, after_comma: int) -> bool:
    """Whether the comma before ``after_comma`` separates items of a list ('xã, phường')."""
    nxt = text[after_comma:].lstrip().lower()
    return any(
        nxt.startswith(noun) and (len(nxt) == len(noun) or not nxt[len(noun)].isalnum())
        for noun in _LIST_NOUNS
    )


def _boundary(clause: str, left: Expression, right: Expression) -> int:
    """Where the quote of ``left`` ends and that of ``right`` begins."""
    lo, hi = left.end, right.start
    if hi <= lo:
        return lo
    region = clause[lo:hi]
    best = None
    for m in re.finditer(r",\s*", region):
        if not _is_list_comma(region, m.end()):
            best = lo + m.end()
    if best is not None:
        return best
    conn = None
    for m in _CONNECTIVE.finditer(region):
        conn = lo + m.start() + 1
    return conn if conn is not None else lo


def _trim(clause: str, s: int, e: int, es: int, ee: int) -> tuple[int, int]:
    """Cut an over-long quote around its expression at commas or word boundaries."""
    if es - s > _MAX_BEFORE:
        window = clause[es - _MAX_BEFORE : es]
        comma = window.find(", ")
        if 0 <= comma < len(window) - 30:
            s = es - _MAX_BEFORE + comma + 2
        else:
            space = window.find(" ")
            s = es - _MAX_BEFORE + (space + 1 if space >= 0 else 0)
    if e - ee > _MAX_AFTER:
        window = clause[ee : ee + _MAX_AFTER]
        commas = [
            m.start() for m in re.finditer(r", ", window) if not _is_list_comma(window, m.end())
        ]
        comma = commas[-1] if commas else -1
        if comma >= 40:
            e = ee + comma
        else:
            space = window.rfind(" ")
            e = ee + (space if space > 0 else len(window))
    while s < e and clause[s] in " ,;:.-–":
        s += 1
    m = _LEADING_JOINERS.match(clause[s:e])
    if m and s + m.end() <= es:
        s += m.end()
    while e > s and clause[e - 1] in " ,;:-–(":
        e -= 1
    if e > s and clause[e - 1] == "." and not clause[s:e].endswith(".."):
        e -= 1
    return s, e


def _sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``: split where :func:`clauses` ends a sentence."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        rest = text[m.end() :].lstrip()
        if rest and rest[0].isalnum() and not (rest[0].isupper() or rest[0].isdigit()):
            continue
        spans.append((pos, m.end()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def _cut(text: str, es: int, ee: int, cap: int) -> tuple[int, int, bool]:
    """A span of ``text`` holding ``[es, ee)``, at most ``cap`` long: the part between the
    commas or semicolons around the figure (not those between the items of a list, 'xã,
    phường'), widened a part at a time on either side while it fits. True when even that
    part is too long and the cut is between words."""
    if len(text) <= cap:
        return 0, len(text), False
    marks = [m for m in _STATEMENT_CUT.finditer(text) if not _is_list_comma(text, m.end())]
    lefts = [0] + [m.end() for m in marks if m.end() <= es]  # nearest last
    rights = [m.start() for m in marks if m.start() >= ee] + [len(text)]  # nearest first
    li, ri = len(lefts) - 1, 0
    if rights[ri] - lefts[li] <= cap:
        # the figure's own part, then the parts on either side in turn while they fit
        grew = True
        while grew:
            grew = False
            if li > 0 and rights[ri] - lefts[li - 1] <= cap:
                li, grew = li - 1, True
            if ri < len(rights) - 1 and rights[ri + 1] - lefts[li] <= cap:
                ri, grew = ri + 1, True
        return lefts[li], rights[ri], False
    room = max(cap - 2 - (ee - es), 0)
    s = max(0, es - room // 3)
    e = min(len(text), s + cap - 2)
    if s > 0:
        space = text.find(" ", s, es)
        s = space + 1 if space >= 0 else s
    if e < len(text):
        space = text.rfind(" ", ee, e)
        e = space if space >= 0 else e
    return s, e, True


def _statement_text(text: str) -> str:
    """One line for a reader: NFC, single spaces, no list mark, no trailing ',;:'."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    text = _STATEMENT_MARKER.sub("", text, count=1)
    return text.rstrip(" ,;:–-")


def _reads_as(text: str, expr: Expression | None) -> bool:
    """Whether ``text`` on its own, as a line of targets, reads as this one target and no
    other: one quantity with the same figures (or, for ``None``, one 'không để xảy ra')."""
    found: list[Expression] = []
    zeros = 0
    for cs, ce in clauses(text):
        clause = text[cs:ce]
        exprs = expressions_in(clause)
        if not exprs:
            zeros += bool(_ZERO.search(clause))
            continue
        qualifiers = _qualifiers(clause, exprs)
        exprs = [e for i, e in enumerate(exprs) if i not in qualifiers]
        for e in exprs:
            if "year" not in e.also:
                y = _YEAR_BEFORE.search(clause[: e.num_start])
                if y:
                    e.also["year"] = int(y.group("y"))
        found.extend(exprs)
    if expr is None:
        return not found and zeros == 1
    if len(found) != 1 or zeros:
        return False
    (e,) = found
    return (e.comparator, e.unit, e.value, e.low, e.high, e.also) == (
        expr.comparator,
        expr.unit,
        expr.value,
        expr.low,
        expr.high,
        expr.also,
    )


def _statement(
    title: str,
    spans: list[tuple[int, int]],
    es: int,
    ee: int,
    expr: Expression | None,
) -> str:
    """The first of ``spans`` (sentence, clause, part of the clause) that, cut to
    :data:`STATEMENT_MAX`, still reads as the target alone; '' when none does."""
    for n, (a, b) in enumerate(spans):
        s, e, words = _cut(title[a:b], max(es - a, 0), min(ee - a, b - a), STATEMENT_MAX)
        text = _statement_text(title[a + s : a + e])
        if n >= 2:  # a part of a clause: 'để đến năm 2020 đạt 95%' reads without 'để'
            text = _LEADING_JOINERS.sub("", text, count=1)
        if words:
            text = f"{'… ' if s > 0 else ''}{text}{' …' if a + e < b else ''}"
        if text and _reads_as(text, expr):
            return text
    return ""


def _qualifiers(clause: str, exprs: list[Expression]) -> set[int]:
    """Indexes of figures in words that say what a percentage counts: in '90% số xã tổ chức
    được ít nhất một hình thức tuyên truyền' (no comma or joining word between them) the
    commitment is the 90%; 'ít nhất một' says which communes count."""
    out: set[int] = set()
    for i, (left, right) in enumerate(pairwise(exprs), start=1):
        if (
            i - 1 not in out
            and left.unit == "percent"
            and right.unit == "count"
            and clause[right.num_start : right.num_start + 1].isalpha()
            and _boundary(clause, left, right) == left.end
        ):
            out.add(i)
    return out


@dataclass
class _Context:
    in_targets: bool
    agency: str | None
    in_assignments: bool


def find_targets(
    mapped: MappedText,
    root: Node,
    agency_of: dict[int, str],
    whole_body_assigned: bool,
) -> list[TargetFound]:
    """Targets in the outline. ``agency_of`` maps ``id(node)`` of assignment items to the
    agency names they address."""
    text = mapped.text
    targets: list[TargetFound] = []
    preamble = _preamble_nodes(root)

    def visit(node: Node, ctx: _Context) -> None:
        if node.kind == "addressees":
            return
        if node.kind != "root":
            leaves_targets = node.is_heading and bool(_NOT_TARGET_HEADING.match(node.title))
            ctx = _Context(
                (ctx.in_targets or is_target_heading(node)) and not leaves_targets,
                agency_of.get(id(node), ctx.agency),
                ctx.in_assignments or is_assignment_heading(node) or id(node) in agency_of,
            )
            if id(node) not in preamble and " | " not in node.title:
                _scan(node, ctx)
        for child in node.children:
            visit(child, ctx)

    def _scan(node: Node, ctx: _Context) -> None:
        title = node.title
        sentences = _sentences(title)
        for cs, ce in clauses(title):
            clause = title[cs:ce]
            exprs = [e for e in expressions_in(clause) if _accepted(e, ctx)]
            qualifiers = _qualifiers(clause, exprs)
            sentence = next(((a, b) for a, b in sentences if a <= cs < b), (cs, ce))
            if not exprs:
                if ctx.in_targets and _ZERO.search(clause):
                    s, e = _trim(clause, 0, len(clause), 0, len(clause))
                    statement = _statement(title, [sentence, (cs, ce)], cs + s, cs + e, None)
                    zero = Expression(0, 0, 0, "=", "count", value=0)
                    _add(node, cs, s, e, ctx, zero, statement)
                continue
            bounds = [0]
            for left, right in pairwise(exprs):
                bounds.append(_boundary(clause, left, right))
            bounds.append(len(clause))
            for i, expr in enumerate(exprs):
                if i in qualifiers:
                    continue
                s, e = _trim(clause, bounds[i], bounds[i + 1], expr.start, expr.end)
                if e <= s:
                    continue
                if "year" not in expr.also:
                    y = _YEAR_BEFORE.search(clause[bounds[i] : expr.num_start])
                    if y:
                        expr.also["year"] = int(y.group("y"))
                around = (cs + bounds[i], cs + bounds[i + 1])
                spans = [sentence, (cs, ce), around]
                statement = _statement(title, spans, cs + expr.start, cs + expr.end, expr)
                _add(node, cs, s, e, ctx, expr, statement)

    def _accepted(expr: Expression, ctx: _Context) -> bool:
        if ctx.in_targets:
            return True
        if expr.explicit or expr.unit == "percent":
            return True
        in_assign = ctx.in_assignments or whole_body_assigned or ctx.agency is not None
        return in_assign and expr.plain_count and not expr.count_blocked

    def _add(
        node: Node, cs: int, s: int, e: int, ctx: _Context, expr: Expression, statement: str
    ) -> None:
        abs_s, abs_e = node.start + cs + s, node.start + cs + e
        quote = mapped.quote(abs_s, abs_e) or text[abs_s:abs_e]
        statement = statement or _statement_text(text[abs_s:abs_e])
        target = TargetFound(
            quote=quote,
            comparator=expr.comparator,
            unit=expr.unit,
            value=None if expr.value is None else as_json_number(expr.value),
            low=None if expr.low is None else as_json_number(expr.low),
            high=None if expr.high is None else as_json_number(expr.high),
            also={k: as_json_number(v) for k, v in expr.also.items()},
            agency=ctx.agency,
            start=abs_s,
            end=abs_e,
            statement=statement,
        )
        key = (target.quote, target.comparator, target.value, target.low, target.high)
        if all((t.quote, t.comparator, t.value, t.low, t.high) != key for t in targets):
            targets.append(target)

    visit(root, _Context(False, None, False))
    return targets


def _preamble_nodes(root: Node) -> set[int]:
    """Plain paragraphs before the first section: the bases and the issuer's intent."""
    out: set[int] = set()
    for child in root.children:
        if child.kind != "text":
            break
        out.add(id(child))
    return out
