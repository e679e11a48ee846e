"""Quantities in a clause: '90% số xã …', 'từ 55 đến 60 vụ án', 'không quá 5%', '2 lần/tháng',
'ít nhất một tháng một lần'.

:func:`expressions_in` finds each figure with its comparator, unit (count, percent, times
per month/quarter/year), range or baseline and the second figure read with it.
Identifiers (document numbers, dates, 'Đội 178', 'năm 2020') are never quantities.
:func:`boundary` and :func:`trim` cut a clause holding several of them into quotes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import pairwise

from .numbers import NUMBER_PATTERN, parse_number, parse_word_number
from .text import past_blanks

__all__ = [
    "LEADING_JOINERS",
    "YEAR_BEFORE",
    "ZERO",
    "Expression",
    "boundary",
    "expressions_in",
    "is_list_comma",
    "qualifier_indexes",
    "trim",
]

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
YEAR_BEFORE = re.compile(
    r"(?:đến|tới|trước|vào|trong)\s+(?:hết\s+|cuối\s+|năm\s+học\s+)?năm\s+(?P<y>(?:19|20)\d\d)\b"
    r"(?!.*\b(?:19|20)\d\d\b)",
    re.IGNORECASE | re.DOTALL,
)
_TIMES = re.compile(
    r"^\s*lần\s*(?:/|\bmỗi\b|\bmột\b|\btrong\b|\btrên\b)?\s*(?:01\s+|1\s+)?(?P<p>tháng|quý|năm)\b",
    re.IGNORECASE,
)
# Frequencies written with the period first: 'ít nhất một tháng một lần', 'mỗi quý ít nhất
# 01 lần', '6 tháng một lần', 'một năm hai lần'; and the period alone: 'giao ban hằng quý'.
_FREQ_WORD = r"(?:\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)"
_FREQ_CMP = r"(?:ít\s+nhất|tối\s+thiểu|không\s+quá|tối\s+đa|không\s+dưới)"
_FREQ_PERIOD_FIRST = re.compile(
    rf"(?:(?P<cmp>{_FREQ_CMP})\s+)?(?:(?P<each>mỗi|hằng|hàng)\s+|(?P<pn>{_FREQ_WORD})\s+)"
    rf"(?P<p>tháng|quý|năm)\s*(?:(?P<cmp2>{_FREQ_CMP})\s+)?(?:/\s*)?(?P<n>{_FREQ_WORD})\s+lần\b",
    re.IGNORECASE,
)
_FREQ_MONTHS_EACH = re.compile(
    r"(?:(?P<cmp>ít\s+nhất|tối\s+thiểu)\s+)?(?P<pn>\d{1,2}|ba|sáu)\s+tháng\s*/\s*(?:01\s+|1\s+)?lần\b",
    re.IGNORECASE,
)
_FREQ_EACH = re.compile(
    r"(?<=\w\s)(?:(?:định\s+kỳ|thường\s+xuyên)\s+)?(?P<each>hằng|hàng|mỗi)\s+(?P<p>tháng|quý|năm)\b"
    r"(?!\s*(?:,|\d|một|hai|ba|ít|tối|không))",
    re.IGNORECASE,
)
_FREQ_NOT_BEFORE = re.compile(r"\b(?:báo\s+cáo|thống\s+kê|số\s+liệu)\b[^.;]{0,40}$", re.IGNORECASE)
# 'hằng quý' alone is a frequency after an activity ('giao ban … hằng quý'), not after a
# thing done yearly ('kinh phí … hằng năm', 'kế hoạch … hằng năm')
_FREQ_ACTIVITY = re.compile(
    r"\b(?:tổ\s+chức|giao\s+ban|họp|kiểm\s+tra|tuyên\s+truyền|tập\s+huấn|sơ\s+kết|"
    r"tổng\s+kết|rà\s+soát|truy\s+quét|tuần\s+tra|khảo\s+sát|thực\s+hiện)\b[^,;]*$",
    re.IGNORECASE,
)
_PERIOD_MONTHS = {"tháng": 1, "quý": 3, "năm": 12}

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
_NOT_FOR_COUNTS = re.compile(r"(?:^|\s)(?:tại|ở|gồm)\s*$", re.IGNORECASE)
_GE = (
    "≥",
    ">=",
    ">",
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
    "≤",
    "<=",
    "<",
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
ZERO = re.compile(
    r"(?<!cam\skết\s)\bkhông\s+(?:để|có)\s+(?:\w+\s+){0,2}?(?:xảy\s+ra|phát\s+sinh|tái\s+hoạt\s+động|tái\s+diễn|"
    r"hình\s+thành|tái\s+phát|xuất\s+hiện|tồn\s+tại)",
    re.IGNORECASE,
)
_LIST_NOUNS = (
    "xã",
    "đặc khu",
    "khu phố",
    "tổ dân phố",
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
LEADING_JOINERS = re.compile(r"^(?:và|để|nhằm|đồng\s+thời|trong\s+đó)\s+", re.IGNORECASE)
_MAX_BEFORE = 140
_MAX_AFTER = 160


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
    weak: bool = False  # 'hằng quý' alone: a target only where targets are listed


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
    after = _after(clause, end)
    m = _PERCENT_WORDS.match(after)
    if m:
        return "percent", end + m.end()
    m = _TIMES.match(after)
    if m:
        period = m.group("p").lower()
        return _TIMES_UNIT[period], end + m.end()
    if re.match(r"^\s*lần\b", after, re.IGNORECASE):
        b = _TIMES_BEFORE.search(before)
        if b:
            return _TIMES_UNIT[b.group("p").lower()], end
    return "count", end


_TIMES_UNIT = {"tháng": "times_per_month", "quý": "times_per_quarter", "năm": "times_per_year"}


def _paren_also(clause: str, end: int, unit: str) -> tuple[dict, int]:
    """A figure in brackets just after the target: '90% số xã (573 xã)', '12 huyện (45%)'."""
    m = _PAREN_ALSO.match(_after(clause, end))
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


class _Taken:
    """The spans of a clause already read as quantities, merged and in order, so that
    whether a match overlaps one is a bisection rather than a walk over all of them (a
    table's text can hold figures by the thousand in one clause)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in spans:
            self.add(s, e)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self.ends, s)
        return i < len(self.starts) and self.starts[i] < e

    def add(self, s: int, e: int) -> None:
        i = j = bisect.bisect_right(self.ends, s)
        while j < len(self.starts) and self.starts[j] < e:
            j += 1
        if j > i:
            s, e = min(s, self.starts[i]), max(e, self.ends[j - 1])
        self.starts[i:j] = [s]
        self.ends[i:j] = [e]


