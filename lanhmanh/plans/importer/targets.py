"""Numeric targets of a plan, each with its exact quote, statement and agency.

Each clause of the body is scanned for quantities (:mod:`.quantities`). In target sections
('Mục tiêu', 'Chỉ tiêu') every quantity is a target; elsewhere only what reads as a
commitment (a percentage, a range, a frequency, a figure with 'ít nhất'/'không quá' …, or
a figure in an agency's assignment). The quote is the clause, cut where a clause holds
several targets; the statement (:mod:`.statements`) is the sentence a reader needs.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import pairwise

from .numbers import as_json_number
from .quantities import (
    YEAR_BEFORE,
    ZERO,
    Expression,
    boundary,
    expressions_in,
    qualifier_indexes,
    trim,
)
from .statements import STATEMENT_MAX, sentence_spans, statement_for, statement_text
from .structure import Node, clauses, is_assignment_heading, is_target_heading, preamble_nodes
from .tables import is_row, table_targets
from .text import MappedText

__all__ = ["STATEMENT_MAX", "Expression", "TargetFound", "expressions_in", "find_targets"]

_NOT_TARGET_HEADING = re.compile(
    r"^(?:\*\s*)?(?:các\s+)?(?:nhiệm\s+vụ|giải\s+pháp|nội\s+dung|hoạt\s+động|biện\s+pháp)\b",
    re.IGNORECASE,
)


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


@dataclass
class _Context:
    in_targets: bool
    agency: str | None
    in_assignments: bool


# A plan sets tens of targets; past this many figures read as targets the text is a table
# dump or a forged file, and reading on (a statement is worked out for each figure) would
# hold the request for minutes. What was read is kept and the reader is told.
MAX_TARGETS = 500


class _Enough(Exception):
    pass


def find_targets(
    mapped: MappedText,
    root: Node,
    agency_of: dict[int, str],
    whole_body_assigned: bool,
    warnings: list[str] | None = None,
    all_targets: bool = False,
    prose: bool = False,
) -> list[TargetFound]:
    """Targets in the outline. ``agency_of`` maps ``id(node)`` of assignment items to the
    agency names they address."""
    text = mapped.text
    targets: list[TargetFound] = []
    keys: set[tuple] = set()
    read = 0  # figures read as targets, repeated ones included
    preamble = {id(n) for n in preamble_nodes(root)}

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
            if id(node) not in preamble and not is_row(node):
                _scan(node, ctx)
        for child in node.children:
            visit(child, ctx)

    def _scan(node: Node, ctx: _Context) -> None:
        title = node.title
        sentences = sentence_spans(title)
        starts = [a for a, _b in sentences]
        for cs, ce in clauses(title):
            clause = title[cs:ce]
            exprs = [e for e in expressions_in(clause) if _accepted(e, ctx)]
            qualifiers = qualifier_indexes(clause, exprs)
            at = bisect.bisect_right(starts, cs) - 1
            sentence = sentences[at] if at >= 0 and cs < sentences[at][1] else (cs, ce)
            if not exprs:
                # 'không để phát sinh …' commits to zero where targets or work are given
                committed = ctx.in_targets or ctx.agency is not None or prose
                if committed and ZERO.search(clause):
                    s, e = trim(clause, 0, len(clause), 0, len(clause))
                    statement = statement_for(title, [sentence, (cs, ce)], cs + s, cs + e, None)
                    zero = Expression(0, 0, 0, "=", "count", value=0)
                    _add(node, cs, s, e, ctx, zero, statement)
                continue
            # a figure that says what a percentage counts belongs to its quote
            exprs = [e for i, e in enumerate(exprs) if i not in qualifiers]
            bounds = [0]
            for left, right in pairwise(exprs):
                bounds.append(boundary(clause, left, right))
            bounds.append(len(clause))
            for i, expr in enumerate(exprs):
                s, e = trim(clause, bounds[i], bounds[i + 1], expr.start, expr.end)
                if e <= s:
                    continue
                if "year" not in expr.also:
                    y = YEAR_BEFORE.search(clause[bounds[i] : expr.num_start])
                    if y:
                        expr.also["year"] = int(y.group("y"))
                around = (cs + bounds[i], cs + bounds[i + 1])
                spans = [sentence, (cs, ce), around]
                statement = statement_for(title, spans, cs + expr.start, cs + expr.end, expr)
                _add(node, cs, s, e, ctx, expr, statement)

    def _accepted(expr: Expression, ctx: _Context) -> bool:
        if ctx.in_targets:
            return True
        if expr.weak:  # 'hằng quý' alone: a commitment of an agency's own item only
            return ctx.agency is not None
        if expr.explicit or expr.unit == "percent":
            return True
        in_assign = ctx.in_assignments or whole_body_assigned or ctx.agency is not None
        return in_assign and expr.plain_count and not expr.count_blocked

    def _add(
        node: Node, cs: int, s: int, e: int, ctx: _Context, expr: Expression, statement: str
    ) -> None:
        nonlocal read
        # repeated figures count too: each has cost its statement
        if read >= MAX_TARGETS:
            raise _Enough
        read += 1
        abs_s, abs_e = node.start + cs + s, node.start + cs + e
        quote = mapped.quote(abs_s, abs_e) or text[abs_s:abs_e]
        statement = statement or statement_text(text[abs_s:abs_e])
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
        if key not in keys:
            keys.add(key)
            targets.append(target)

    def read_all() -> None:
        visit(root, _Context(all_targets, None, False))
        for found in table_targets(root, warnings):
            if _in_results(found.node):
                continue
            agency = found.agency or next(
                (agency_of[id(a)] for a in found.node.ancestors() if id(a) in agency_of), None
            )
            ctx = _Context(True, agency, agency is not None)
            node_start = found.node.start
            _add(
                found.node,
                0,
                found.start - node_start,
                found.end - node_start,
                ctx,
                found.expr,
                found.statement,
            )

    try:
        read_all()
    except _Enough:
        if warnings is not None:
            warnings.append(
                f"Văn bản có hơn {MAX_TARGETS} chỉ tiêu: chỉ đọc {MAX_TARGETS} chỉ tiêu đầu tiên."
            )
    targets.sort(key=lambda t: t.start)
    return targets


_RESULTS_HEADING = re.compile(
    r"\b(?:kết\s+quả|đánh\s+giá|tình\s+hình)\b(?!.*\b(?:mục\s+tiêu|chỉ\s+tiêu)\b)",
    re.IGNORECASE,
)


def _in_results(node: Node) -> bool:
    """A table under 'Kết quả thực hiện năm …' reports the past; its figures are no targets."""
    for anc in node.ancestors():
        if anc.kind == "root":
            return False
        if anc.is_heading:
            return bool(_RESULTS_HEADING.search(anc.title)) and not is_target_heading(anc)
    return False
