"""The text as the importer reads it, with a way back to the text it was given.

Converted documents carry noise: markdown marks (``**``, ``#``, ``|`` tables, ``\\*``
escapes), page breaks in the middle of sentences, runs of spaces. :func:`normalise` removes
it and keeps, for every character of the clean text, its position in the source, so that a
phrase found in the clean text can be quoted exactly as the source has it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from lanhmanh.core.text import fold

__all__ = ["Line", "MappedText", "first_after", "fold", "lines_of", "normalise", "past_blanks"]

# Characters that end a sentence or a clause: a line ending in one of them is complete.
_COMPLETE_END = set(".;:!?…)]}”\"'»/")
_STAR_KEEP = "\ue000"  # stands for a literal '*' (an escaped one, or a bullet) while marks go
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ODD_SPACES = re.compile("[\u00a0\u2007\u202f\u3000\t\f\v]")


@dataclass(frozen=True)
class MappedText:
    """Clean text plus, for each of its characters, the index of its source character."""

    text: str
    source: str
    index: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span that the clean span ``[start, end)`` came from."""
        if not self.index or end <= start:
            pos = self.index[min(start, len(self.index) - 1)] if self.index else 0
            return pos, pos
        start = max(0, min(start, len(self.index) - 1))
        end = max(start + 1, min(end, len(self.index)))
        return self.index[start], self.index[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        """The phrase at ``[start, end)`` as the source spells it.

        The clean phrase when the source holds it verbatim (the usual case); otherwise the
        exact source span it came from (which may hold a line break or a mark).
        """
        piece = self.text[start:end].strip()
        if not piece or piece in self.source:
            return piece
        s, e = self.source_span(start, end)
        return self.source[s:e].strip()


@dataclass(frozen=True)
class Line:
    """One non-empty line of the clean text and where it starts."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class _Builder:
    """Text being rewritten pass by pass, each character remembering its source index."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.index = list(range(len(text)))

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> None:
        out: list[str] = []
        idx: list[int] = []
        pos = 0
        text, index = self.text, self.index
        for m in pattern.finditer(text):
            s, e = m.span()
            out.append(text[pos:s])
            idx.extend(index[pos:s])
            new = repl(m) if callable(repl) else repl
            old = m.group(0)
            if new == old:
                out.append(old)
                idx.extend(index[s:e])
            elif new:
                at = old.find(new) if e > s else -1
                out.append(new)
                if at >= 0:
                    idx.extend(index[s + at : s + at + len(new)])
                else:
                    anchor = index[s] if e > s else (index[s - 1] if s > 0 else 0)
                    idx.extend([anchor] * len(new))
            pos = e
        out.append(text[pos:])
        idx.extend(index[pos:])
        self.text = "".join(out)
        self.index = idx


def _stars(m: re.Match[str]) -> str:
    """Drop emphasis stars; keep a single star that opens a line as a bullet."""
    text = m.string
    s, e = m.span()
    line_start = text.rfind("\n", 0, s) + 1
    at_line_start = not text[line_start:s].strip()
    followed_by_space = e < len(text) and text[e] in " \t"
    if at_line_start and followed_by_space and e - s == 1:
        return _STAR_KEEP
    return ""


def _mend(m: re.Match[str]) -> str:
    """Join a line broken inside a sentence (a page or a column break) to its next line."""
    text = m.string
    s, e = m.span()
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < len(text) else ""
    if not before or not after or before in _COMPLETE_END:
        return m.group(0)
    prev_line = text[text.rfind("\n", 0, s) + 1 : s]
    next_end = text.find("\n", e)
    next_line = text[e : next_end if next_end >= 0 else len(text)]
    if " | " in prev_line or " | " in next_line:
        return m.group(0)  # table rows stay rows
    if after.islower():
        if re.match(r"[a-zđ]\s?[.)]\s", text[e : e + 4]):
            return m.group(0)  # a lettered item 'a) …' opens a new line
        return " "
    if after.isdigit() and before.isalpha() and before.islower():
        rest = text[e : e + 8]
        if not re.match(r"\d{1,2}(?:\.\d{1,2})*[.)]\s", rest):
            return " "
    return m.group(0)


_PASSES: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"\r\n?"), "\n"),
    (_ZERO_WIDTH, ""),
    (_ODD_SPACES, " "),
    # markdown: escaped characters, images and links, headings, quotes, tables
    (re.compile(r"\\\*"), _STAR_KEEP),
    (re.compile(r"\\([\\`_{}\[\]()#+\-.!|>~])"), lambda m: m.group(1)),
    (re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)"), ""),
    (
        re.compile(r"\[([^\]\n]{1,300})\]\((?:https?:|mailto:|/|#)[^)\n]{0,500}\)"),
        lambda m: m.group(1),
    ),
    (re.compile(r"(?m)^[ ]{0,3}#{1,6}[ ]+"), ""),
    (re.compile(r"(?m)^[ ]{0,3}>[ ]?"), ""),
    # possessive '*+': two runs of spaces around an optional bar are not split every way
    (re.compile(r"(?m)^[ ]*+\|?[ ]*+:?-{3,}:?[ ]*+(?:\|[ ]*+:?-{3,}:?[ ]*+)*\|?[ ]*+$"), ""),
    (re.compile(r"(?m)^[ ]*\|[ ]*"), ""),
    # '(?<![ ])': a run of spaces is tried from its start only, not from each of its
    # spaces (quadratic on a long run, seconds for a few thousand).
    (re.compile(r"(?m)(?<![ ])[ ]*\|[ ]*$"), ""),
    (re.compile(r"\*+"), _stars),
    (re.compile(r"__|~~"), ""),
    (re.compile(_STAR_KEEP), "*"),
    # whitespace
    (re.compile(r"[ ]{2,}"), " "),
    (re.compile(r"(?m)^[ ]+|(?<![ ])[ ]+$"), ""),
    (re.compile(r"\n{2,}"), "\n\n"),
    (re.compile(r"\n+"), _mend),
]


def normalise(text: str) -> MappedText:
    """Clean ``text`` for reading; see the module docstring."""
    source = unicodedata.normalize("NFC", text if isinstance(text, str) else str(text))
    builder = _Builder(source)
    for pattern, repl in _PASSES:
        builder.sub(pattern, repl)
    # drop outer blank space while keeping the index aligned
    clean = builder.text
    lead = len(clean) - len(clean.lstrip())
    trail = len(clean.rstrip())
    return MappedText(clean[lead:trail], source, tuple(builder.index[lead:trail]))


def lines_of(text: str) -> list[Line]:
    """The non-empty lines of ``text`` with their offsets."""
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lines.append(Line(pos + raw.index(stripped[0]), stripped))
        pos += len(raw) + 1
    return lines


def past_blanks(text: str, i: int) -> int:
    """Where the blanks that begin at ``i`` end. Readers call it at every mark or figure of
    a text: ``text[i:].lstrip()`` would copy the rest of it each time."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def first_after(text: str, i: int) -> str:
    """The first character from ``i`` on that is not a blank, or ''."""
    i = past_blanks(text, i)
    return text[i : i + 1]


def collapse(text: str) -> str:
    """Single spaces, no outer space."""
    return " ".join(text.split())


def dash_key(text: str) -> str:
    """A comparison key for names: folded, single spaces, no space around dashes."""
    key = fold(text).replace("–", "-").replace("—", "-")
    return re.sub(r"\s*-\s*", "-", key)