# What the readers of a figure's surroundings look at: the blanks next to it and this many
# characters beyond them (the longest comparator or identifier words, 'mỗi tháng … lần'
# with its 30 characters), never the whole rest of the clause, which made a clause of
# thousands of figures take minutes.
_CONTEXT = 80


def _before(clause: str, start: int) -> str:
    """The text before the figure at ``start`` that matters to it. Cut short, it begins
    with a NUL, which no pattern takes for the start of the clause or for a blank."""
    i = start
    while i > 0 and clause[i - 1].isspace():
        i -= 1
    if i <= _CONTEXT:
        return clause[:start]
    return "\0" + clause[i - _CONTEXT : start]


def _after(clause: str, end: int) -> str:
    """The text after a figure that matters to it (see ``_before``)."""
    return clause[end : past_blanks(clause, end) + 2 * _CONTEXT]


def _frequency_unit(months: int, times: int | float) -> tuple[str, int | float] | None:
    """'times' in a period of ``months`` as times per month, quarter or year."""
    if months <= 0:
        return None
    if months == 1:
        return "times_per_month", times
    if months == 3:
        return "times_per_quarter", times
    if 12 % months == 0:
        return "times_per_year", times * (12 // months)
    return None


def _frequencies(clause: str) -> list[Expression]:
    """Frequencies written with the period first (see ``_FREQ_PERIOD_FIRST``)."""
    found: list[Expression] = []
    # The patterns have no fixed start to look for and are tried at each position; most
    # clauses hold none of the words they need.
    low = clause.lower()
    times = "lần" in low
    each = "hằng" in low or "hàng" in low or "mỗi" in low
    if not times and not each:
        return found
    for m in _FREQ_PERIOD_FIRST.finditer(clause) if times else ():
        times = _word_or_number(m.group("n"))
        per = 1 if m.group("each") else _word_or_number(m.group("pn"))
        if not times or not per:
            continue
        unit = _frequency_unit(per * _PERIOD_MONTHS[m.group("p").lower()], times)
        if unit is None:
            continue
        words = " ".join((m.group("cmp") or m.group("cmp2") or "").lower().split())
        comp = "<=" if words in {"không quá", "tối đa"} else ">="
        found.append(
            Expression(
                m.start(), m.end(), m.start("n"), comp, unit[0], value=unit[1], explicit=True
            )
        )
    for m in _FREQ_MONTHS_EACH.finditer(clause) if times else ():
        per = _word_or_number(m.group("pn"))
        unit = _frequency_unit(per or 0, 1)
        if unit is None or any(f.start <= m.start() < f.end for f in found):
            continue
        found.append(
            Expression(
                m.start(), m.end(), m.start("pn"), ">=", unit[0], value=unit[1], explicit=True
            )
        )
    for m in _FREQ_EACH.finditer(clause) if each else ():
        if any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in found):
            continue
        before = clause[max(0, m.start() - 80) : m.start()]
        if _FREQ_NOT_BEFORE.search(before) or not _FREQ_ACTIVITY.search(before):
            continue
        unit = _frequency_unit(_PERIOD_MONTHS[m.group("p").lower()], 1)
        found.append(
            Expression(m.start(), m.end(), m.start("each"), ">=", unit[0], value=unit[1], weak=True)
        )
    return found


