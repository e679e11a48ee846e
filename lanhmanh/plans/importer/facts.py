"""Facts read from sentences: bases, topics, reporting periodicities, standing agency.

* bases: numbers of the documents a plan implements, from its 'Căn cứ …' / 'Thực hiện Kế
  hoạch số …' paragraphs (a letter may cite them inside its first item);
* topics: prostitution, drugs, trafficking, from the title (else the opening, else the body);
* reporting: 'báo cáo … định kỳ 6 tháng, năm', 'báo cáo định kỳ tháng, quý, năm', 'hằng
  quý báo cáo' → monthly, quarterly, semiannual, nine_months, annual;
* standing agency: '… là cơ quan thường trực', or the agency reports go through ('báo cáo
  về UBND huyện (qua Phòng Lao động - Thương binh và Xã hội)').
"""

from __future__ import annotations

import re

from .agencies import AgencyItem, is_agency_start, same_agency
from .structure import clauses
from .text import collapse
from .vocab import PERIOD_ORDER, TOPIC_ORDER, TOPIC_WORDS

__all__ = [
    "DOCUMENT_NUMBER",
    "basis_texts",
    "document_numbers",
    "find_bases",
    "find_reporting",
    "find_standing_agency",
    "find_topics",
    "periods_in",
]

DOCUMENT_NUMBER = re.compile(
    r"(?<![\w/])(?P<n>\d{1,5}(?:/\d{4})?\s?/\s?[A-ZĐ][A-Za-zĐđ0-9&]*(?:\s?[-–]\s?[A-ZĐ][A-Za-zĐđ0-9&]*)*)"
    r"|(?<![\w/])(?P<p>\d{1,4}\s?-\s?(?:CT|NQ|QĐ|KL|HD|TB|QC|QĐi)/[A-ZĐ]{2,}(?:-?[A-ZĐ]+)?)"
)
_BASIS_OPENING = re.compile(
    r"^(?:Căn\s+cứ|Thực\s+hiện|Theo|Triển\s+khai|Thi\s+hành|Trên\s+cơ\s+sở)\b", re.IGNORECASE
)
_BASIS_WORDS = re.compile(r"\b(?:căn\s+cứ|thực\s+hiện|triển\s+khai)\b", re.IGNORECASE)
_REFERENCE = re.compile(
    r"\b(?:Kế\s+hoạch|Quyết\s+định|Chỉ\s+thị|Công\s+văn|Nghị\s+quyết|Thông\s+tư|Nghị\s+định|"
    r"Chương\s+trình|Hướng\s+dẫn|Luật|Thông\s+báo|Kết\s+luận)\s+(?:liên\s+tịch\s+)?(?:số\s*:?\s*)?\d",
    re.IGNORECASE,
)

_PERIOD = (
    r"(?:0?6|sáu)\s+tháng(?:\s+đầu\s+năm)?|(?:0?9|chín)\s+tháng|(?:0?1|một)\s+năm|"
    r"nửa\s+năm|bán\s+niên|cuối\s+năm|hằng\s+năm|hàng\s+năm|hằng\s+tháng|hàng\s+tháng|"
    r"hằng\s+quý|hàng\s+quý|tháng|quý|năm(?!\s*\d)"
)
_PERIOD_LIST = re.compile(
    rf"định\s+kỳ\s*\(?\s*(?P<list>(?:{_PERIOD})(?:\s*(?:,|;|/|và|hoặc)\s*(?:{_PERIOD}))*)",
    re.IGNORECASE,
)
_PERIOD_LOOSE = re.compile(
    r"\b(?:báo\s+cáo\s+(?P<a>(?:0?6|sáu)\s+tháng|(?:0?9|chín)\s+tháng|quý|tháng|năm(?!\s*\d))"
    r"|(?:hằng|hàng)\s+(?P<b>tháng|quý|năm))\b",
    re.IGNORECASE,
)
_PERIOD_RESULTS = re.compile(
    rf"kết\s+quả\s+(?:thực\s+hiện\s+)?(?P<list>(?:{_PERIOD})(?:\s*(?:,|;|/|và|hoặc)\s*(?:{_PERIOD}))*)",
    re.IGNORECASE,
)
_REPORT = re.compile(r"báo\s+cáo", re.IGNORECASE)
_STANDING = re.compile(r"(?:cơ\s+quan|đơn\s+vị|bộ\s+phận)\s+thường\s+trực", re.IGNORECASE)
_THROUGH = re.compile(r"\(\s*qua\s+(?P<a>[^()]{3,120}?)\s*\)", re.IGNORECASE)


