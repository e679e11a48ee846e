"""Approved totals by subtree, kept up to date as reports are approved and reopened.

A national overview summing five years of monthly reports of 3,321 communes reads a few
thousand rows here instead of millions of figures. Each approved submission adds its total
figures (no disaggregation) to one ``ApprovedTotal`` row per (strict ancestor of its unit,
indicator, period): the nation's scheme root, the province, the district before 2025.
A unit's own reports are read from the submissions (a unit has one a period), so

    total(unit, window) = Σ ApprovedTotal(path = unit) + Σ own approved figures

for every prefix of ``rollup_paths`` (the units merged into it in 2025 count too). Sums
are valid for every period whose cut-off window lies in the window asked for; a stock
(``aggregation = last``) over several periods needs each unit's last figure and is read
from the figures (``indicators.values``). ``submission_approve`` adds, ``submission_reopen``
subtracts, in the same transaction; a returned report was never approved and changes
nothing. ``totals_rebuild`` recomputes everything from the figures (after bulk loads).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, Sum

from lanhmanh.core.history import ancestor_paths
from lanhmanh.indicators.registry import Value, Window

from .models import Status, Submission, SubmissionValue
from .totals_models import ApprovedTotal

ZERO = Decimal(0)


def _strict_ancestors(path: str) -> list[str]:
    return ancestor_paths(path)[:-1]


def totals_apply(*, submission: Submission, sign: int) -> None:
    """Add (``sign`` = 1) or take away (-1) the total figures of ``submission`` to the
    totals of every unit above it. Called inside the approve/reopen transaction; each row
    is changed by an ``UPDATE … SET n = n + d`` (no lost update between two approvals)."""
    figures = list(
        SubmissionValue.objects.filter(submission=submission, disaggregation="").values_list(
            "indicator_id", "numerator", "denominator"
        )
    )
    paths = _strict_ancestors(submission.unit.path)
    if not figures or not paths:
        return
    period = {"period_start": submission.period_start, "period_end": submission.period_end}
    ApprovedTotal.objects.bulk_create(
        [
            ApprovedTotal(path=path, indicator_id=indicator, **period)
            for path in paths
            for indicator, _num, _den in figures
        ],
        ignore_conflicts=True,
    )
    for indicator, num, den in figures:
        ApprovedTotal.objects.filter(path__in=paths, indicator_id=indicator, **period).update(
            numerator=F("numerator") + sign * num,
            denominator=F("denominator") + sign * (den or ZERO),
            reports=F("reports") + sign,
        )
    # A total no report feeds any more is the same as no row (as a rebuild leaves it).
    ApprovedTotal.objects.filter(path__in=paths, reports__lte=0, **period).delete()


@transaction.atomic
def totals_rebuild() -> int:
    """Recompute every total from the approved figures: two aggregate queries (reports of
    units with a parent, grouped by the parent; of units without, by the unit itself),
    then each group is added to the parent's ancestors. Returns the number of rows."""
    return rebuild_with(ApprovedTotal, SubmissionValue)


def rebuild_with(total_model, value_model) -> int:
    """``totals_rebuild`` on given model classes (the migration's historical ones)."""
    total_model.objects.all().delete()
    base = value_model.objects.filter(
        submission__status=Status.APPROVED, disaggregation=""
    ).order_by()
    sums = {"num": Sum("numerator"), "den": Sum("denominator"), "n": Count("pk")}
    keys = ["indicator", "submission__period_start", "submission__period_end"]
    totals: dict[tuple, list] = defaultdict(lambda: [ZERO, ZERO, 0])

    def add(paths, row):
        for path in paths:
            total = totals[(path, *(row[k] for k in keys))]
            total[0] += row["num"] or ZERO
            total[1] += row["den"] or ZERO
            total[2] += row["n"]

    below = base.filter(submission__unit__parent__isnull=False)
    for row in below.values("submission__unit__parent__path", *keys).annotate(**sums):
        add(ancestor_paths(row["submission__unit__parent__path"]), row)
    tops = base.filter(submission__unit__parent__isnull=True)
    for row in tops.values("submission__unit__path", *keys).annotate(**sums):
        add(_strict_ancestors(row["submission__unit__path"]), row)
    rows = [
        total_model(
            path=path,
            indicator_id=indicator,
            period_start=start,
            period_end=end,
            numerator=num,
            denominator=den,
            reports=n,
        )
        for (path, indicator, start, end), (num, den, n) in totals.items()
    ]
    total_model.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def approved_totals(
    prefixes_by_key: Mapping[object, Iterable[str]],
    indicators: Iterable,
    window: Window,
    *,
    by_period: bool = False,
) -> dict[object, dict]:
    """The approved totals of ``indicators`` (rows) over ``window`` for several units at
    once: ``prefixes_by_key`` maps a key (a unit, a path) to its minimal prefixes (from
    ``rollup_paths``). Returns {key: {indicator id: Value}}, or with ``by_period``
    {key: {(indicator id, period_start, period_end): Value}}, ratios with denominators.
    Two queries whatever the number of units, indicators and periods."""
    prefixes_by_key = {k: list(v) for k, v in prefixes_by_key.items()}
    paths = sorted({p for prefixes in prefixes_by_key.values() for p in prefixes})
    items = list(indicators)
    ids = [i.pk for i in items]
    ratios = {i.pk for i in items if i.is_ratio}
    by_path: dict[str, dict] = defaultdict(dict)
    if paths and ids:
        period = ["period_start", "period_end"] if by_period else []
        stored = (
            ApprovedTotal.objects.filter(
                path__in=paths,
                indicator__in=ids,
                period_start__gte=window.start,
                period_end__lte=window.end,
            )
            .order_by()
            .values("path", "indicator", *period)
            .annotate(num=Sum("numerator"), den=Sum("denominator"))
        )
        own_period = ["submission__period_start", "submission__period_end"] if by_period else []
        own = (
            SubmissionValue.objects.filter(
                submission__status=Status.APPROVED,
                submission__unit__path__in=paths,
                submission__period_start__gte=window.start,
                submission__period_end__lte=window.end,
                indicator__in=ids,
                disaggregation="",
            )
            .order_by()
            .values("submission__unit__path", "indicator", *own_period)
            .annotate(num=Sum("numerator"), den=Sum("denominator"))
        )
        for row in stored:
            key = (row["indicator"], row["period_start"], row["period_end"]) if by_period else None
            _add(by_path[row["path"]], key or row["indicator"], row, row["indicator"] in ratios)
        for row in own:
            key = (
                (row["indicator"], row["submission__period_start"], row["submission__period_end"])
                if by_period
                else None
            )
            ratio = row["indicator"] in ratios
            _add(by_path[row["submission__unit__path"]], key or row["indicator"], row, ratio)
    result: dict[object, dict] = {}
    for key, prefixes in prefixes_by_key.items():
        merged: dict = {}
        for prefix in prefixes:
            for item, value in by_path.get(prefix, {}).items():
                merged[item] = merged[item] + value if item in merged else value
        result[key] = merged
    return result


def _add(target: dict, key, row, ratio: bool) -> None:
    value = Value(row["num"] or ZERO, (row["den"] or ZERO) if ratio else None)
    target[key] = target[key] + value if key in target else value
