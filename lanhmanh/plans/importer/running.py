"""Header facts written in running text, for documents whose header is lost or absent: a
portal's summary ('Ngày 22/02/2024, UBND tỉnh Lâm Đồng ban hành Kế hoạch số 1425/KH-UBND
về …'), a converted file that kept only the body, an appendix '(Kèm theo Kế hoạch số …
ngày …)'; and the usual abbreviations of unit names (TP.HCM, TPHCM, TP. Hà Nội).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .vocab import LEVEL_WORD_PATTERN, PEOPLES_COMMITTEE

__all__ = ["RunningFacts", "expand_abbreviations", "running_facts"]

_ABBREVIATIONS = (
    (re.compile(r"\bTP\.?\s*HCM\b|\bTPHCM\b|\bTp\.?\s*HCM\b", re.UNICODE), "thành phố Hồ Chí Minh"),
    (re.compile(r"\b(?:TP|Tp)\.?\s*(?=Hồ\s+Chí\s+Minh\b)"), "thành phố "),
    (re.compile(r"\b(?:TP|Tp)\.\s*(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])"), "thành phố "),
    (re.compile(r"\bTX\.\s*(?=[A-ZĐ])"), "thị xã "),
    (re.compile(r"\bTT\.\s*(?=[A-ZĐ])"), "thị trấn "),
)

_DATE = (
    r"(?:\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d\d|"
    r"\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(?:19|20)\d\d)"
)
_KINDS = {
    "kế hoạch": "plan",
    "chương trình": "plan",
    "công văn": "directive",
    "chỉ thị": "directive",
}
_ISSUED = re.compile(
    rf"(?:[Nn]gày\s+(?P<d1>{_DATE})\s*,\s*)?"
    rf"(?P<issuer>(?:{PEOPLES_COMMITTEE})\s+(?P<lw>{LEVEL_WORD_PATTERN})\s+"
    r"(?P<name>[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ0-9][\w.]*(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ0-9][\w.]*){0,4}))"
    r"\s+(?:đã\s+|vừa\s+)?(?:ban\s+hành|ký\s+ban\s+hành|phê\s+duyệt)\s+"
    r"(?P<kind>[Kk]ế\s+hoạch|[Cc]hương\s+trình|[Cc]ông\s+văn|[Cc]hỉ\s+thị)\s+số\s*:?\s*"
    r"(?P<num>\d{1,5}/[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*)"
    rf"(?:\s+ngày\s+(?P<d2>{_DATE}))?"
    r"(?:\s*(?:về\s+việc|về|nhằm|để)\s+(?P<title>[^.\n;]{10,220}))?",
)
_ATTACHED = re.compile(
    r"\(\s*[Kk]èm\s+theo\s+(?P<kind>[Kk]ế\s+hoạch|[Cc]ông\s+văn)\s+số\s*:?\s*"
    r"(?P<num>\d{1,5}/[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*)"
    rf"(?:\s+ngày\s+(?P<d>{_DATE}))?",
)


# a sentence that cites another document's issue ('Thực hiện …, UBND tỉnh ban hành …')
_CITING = re.compile(r"\b(?:[Cc]ăn\s+cứ|[Tt]hực\s+hiện|[Tt]riển\s+khai|[Tt]heo|của)\b[^.;]*$")


@dataclass
class RunningFacts:
    kind: str | None = None
    number: str | None = None
    date: datetime.date | None = None
    issuer_words: str | None = None  # 'UBND tỉnh Lâm Đồng', as written (abbreviations expanded)
    title: str | None = None


def expand_abbreviations(text: str) -> str:
    """'UBND TP.HCM' → 'UBND thành phố Hồ Chí Minh'; for matching names, never for quotes."""
    for pattern, repl in _ABBREVIATIONS:
        text = pattern.sub(repl, text)
    return text


def _date(raw: str | None) -> datetime.date | None:
    if not raw:
        return None
    figures = [int(x) for x in re.findall(r"\d+", raw)]
    if len(figures) != 3:
        return None
    day, month, year = figures
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def running_facts(text: str) -> RunningFacts:
    """The plan's own kind, number, date, issuer and title from its running text."""
    facts = RunningFacts()
    expanded = expand_abbreviations(text[:20000])
    m = next(
        (
            m
            for m in _ISSUED.finditer(expanded)
            if not _CITING.search(expanded[max(0, m.start() - 80) : m.start()])
        ),
        None,
    )
    if m:
        facts.kind = _KINDS.get(" ".join(m.group("kind").lower().split()))
        facts.number = m.group("num")
        facts.date = _date(m.group("d2") or m.group("d1"))
        facts.issuer_words = " ".join(m.group("issuer").split())
        if m.group("title"):
            facts.title = " ".join(m.group("title").split()).rstrip(" ,")
        return facts
    m = _ATTACHED.search(expanded)
    if m:
        facts.kind = _KINDS.get(" ".join(m.group("kind").lower().split()))
        facts.number = m.group("num")
        facts.date = _date(m.group("d"))
    return facts