def _canonical_number(raw: str) -> str:
    return re.sub(r"\s*[-–]\s*", "-", re.sub(r"\s*/\s*", "/", raw.strip()))


def document_numbers(text: str) -> list[str]:
    """'… Quyết định số 361/QĐ-TTg …' → ['361/QĐ-TTg'] (dates such as 27/7/2016 are not)."""
    out: list[str] = []
    for m in DOCUMENT_NUMBER.finditer(text):
        number = _canonical_number(m.group("n") or m.group("p"))
        if number not in out:
            out.append(number)
    return out


# What a plan rests on is a legal or a superior document; a proposal of the agency that
# drafted it ('Xét đề nghị của Sở Y tế tại Công văn số 663/SYT-BT') and a report of past
# results ('Báo cáo số 95/BC-UBND') are cited beside the bases but are none.
_NOT_BASIS_BEFORE = re.compile(
    r"(?:đề\s+nghị|đề\s+xuất|tờ\s+trình|báo\s+cáo|tham\s+mưu|ý\s+kiến)\b[^;]{0,120}$", re.IGNORECASE
)
_NOT_BASIS_SYMBOL = re.compile(r"^\d+/(?:BC|TTr)(?:-|$)")


def _basis_numbers(sentence: str) -> list[str]:
    out = []
    for m in DOCUMENT_NUMBER.finditer(sentence):
        number = _canonical_number(m.group("n") or m.group("p"))
        clause_start = max(
            sentence.rfind(";", 0, m.start()), sentence.rfind(",", 0, m.start() - 60)
        )
        before = sentence[clause_start + 1 : m.start()]
        if _NOT_BASIS_SYMBOL.match(number) or _NOT_BASIS_BEFORE.search(before):
            continue
        if number not in out:
            out.append(number)
    return out


def basis_texts(preamble: list[str], bases: list[str]) -> dict[str, str]:
    """Each basis as the document writes it: 'Căn cứ Quyết định số 1629/QĐ-TTg ngày
    28/9/2021 của Thủ tướng Chính phủ phê duyệt …', with the opening words the document
    gave its sentence ('Căn cứ', 'Thực hiện')."""
    out: dict[str, str] = {}
    for paragraph in preamble:
        opening = "Căn cứ"
        for part in re.split(r";\s*", paragraph):
            said = _BASIS_OPENING.match(part.strip())
            if said:
                opening = said.group(0)
            for number in bases:
                if number in out or number not in _canonical_number(part):
                    continue
                m = _REFERENCE.search(part)
                text = part[m.start() :] if m else part.strip()
                if said and not m:
                    text = text[said.end() :].strip()
                text = re.split(r",\s*(?:Ủy|Uỷ|UBND)\b", text)[0]
                end = next(
                    (
                        e.start()
                        for e in re.finditer(r"\.\s+", text)
                        if text[e.end() :][:1].isupper()
                    ),
                    len(text),
                )
                out[number] = f"{opening} {collapse(text[:end]).rstrip(' .,:;')}"
    return out


def find_bases(preamble: list[str], body_lines: list[str], own_number: str | None) -> list[str]:
    """Numbers of the documents the plan implements."""
    bases: list[str] = []
    for paragraph in preamble:
        for sentence_start, sentence_end in _sentences(paragraph):
            sentence = paragraph[sentence_start:sentence_end]
            if _BASIS_OPENING.match(sentence) or _BASIS_WORDS.search(sentence[:40]):
                bases.extend(n for n in _basis_numbers(sentence) if n not in bases)
    if not bases:
        for line in body_lines:
            if _BASIS_WORDS.search(line) and _REFERENCE.search(line):
                bases.extend(n for n in _basis_numbers(line) if n not in bases)
                break
    if own_number:
        bases = [b for b in bases if b != own_number]
    return bases


