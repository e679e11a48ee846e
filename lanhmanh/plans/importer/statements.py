"""The statement of a target: what a reader needs to know what the figure is about.

The whole sentence (a list item is usually one) when the figure is its only quantity, else
the clause (at ';' or ': ') around it, else the part of the clause the quote was cut from;
never longer than :data:`STATEMENT_MAX`, cut at commas. A statement holds one quantity
only, so that a plan written out with one line per statement reads back with the same
targets.
"""

from __future__ import annotations

import re
import unicodedata

from .quantities import (
    LEADING_JOINERS,
    YEAR_BEFORE,
    ZERO,
    Expression,
    expressions_in,
    is_list_comma,
    qualifier_indexes,
)
from .structure import clauses
from .text import first_after

__all__ = ["STATEMENT_MAX", "sentence_spans", "statement_for", "statement_text"]

STATEMENT_MAX = 400
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")
_STATEMENT_MARKER = re.compile(r"^(?:[-–+•*]|\d{1,2}[.)]|[a-zđ]\))\s+", re.IGNORECASE)
_STATEMENT_CUT = re.compile(r"[,;]\s+")
_DIGIT_RUN = re.compile(r"\d+")
# More runs of digits than this and a text is no one target's statement, whatever its
# dates, document numbers and second figures; the check spares reading every figure.
_MAX_FIGURES = 24


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``: split where :func:`clauses` ends a sentence."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        rest = first_after(text, m.end())
        if rest.isalnum() and not (rest.isupper() or rest.isdigit()):
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
    # marks further than ``cap`` from the figure could not bound a part that fits
    lo, hi = max(0, es - cap - 100), min(len(text), ee + cap + 100)
    marks = [m for m in _STATEMENT_CUT.finditer(text, lo, hi) if not is_list_comma(text, m.end())]
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


def statement_text(text: str) -> str:
    """One line for a reader: NFC, single spaces, no list mark, no trailing ',;:'."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    text = _STATEMENT_MARKER.sub("", text, count=1)
    return text.rstrip(" ,;:–-")


def _reads_as(text: str, expr: Expression | None) -> bool:
    """Whether ``text`` on its own, as a line of targets, reads as this one target and no
    other: one quantity with the same figures (or, for ``None``, one 'không để xảy ra')."""
    if len(_DIGIT_RUN.findall(text)) > _MAX_FIGURES:
        return False  # a run of figures, not one target with its dates and numbers
    found: list[Expression] = []
    zeros = 0
    for cs, ce in clauses(text):
        clause = text[cs:ce]
        exprs = expressions_in(clause)
        if not exprs:
            zeros += bool(ZERO.search(clause))
            continue
        qualifiers = qualifier_indexes(clause, exprs)
        exprs = [e for i, e in enumerate(exprs) if i not in qualifiers]
        for e in exprs:
            if "year" not in e.also:
                y = YEAR_BEFORE.search(clause[: e.num_start])
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


def statement_for(
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
        text = statement_text(title[a + s : a + e])
        if n >= 2:  # a part of a clause: 'để đến năm 2020 đạt 95%' reads without 'để'
            text = LEADING_JOINERS.sub("", text, count=1)
        if words:
            text = f"{'… ' if s > 0 else ''}{text}{' …' if a + e < b else ''}"
        if text and _reads_as(text, expr):
            return text
    return ""
