"""The head and the foot of a document: kind, title, issuer and unit, number, place and
date, year, signature block and signer.

Decree 30/2020/NĐ-CP lays these out: the issuing body top left ('ỦY BAN NHÂN DÂN / HUYỆN
X') over 'Số: 26/KH-UBND'; place and date top right ('X, ngày 10 tháng 3 năm 2023'); the
kind of document in capitals ('KẾ HOẠCH') over its summary line, or, for a letter, 'V/v …'
under the number; at the end 'TM.'/'KT.'/'Q.' lines, the title, the signer's name.
Converted files often lose the header; the issuer is then read from the first paragraphs
('Ủy ban nhân dân huyện xây dựng Kế hoạch …') and the title ('… trên địa bàn huyện X').
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from .gazetteer import parents_of
from .text import Line, collapse, fold
from .vocab import CENTRAL_CITIES, LEVEL_WORD_PATTERN, LEVEL_WORDS, PEOPLES_COMMITTEE

__all__ = [
    "Head",
    "UnitFound",
    "find_unit",
    "read_head",
    "read_signature",
]

REFORM_DATE = datetime.date(2025, 7, 1)

_KIND_LINES = {
    "KẾ HOẠCH": "plan",
    "CHƯƠNG TRÌNH": "plan",
    "ĐỀ ÁN": "plan",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG": "plan",
    "CÔNG VĂN": "directive",
    "CHỈ THỊ": "directive",
    "THÔNG BÁO": "directive",
    "QUYẾT ĐỊNH": "decision",
    "BÁO CÁO": "report",
    "HƯỚNG DẪN": "directive",
    "TỜ TRÌNH": "report",
}
_KIND_RE = re.compile(
    r"^(?P<k>" + "|".join(sorted(map(re.escape, _KIND_LINES), key=len, reverse=True)) + r")"
    r"(?:\s*:)?(?:\s+(?P<rest>\S.*))?$"
)
_VV = re.compile(r"^V\s*/\s*v\b\.?\s*(?P<t>.*)$", re.IGNORECASE)
_NUMBER = re.compile(
    r"(?:^|\s)Số\s*[:.]?\s*(?P<n>\d{0,5})\s*/\s*"
    r"(?P<sym>[A-Za-zĐđ0-9&]+(?:\s?[-–]\s?[A-Za-zĐđ0-9&.]+)*)"
)
_DATE = re.compile(
    r"(?P<place>[^\W\d_][^,\n]{0,40}?),\s*ngày\s*(?P<d>\d{1,2})?\s*"
    r"(?:tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})|/\s*(?P<m2>\d{1,2})\s*/\s*(?P<y2>\d{4}))",
    re.IGNORECASE,
)
_BODY_START = re.compile(
    r"^(?:Căn\s+cứ|Thực\s+hiện|Kính\s+gửi|Theo|Triển\s+khai|Nhằm|Để|Thời\s+gian\s+qua|"
    r"Trên\s+cơ\s+sở|Thi\s+hành)\b",
    re.IGNORECASE,
)
_BASIS_LINE = re.compile(r"^(?:Căn\s+cứ|Kính\s+gửi)\b", re.IGNORECASE)
_ADDRESSEE = re.compile(r"^Kính\s+gửi\b", re.IGNORECASE)
_CITES = re.compile(r"\bsố\s*:?\s*\d+\s*/|\d+/\d{4}/|\d+/[A-ZĐ]")
_RULE_LINE = re.compile(r"^[-_=*.·–—\s]+$")
_NATIONAL = re.compile(r"CỘNG\s+HÒA|CỘNG\s+HOÀ|Độc\s+lập|ĐỘC\s+LẬP", re.IGNORECASE)
_ISSUER_HEAD = re.compile(rf"^(?:{PEOPLES_COMMITTEE})\b\s*(?P<rest>.*)$")
_LEVEL_AT_START = re.compile(rf"^(?P<lw>{LEVEL_WORD_PATTERN})\s+(?P<name>\S.*)$", re.IGNORECASE)
_ISSUER_IN_BODY = re.compile(
    rf"(?:{PEOPLES_COMMITTEE})\s+(?P<lw>{LEVEL_WORD_PATTERN})\b", re.IGNORECASE
)
# The word before a committee named in the body, read apart from it: an optional
# '\S+\s+' in front of the pattern retries every run of letters without a space from each
# of its positions, minutes on a long one.
_WORD_BEFORE = re.compile(r"(\S+)\s+$")
_ISSUER_VERBS = re.compile(
    r"^\s*(?:xây\s+dựng|ban\s+hành|triển\s+khai|lập|đề\s+ra|yêu\s+cầu|chỉ\s+đạo|thông\s+báo|"
    r"hướng\s+dẫn|quyết\s+định|giao)\b",
    re.IGNORECASE,
)
_AUTHORITY = re.compile(r"^(?:TM|KT|Q|TL|TUQ|T/M)\s?\.\s*\S")
_TITLE_WORDS = re.compile(
    r"CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG|PHÓ|BÍ\s+THƯ|ỦY\s+VIÊN|UỶ\s+VIÊN|CHÁNH|THỦ\s+TRƯỞNG|"
    r"TỔNG|CỤC|VỤ|ỦY\s+BAN|UỶ\s+BAN|UBND|BAN|SỞ|PHÒNG"
)
_NAME = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:\s+[^\W\d_][^\W\d_'’.-]*){1,5}$")


@dataclass
class UnitFound:
    name: str
    level: str | None
    level_word: str
    parent: str | None = None
    issuer: str = ""


@dataclass
class Head:
    kind: str | None = None
    kind_word: str | None = None
    title: str | None = None
    number: str | None = None
    number_symbol: str | None = None
    place: str | None = None
    date: datetime.date | None = None
    date_year: int | None = None
    body_from: int = 0  # index of the first line after the title
    issuer_lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _strip_national(text: str) -> str:
    m = _NATIONAL.search(text)
    return text[: m.start()].strip() if m else text


def read_head(lines: list[Line]) -> Head:
    """Kind, title, number, place and date from the first lines of a document."""
    head = Head()
    limit = min(len(lines), 40)
    kind_at = None
    for i in range(limit):
        text = lines[i].text
        m = _KIND_RE.match(text)
        if m and text[: len(m.group("k"))].isupper():
            rest = m.group("rest")
            if rest and rest.isupper() and len(rest) > 40:
                continue
            kind_at = i
            head.kind_word = m.group("k")
            head.kind = _KIND_LINES[m.group("k")]
            title_parts = [rest] if rest else []
            j = i + 1
            while j < len(lines) and len(title_parts) < 4:
                t = lines[j].text
                if _RULE_LINE.match(t):
                    j += 1
                    continue
                if _ends_title(t, first=not title_parts):
                    break
                title_parts.append(t)
                j += 1
                if t.endswith("."):
                    break
            head.title = collapse(" ".join(title_parts)).rstrip(".") or None
            head.body_from = j
            break
        vv = _VV.match(text)
        if vv:
            kind_at = i
            head.kind = "directive"
            head.kind_word = "V/v"
            head.title = collapse(text)
            head.body_from = i + 1
            break
    top = lines[: kind_at if kind_at is not None else min(limit, 12)]
    zone = lines[: (head.body_from or 0) + 2] if kind_at is not None else lines[:limit]
    for line in zone:
        if head.number is None and head.number_symbol is None:
            m = _NUMBER.search(line.text)
            if m:
                n = m.group("n")
                sym = re.sub(r"\s*[-–]\s*", "-", m.group("sym")).strip("-.")
                head.number_symbol = sym
                head.number = f"{n}/{sym}" if n else None
                if not n:
                    head.warnings.append("Số văn bản để trống (văn bản chưa lấy số).")
        if head.place is None:
            d = _DATE.search(line.text)
            if d and len(line.text) < 140:
                _read_date(head, d)
    head.issuer_lines = _issuer_lines(top)
    if head.kind is None and head.number_symbol:
        if re.search(r"(?:^|-)KH(?:-|$)", head.number_symbol):
            head.kind = "plan"
        elif re.search(r"(?:^|-)CT(?:-|$)", head.number_symbol) or "-" not in head.number_symbol:
            head.kind = "directive"
    if kind_at is None:
        head.body_from = _first_body_line(lines, limit)
    return head


def _ends_title(line: str, first: bool) -> bool:
    """Whether ``line`` is past the summary line under the kind of document."""
    if re.match(r"^[IVX]+\s?[.)]\s", line) or len(line) > 300 or _ADDRESSEE.match(line):
        return True
    if first:
        # a title may open with 'Triển khai …' or 'Thực hiện …'; a basis cites a number
        return bool(_BASIS_LINE.match(line) or (_BODY_START.match(line) and _CITES.search(line)))
    return bool(_BODY_START.match(line)) or (line.endswith((":", ".")) and len(line) > 120)


def _first_body_line(lines: list[Line], limit: int) -> int:
    for i in range(min(limit, len(lines))):
        t = lines[i].text
        if _BODY_START.match(t) or len(t) > 200 or re.match(r"^[IVX]+\s?[.)]\s", t):
            return i
    return 0


def _read_date(head: Head, m: re.Match[str]) -> None:
    place = m.group("place").strip(" *_")
    if not place[:1].isupper():
        return
    head.place = place
    day = m.group("d")
    month = m.group("m") or m.group("m2")
    year = m.group("y") or m.group("y2")
    head.date_year = int(year) if year else None
    if day and month and year:
        try:
            head.date = datetime.date(int(year), int(month), int(day))
        except ValueError:
            head.warnings.append(f"Ngày ban hành không hợp lệ: '{collapse(m.group(0))}'.")
    else:
        head.warnings.append("Ngày ban hành chưa ghi đủ ngày, tháng (văn bản chưa ký).")


def _issuer_lines(top: list[Line]) -> list[str]:
    """Issuing-body lines of the header: ['UBND TỈNH X', 'ỦY BAN NHÂN DÂN HUYỆN Y']."""
    out: list[str] = []
    for i, line in enumerate(top):
        text = _strip_national(line.text)
        if len(text) > 90:
            continue  # a sentence of the body ('UBND tỉnh giao Sở …'), not a header line
        m = _ISSUER_HEAD.match(text)
        if not m or not text[:4].isupper():
            continue
        rest = m.group("rest").strip()
        if not rest and i + 1 < len(top):
            nxt = _strip_national(top[i + 1].text)
            if _LEVEL_AT_START.match(nxt) and nxt.isupper():
                rest = nxt
        if rest and _LEVEL_AT_START.match(rest):
            out.append(rest)
    return out


def _capitalised_words(text: str) -> str:
    """The leading run of capitalised words: 'Ba Đình năm 2021' → 'Ba Đình'."""
    words = text.split()
    taken: list[str] = []
    for i, w in enumerate(words):
        w_clean = w.strip(",.;:()“”\"'")
        if not w_clean:
            break
        if w_clean in {"-", "–"} and taken and i + 1 < len(words) and words[i + 1][:1].isupper():
            taken.append("-")
            continue
        if w_clean[0].isupper() or (w_clean.isdigit() and len(w_clean) <= 2 and not taken):
            taken.append(w_clean)
            if w != w_clean and w[-1] in ",.;:)":
                break
            if len(taken) >= 6:
                break
        else:
            break
    while taken and taken[-1] == "-":
        taken.pop()
    return " ".join(taken)


def _proper_case(name: str, text: str) -> str:
    """A name written in capitals in the header, as the body writes it."""
    if not name.isupper():
        return name
    m = re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.IGNORECASE)
    while m:
        found = m.group(0)
        if not found.isupper():
            return found
        m = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE).search(
            text, m.end()
        )
    return " ".join(w.capitalize() if w not in {"-", "–"} else w for w in name.lower().split())


def _level_of(level_word: str) -> str | None:
    return LEVEL_WORDS.get(level_word.lower())


def _mentions(text: str, level_words: tuple[str, ...]) -> list[tuple[str, str]]:
    """('tỉnh', 'Tây Ninh') for each 'tỉnh Tây Ninh' in the text, in order."""
    pattern = re.compile(r"(?<!\w)(" + "|".join(level_words) + r")\s+(?=[^\W\d_])", re.IGNORECASE)
    out: list[tuple[str, str]] = []
    for m in pattern.finditer(text):
        word = m.group(1)
        if word[0].isupper() and not word.isupper():
            continue  # 'Huyện và 100% các xã': the word opens a sentence, not a name
        name = _capitalised_words(text[m.end() : m.end() + 60])
        if name and not name.isupper():
            out.append((word.lower(), name))
    return out


def find_unit(
    head: Head,
    preamble: str,
    title: str | None,
    text: str,
    year: int | None,
) -> tuple[UnitFound | None, list[str]]:
    """The issuing unit, its level and parent, and warnings about how sure that is."""
    warnings: list[str] = []
    level_word = name = None
    parent_from_header = None
    if head.issuer_lines:
        m = _LEVEL_AT_START.match(head.issuer_lines[-1])
        if m:
            level_word = m.group("lw").lower()
            name = _proper_case(collapse(m.group("name")), text)
        if len(head.issuer_lines) > 1:
            pm = _LEVEL_AT_START.match(head.issuer_lines[-2])
            if pm:
                parent_from_header = _proper_case(collapse(pm.group("name")), text)
    if level_word is None:
        for source in (preamble, text):
            for m in _ISSUER_IN_BODY.finditer(source):
                before = _WORD_BEFORE.search(source, max(0, m.start() - 12), m.start())
                if before and before.group(1).lower() in {"của", "với", "cho", "và", "qua"}:
                    continue  # the committee of a basis or a partner, not the issuer
                after = source[m.end() : m.end() + 80]
                cand = _capitalised_words(after)
                rest = after.lstrip()[len(cand) :] if cand else after
                if not _ISSUER_VERBS.match(rest):
                    continue
                level_word = m.group("lw").lower()
                name = cand or None
                break
            if level_word:
                break
    if level_word is None and title:
        m = re.search(rf"(?:địa\s+bàn|của)\s+(?P<lw>{LEVEL_WORD_PATTERN})\s+", title, re.IGNORECASE)
        if m and not m.group("lw")[0].isupper():
            level_word = m.group("lw").lower()
            name = _capitalised_words(title[m.end() :]) or None
            if name:
                warnings.append("Cơ quan ban hành được suy ra từ tên văn bản.")
    if level_word is None:
        warnings.append("Không xác định được cơ quan ban hành (Ủy ban nhân dân cấp nào).")
        return None, warnings
    if not name:
        for source in (title or "", preamble, text):
            for lw, nm in _mentions(source, (re.escape(level_word),)):
                if lw == level_word:
                    name = nm
                    break
            if name:
                break
    if not name and head.place and level_word not in {"tỉnh", "thành phố"}:
        name = head.place
        warnings.append("Tên đơn vị ban hành lấy theo địa danh ghi ở đầu văn bản.")
    if not name:
        warnings.append(f"Không tìm thấy tên {level_word} ban hành văn bản.")
        return None, warnings

    level = _level_of(level_word)
    unit = UnitFound(name=name, level=level, level_word=level_word)
    unit.issuer = f"Ủy ban nhân dân {level_word} {name}"
    _find_parent(unit, head, parent_from_header, text, year, warnings)
    return unit, warnings


def _after_reform(head: Head, year: int | None, text: str) -> bool:
    if head.date:
        return head.date >= REFORM_DATE
    if year and year != REFORM_DATE.year:
        return year > REFORM_DATE.year
    return not _mentions(text, ("huyện", "quận", "thị xã"))


def _find_parent(
    unit: UnitFound,
    head: Head,
    from_header: str | None,
    text: str,
    year: int | None,
    warnings: list[str],
) -> None:
    own = fold(unit.name)
    if unit.level == "province":
        if unit.level_word == "thành phố" and fold(unit.name) not in {
            fold(c) for c in CENTRAL_CITIES
        }:
            provinces = [n for lw, n in _mentions(text, ("tỉnh",)) if fold(n) != own]
            gaz = parents_of("thành phố", unit.name, after_reform=False)
            if provinces or gaz:
                unit.level = "district"
            else:
                warnings.append(
                    f"Không rõ thành phố {unit.name} là tỉnh hay thuộc tỉnh: coi là cấp tỉnh."
                )
                return
        else:
            return
    after = unit.level == "commune" and _after_reform(head, year, text)
    if unit.level == "district" or after:
        wanted: tuple[str, ...] = ("tỉnh", "thành phố")
    else:
        wanted = ("huyện", "quận", "thị xã", "thành phố")
    named = [n for lw, n in _mentions(text, wanted) if fold(n) != own]
    if from_header and fold(from_header) != own:
        named.insert(0, from_header)
    gaz = parents_of(unit.level_word, unit.name, after_reform=after)
    gaz_keys = {fold(g): g for g in gaz}
    for n in named:
        if fold(n) in gaz_keys:
            unit.parent = gaz_keys[fold(n)]
            return
    if len(gaz) == 1 and not named:
        unit.parent = gaz[0]
        warnings.append(
            f"Đơn vị cấp trên ({gaz[0]}) lấy từ danh mục đơn vị hành chính, văn bản không ghi."
        )
        return
    if named:
        unit.parent = named[0]
        if gaz and fold(named[0]) not in gaz_keys:
            warnings.append(f"Đơn vị cấp trên '{named[0]}' không khớp danh mục đơn vị hành chính.")
        return
    if len(gaz) > 1:
        warnings.append(
            f"Không xác định được đơn vị cấp trên của {unit.level_word} {unit.name} "
            f"(có thể là: {', '.join(gaz[:5])})."
        )


def read_signature(tail: list[Line]) -> tuple[str | None, str | None]:
    """(signature block, signer) from the lines after the body."""
    auth_at = None
    for i in range(len(tail) - 1, -1, -1):
        if _AUTHORITY.match(tail[i].text):
            auth_at = i
            break
    if auth_at is None:
        return None, None
    first = auth_at
    while first - 1 >= 0 and _AUTHORITY.match(tail[first - 1].text):
        first -= 1
    parts = [collapse(tail[k].text) for k in range(first, auth_at + 1)]
    k = auth_at + 1
    while k < len(tail) and len(parts) < 5:
        t = collapse(tail[k].text)
        if t.isupper() and _TITLE_WORDS.search(t):
            parts.append(t)
            k += 1
            continue
        break
    signer = None
    for line in tail[k : k + 6]:
        t = collapse(line.text).strip("*_ ")
        if not t or t.startswith(("[", "(")) or _RULE_LINE.match(t):
            continue
        if _NAME.match(t) and all(w[:1].isupper() for w in t.split()):
            signer = t if not t.isupper() else " ".join(w.capitalize() for w in t.lower().split())
            break
        if t.isupper() and _TITLE_WORDS.search(t):
            continue
        break
    return " / ".join(parts), signer