def _sentences(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans (a basis paragraph may hold the issuer's sentence too)."""
    spans = []
    pos = 0
    for m in re.finditer(r"\.\s+", paragraph):
        if paragraph[m.end() : m.end() + 1].isupper():
            spans.append((pos, m.start()))
            pos = m.end()
    spans.append((pos, len(paragraph)))
    return [(s, e) for s, e in spans if paragraph[s:e].strip()]


def find_topics(title: str | None, preamble: str, body: str) -> list[str]:
    """Topics named by the title; else by the opening; else the body's main ones."""
    for source in (title or "", preamble):
        found = [t for t in TOPIC_ORDER if TOPIC_WORDS[t].search(source)]
        if found:
            return found
    counts = {t: len(TOPIC_WORDS[t].findall(body)) for t in TOPIC_ORDER}
    top = max(counts.values(), default=0)
    if not top:
        return []
    return [t for t in TOPIC_ORDER if counts[t] * 3 >= top]


def _period_names(words: str) -> set[str]:
    w = " ".join(words.lower().split())
    if re.fullmatch(r"(?:0?6|sáu) tháng(?: đầu năm)?|nửa năm|bán niên", w):
        return {"semiannual"}
    if re.fullmatch(r"(?:0?9|chín) tháng", w):
        return {"nine_months"}
    if re.fullmatch(r"(?:0?1|một) năm|cuối năm|hằng năm|hàng năm|năm", w):
        return {"annual"}
    if re.fullmatch(r"hằng tháng|hàng tháng|tháng", w):
        return {"monthly"}
    if re.fullmatch(r"hằng quý|hàng quý|quý", w):
        return {"quarterly"}
    return set()


def periods_in(text: str) -> list[str]:
    """Reporting periodicities asked for in ``text`` (sentences that speak of reports)."""
    found: set[str] = set()
    for s, e in clauses(text) or [(0, len(text))]:
        sentence = text[s:e]
        if not _REPORT.search(sentence):
            continue
        for m in [*_PERIOD_LIST.finditer(sentence), *_PERIOD_RESULTS.finditer(sentence)]:
            for item in re.split(r"\s*(?:,|;|/|\bvà\b|\bhoặc\b)\s*", m.group("list")):
                found |= _period_names(item)
        for m in _PERIOD_LOOSE.finditer(sentence):
            found |= _period_names(m.group("a") or m.group("b"))
    return [p for p in PERIOD_ORDER if p in found]


def find_reporting(closing: str | None, body: str) -> list[str]:
    """The periodicities of the reports the plan asks for.

    The closing paragraph ('Định kỳ 6 tháng, cuối năm báo cáo kết quả về UBND tỉnh') states
    what the issuer wants; when it names none, every periodic report the body asks for.
    """
    if closing:
        found = periods_in(_whole_sentences(closing))
        if found:
            return found
    return periods_in(_whole_sentences(body))


def _whole_sentences(text: str) -> str:
    """Replace ';' and ':' so that clauses() splits only at sentence ends here."""
    return re.sub(r"[;:]", ",", text)


def find_standing_agency(
    body: str, closing: str | None, items: list[AgencyItem], agencies: list[str]
) -> str | None:
    """The agency that coordinates the programme for the issuer, if the text says which."""
    for item in items:
        own = item.node.title
        if _STANDING.search(own):
            return item.names[0]
        for child in item.node.walk():
            if child is not item.node and _STANDING.search(child.title):
                prefix = child.title[: _STANDING.search(child.title).start()].lower()
                if "là" in prefix.split() or "làm" in prefix.split() or len(prefix) < 12:
                    return item.names[0]
    flat = collapse(body)
    # tried from every capital letter, so only where the words it ends with are
    m = (
        re.search(
            r"(?P<a>[A-ZĐÀ-Ỹ][^,;.:()]{2,120}?)\s+(?:là|làm)\s+(?:cơ\s+quan|đơn\s+vị|bộ\s+phận)\s+thường\s+trực",
            flat,
        )
        if "thường trực" in flat
        else None
    )
    if m and is_agency_start(_tail_agency(m.group("a"))):
        return _match_known(_tail_agency(m.group("a")), agencies)
    m = re.search(
        r"cơ\s+quan\s+thường\s+trực\s*(?:là|:)\s*(?P<a>[^,;.()]{3,120})", flat, re.IGNORECASE
    )
    if m and is_agency_start(m.group("a").strip()):
        return _match_known(m.group("a").strip(), agencies)
    for source in (closing or "", flat):
        for t in _THROUGH.finditer(source):
            name = t.group("a").strip(" .;,")
            if is_agency_start(name[:1].upper() + name[1:]):
                return _match_known(name, agencies)
    return None


def _tail_agency(text: str) -> str:
    """'Giao Sở Y tế' → 'Sở Y tế': the agency at the end of a phrase."""
    given = re.split(r"\bgiao\s+(?:cho\s+)?", text)
    if len(given) > 1 and is_agency_start(given[-1]):
        return given[-1]
    words = text.split()
    for i in range(len(words)):
        rest = " ".join(words[i:])
        if is_agency_start(rest):
            return rest
    return text


def _match_known(name: str, agencies: list[str]) -> str:
    for known in agencies:
        if same_agency(known, name):
            return known
    return collapse(name)