def _word_or_number(word: str | None) -> int | None:
    if not word:
        return None
    value = parse_word_number(word)
    if value is None:
        parsed = parse_number(word)
        value = int(parsed) if parsed is not None and parsed == int(parsed) else None
    return value


def expressions_in(clause: str) -> list[Expression]:
    """The quantity expressions of one clause, in order."""
    found: list[Expression] = _frequencies(clause)
    taken = _Taken([(f.start, f.end) for f in found])

    for m in _BASELINE.finditer(clause):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a is None or b is None or _identifier_before(_before(clause, m.start())):
            continue
        percent = bool(m.group("ap") or m.group("bp"))
        if _year_like(a) and _year_like(b) and not percent:
            continue
        before = _before(clause, m.start())
        down = m.group("dir").lower() != "lên" or _ends_with_phrase(before, ("giảm",))
        unit, end = _unit_after(clause, m.end(), before, percent)
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
        taken.add(m.start(), end)

    for m in _RANGE.finditer(clause):
        if taken.overlaps(m.start(), m.end()):
            continue
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a is None or b is None or not a < b:
            continue
        before = _before(clause, m.start())
        percent = bool(m.group("ap") or m.group("bp"))
        if _identifier_before(before) or (_year_like(a) and _year_like(b) and not percent):
            continue
        if _TIME_UNIT_AFTER.match(_after(clause, m.end())):
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
        taken.add(m.start(), end)

    for m in _WORD.finditer(clause):
        if taken.overlaps(m.start(), m.end()):
            continue
        value = parse_word_number(m.group("w"))
        cmp_words = " ".join(m.group("cmp").lower().split())
        comp = "<=" if cmp_words in {"không quá", "tối đa"} else ">="
        unit, end = _unit_after(clause, m.end(), _before(clause, m.start()), False)
        found.append(
            Expression(m.start(), end, m.start("w"), comp, unit, value=value, explicit=True)
        )
        taken.add(m.start(), end)

    for m in _SINGLE.finditer(clause):
        if taken.overlaps(m.start(), m.end()):
            continue
        value = parse_number(m.group("a"))
        if value is None:
            continue
        before = _before(clause, m.start())
        after = _after(clause, m.end())
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
        taken.add(m.start(), end)

    found.sort(key=lambda x: x.start)
    return found


def is_list_comma(text: str, after_comma: int) -> bool:
    """Whether the comma before ``after_comma`` separates items of a list ('xã, phường')."""
    i = past_blanks(text, after_comma)
    nxt = text[i : i + 40].lower()  # the longest noun and the letter after it
    return any(
        nxt.startswith(noun) and (len(nxt) == len(noun) or not nxt[len(noun)].isalnum())
        for noun in _LIST_NOUNS
    )


def boundary(clause: str, left: Expression, right: Expression) -> int:
    """Where the quote of ``left`` ends and that of ``right`` begins."""
    lo, hi = left.end, right.start
    if hi <= lo:
        return lo
    region = clause[lo:hi]
    best = None
    for m in re.finditer(r",\s*", region):
        if not is_list_comma(region, m.end()):
            best = lo + m.end()
    if best is not None:
        return best
    conn = None
    for m in _CONNECTIVE.finditer(region):
        conn = lo + m.start() + 1
    return conn if conn is not None else lo


def trim(clause: str, s: int, e: int, es: int, ee: int) -> tuple[int, int]:
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
            m.start() for m in re.finditer(r", ", window) if not is_list_comma(window, m.end())
        ]
        comma = commas[-1] if commas else -1
        if comma >= 40:
            e = ee + comma
        else:
            space = window.rfind(" ")
            e = ee + (space if space > 0 else len(window))
    while s < e and clause[s] in " ,;:.-–":
        s += 1
    m = LEADING_JOINERS.match(clause[s:e])
    if m and s + m.end() <= es:
        s += m.end()
    while e > s and clause[e - 1] in " ,;:-–(":
        e -= 1
    if e > s and clause[e - 1] == "." and not clause[s:e].endswith(".."):
        e -= 1
    return s, e


def qualifier_indexes(clause: str, exprs: list[Expression]) -> set[int]:
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
            and boundary(clause, left, right) == left.end
        ):
            out.add(i)
    return out
