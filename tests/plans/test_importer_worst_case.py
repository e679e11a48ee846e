"""Texts built to make the reader slow: long runs without a space, long runs of spaces,
thousands of figures. Each pattern that was rewritten for them reads what the old one
read (checked against it on short texts), and a text of thousands of figures stops at
MAX_TARGETS with a warning. Their times are in benchmarks/importer_worst_case.py."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lanhmanh.plans.importer import parse_plan
from lanhmanh.plans.importer.quantities import _Taken, expressions_in
from lanhmanh.plans.importer.targets import MAX_TARGETS
from lanhmanh.plans.importer.text import _PASSES

HEAD = "KẾ HOẠCH\nPhòng, chống mại dâm năm 2026\nI. CHỈ TIÊU\n"

# The patterns as they were, quadratic on a long run of spaces.
OLD_TABLE_RULE = re.compile(r"(?m)^[ ]*\|?[ ]*:?-{3,}:?[ ]*(?:\|[ ]*:?-{3,}:?[ ]*)*\|?[ ]*$")
OLD_TRAILING_BAR = re.compile(r"(?m)[ ]*\|[ ]*$")
OLD_EDGE_SPACES = re.compile(r"(?m)^[ ]+|[ ]+$")


def _new(old: re.Pattern) -> re.Pattern:
    """The pass that replaced ``old``: the same pattern but for a lookbehind and
    possessive runs."""
    for pattern, _repl in _PASSES:
        if pattern.pattern.replace("(?<![ ])", "").replace("*+", "*") == old.pattern:
            return pattern
    raise AssertionError(f"no pass replaces {old.pattern}")


PIECES = st.lists(st.sampled_from([" ", "  ", "|", "-", "---", ":", "a", "\n", "1"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(pieces=PIECES)
def test_the_rewritten_space_patterns_remove_what_the_old_ones_did(pieces):
    text = "".join(pieces)
    for old in (OLD_TABLE_RULE, OLD_TRAILING_BAR, OLD_EDGE_SPACES):
        assert _new(old).sub("", text) == old.sub("", text)


@settings(max_examples=300, deadline=None)
@given(spans=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 15)), max_size=25))
def test_taken_spans_answer_as_a_walk_over_every_span(spans):
    taken, seen = _Taken([]), []
    for start, length in spans:
        s, e = start, start + length
        assert taken.overlaps(s, e) == any(s < ee and ss < e for ss, ee in seen)
        taken.add(s, e)
        seen.append((s, e))


def test_a_figure_far_into_a_long_clause_keeps_its_comparator_and_unit():
    filler = "xây dựng mô hình tự quản, " * 200
    (expr,) = expressions_in(filler + "phấn đấu ít nhất 90% số xã (573 xã) không có tệ nạn")
    assert (expr.comparator, expr.unit, expr.value, expr.also) == (
        ">=",
        "percent",
        90,
        {"count": 573},
    )


def test_identifier_words_before_a_cut_are_still_read():
    (expr,) = expressions_in("a" * 500 + " theo Quyết định số 15 năm 2026, đạt 80%")
    assert expr.value == 80


def test_a_text_of_thousands_of_figures_stops_at_the_limit_and_says_so():
    draft = parse_plan(HEAD + "".join(f"- Đạt {n}% số xã;\n" for n in range(1, 3001)))
    assert len(draft.targets) == MAX_TARGETS
    assert any(str(MAX_TARGETS) in warning for warning in draft.warnings)


def test_long_runs_without_spaces_or_of_spaces_are_read_without_a_target():
    for run in ("Ủyban" * 4000, " " * 20000, "a" * 20000):
        draft = parse_plan(HEAD + run + "\nĐạt 90% số xã.")
        assert [t.value for t in draft.targets] == [90]
