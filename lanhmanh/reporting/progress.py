"""How far each plan target has come, and whether it is on track.

A target linked to an indicator is measured by that indicator over the plan's unit and
the plan's years (cut-off windows: 15 Dec of the year before the first year → 14 Dec of
the last), up to the day asked. The status weighs the figure against the share of the
period elapsed:

- counts (and amounts) are pro-rated: a target of at least 100 expects 50 at mid-year;
  percentages and rates (times per month) are not: 60% is 60% whenever it is measured;
- at or above the target (inside the range, for ``between``): ``met``;
- otherwise, while the period runs: ``on_track`` from 90% of the expected figure,
  ``at_risk`` from 25%, ``off_track`` below; once the period is over: ``off_track``;
- a ceiling (``<=``, the top of ``between``) exceeded by a count is ``off_track`` at once
  (counts only grow); a count running ahead of its pro-rated ceiling is ``at_risk``; a
  ``<=`` target is ``met`` only when the period is over;
- ``=`` is a range of one value; ``no_data`` when nothing was reported or the target has
  no indicator.

A target measures what the plan says: its limits (an agency, a team, a level) go to the
value interface and the registry's computations; a target with a horizon ('95% by 2020'
in a 2018 plan) runs to the end of that year; a target asked of each unit of a level
('each commune at least one awareness activity') is measured for every such unit under
the plan's unit, and its figure is the share of them that reached it (expected: all).
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.permissions import can_write
from lanhmanh.accounts.roles import Module
from lanhmanh.core.concurrency import version_claim
from lanhmanh.core.text import fold
from lanhmanh.indicators.catalogue import SUGGESTIONS
from lanhmanh.indicators.models import Indicator
from lanhmanh.indicators.registry import Value, Window
from lanhmanh.indicators.values import indicator_values, units_at_level, units_values

from .periods import window_end, window_start

ON_TRACK_AT = Decimal("0.9")
OFF_TRACK_BELOW = Decimal("0.25")
DAYS_PER = {
    "times_per_month": Decimal("30.4375"),
    "times_per_quarter": Decimal("91.3125"),
    "times_per_year": Decimal("365.25"),
}

MEASURE_MISMATCH = _("Chỉ tiêu tính theo tỷ lệ % cần một chỉ số dạng tỷ lệ.")
NOT_ALLOWED = _("Bạn không có quyền sửa chỉ tiêu của kế hoạch này.")


class ProgressStatus(models.TextChoices):
    MET = "met", _("Đạt")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    AT_RISK = "at_risk", _("Có nguy cơ không đạt")
    OFF_TRACK = "off_track", _("Chậm tiến độ")
    NO_DATA = "no_data", _("Chưa có số liệu")


@dataclass(frozen=True)
class Progress:
    target: object
    window: Window
    on: datetime.date
    elapsed: Decimal
    value: Value | None
    figure: Decimal | None  # what is compared: a count, a percentage or a rate
    expected: Decimal | None  # the (pro-rated) figure due by ``on``
    status: str
    # A target asked of each unit of a level: how many of them reached it, of how many.
    reached: int | None = None
    units: int | None = None

    @property
    def status_label(self) -> str:
        return ProgressStatus(self.status).label


def plan_window(plan) -> Window:
    return Window(window_start(plan.year_from, 1), window_end(plan.year_to, 12))


def target_window(target) -> Window:
    """The plan's years, or up to the target's horizon when it lies beyond them."""
    return Window(window_start(target.plan.year_from, 1), window_end(target.year_to, 12))


def elapsed_share(window: Window, on: datetime.date) -> Decimal:
    total = (window.end - window.start).days + 1
    done = (min(on, window.end) - window.start).days + 1
    return min(Decimal(1), max(Decimal(0), Decimal(done) / Decimal(total)))


def _figure(target, value: Value, window: Window, on: datetime.date) -> Decimal | None:
    if value.no_data:
        return None
    if target.measure == "percent":
        return value.ratio
    if target.measure in DAYS_PER:
        days = Decimal((min(on, window.end) - window.start).days + 1)
        periods = max(Decimal(1), days / DAYS_PER[target.measure])
        return value.numerator / periods
    return value.numerator


def judge(comparator, figure, *, value=None, low=None, high=None, share, prorate) -> str:
    """The status of ``figure`` against a target, ``share`` of the period elapsed."""
    if figure is None:
        return ProgressStatus.NO_DATA
    if comparator == ">=":
        low, high = value, None
    elif comparator == "<=":
        low, high = None, value
    elif comparator == "=":
        low = high = value
    ended = share >= 1
    scale = share if prorate else Decimal(1)
    if high is not None and figure > high:
        return ProgressStatus.OFF_TRACK if (prorate or ended) else ProgressStatus.AT_RISK
    if low is None:
        if ended:
            return ProgressStatus.MET
        return ProgressStatus.ON_TRACK if figure <= high * scale else ProgressStatus.AT_RISK
    if figure >= low:
        return ProgressStatus.MET
    if ended:
        return ProgressStatus.OFF_TRACK
    expected = low * scale
    if figure >= expected * ON_TRACK_AT:
        return ProgressStatus.ON_TRACK
    if figure >= expected * OFF_TRACK_BELOW:
        return ProgressStatus.AT_RISK
    return ProgressStatus.OFF_TRACK


def _expected(target, share: Decimal, prorate: bool) -> Decimal | None:
    base = target.low if target.comparator == "between" else target.value
    if base is None:
        return None
    return base * share if prorate else base


def _progress(target, value: Value | None, window: Window, on: datetime.date) -> Progress:
    share = elapsed_share(window, on)
    prorate = target.measure not in ("percent", *DAYS_PER)
    figure = None if value is None or on < window.start else _figure(target, value, window, on)
    status = judge(
        target.comparator,
        figure,
        value=target.value,
        low=target.low,
        high=target.high,
        share=share,
        prorate=prorate,
    )
    return Progress(
        target, window, on, share, value, figure, _expected(target, share, prorate), status
    )


def _reaches(target, value: Value, window: Window, on: datetime.date) -> bool:
    """Whether one unit's ``value`` meets ``target`` on its own."""
    figure = _figure(target, value, window, on)
    met = judge(
        target.comparator,
        figure,
        value=target.value,
        low=target.low,
        high=target.high,
        share=Decimal(1),
        prorate=False,
    )
    return met == ProgressStatus.MET


def _each_progress(target, window: Window, on: datetime.date) -> Progress:
    """A target asked of each unit of a level: the share of those units that reached it,
    against all of them (pro-rated like a count when the target is one)."""
    share = elapsed_share(window, on)
    prorate = target.measure not in ("percent", *DAYS_PER)
    expected = Decimal(100) * share if prorate else Decimal(100)
    if not target.indicator_id or on < window.start:
        return Progress(target, window, on, share, None, None, expected, ProgressStatus.NO_DATA)
    upto = Window(window.start, min(on, window.end))
    members = units_at_level(target.plan.unit, target.each_level, upto)
    found = units_values(target.indicator, target.plan.unit, members, upto, limits=target.limits)
    reached = sum(1 for _unit, v in found if not v.no_data and _reaches(target, v, window, on))
    if not members:
        return Progress(target, window, on, share, None, None, expected, ProgressStatus.NO_DATA)
    value = Value(
        Decimal(reached),
        Decimal(len(members)),
        provisional=any(v.provisional for _unit, v in found),
        no_data=all(v.no_data for _unit, v in found),
    )
    figure = None if value.no_data else value.ratio
    status = judge(">=", figure, value=Decimal(100), share=share, prorate=prorate)
    return Progress(
        target, window, on, share, value, figure, expected, status, reached, len(members)
    )


def targets_progress(targets, on: datetime.date | None = None) -> list[Progress]:
    """Progress of several targets, in their order: one value query per (plan unit,
    window, limits), whatever the number of targets; a target asked of each unit of a
    level costs one query of its own."""
    on = on or timezone.localdate()
    targets = list(targets)
    groups: dict[tuple, list] = defaultdict(list)
    for target in targets:
        if target.indicator_id and not target.each_level:
            key = (target.plan.unit_id, target_window(target), target.limits)
            groups[key].append(target)
    values: dict[int, Value] = {}
    for (_unit_id, window, limits), members in groups.items():
        if on < window.start:
            continue
        upto = Window(window.start, min(on, window.end))
        found = indicator_values(
            {t.indicator.code: t.indicator for t in members}.values(),
            members[0].plan.unit,
            upto,
            limits=limits,
        )
        for t in members:
            values[t.pk] = found[t.indicator.code]
    return [
        _each_progress(t, target_window(t), on)
        if t.each_level
        else _progress(t, values.get(t.pk), target_window(t), on)
        for t in targets
    ]


def progress_from(target, value: Value | None, on: datetime.date) -> Progress:
    """Progress of a target from a value found elsewhere (the overview's approved totals,
    read for many units at once)."""
    return _progress(target, value, target_window(target), on)


def target_progress(target, on: datetime.date | None = None) -> Progress:
    return targets_progress([target], on)[0]


def _matches(keyword: str, text: str) -> bool:
    left = r"\b" if keyword[0].isalnum() else ""
    right = r"\b" if keyword[-1].isalnum() else ""
    return re.search(f"{left}{re.escape(keyword)}{right}", text) is not None


def suggest_indicator(target, limit: int = 3) -> list[Indicator]:
    """Indicators that may measure ``target``, best first, from its text (the catalogue's
    keyword table) and its measure: a percentage target needs a ratio indicator, a count
    target prefers a count."""
    text = fold(" ".join(filter(None, [target.statement, target.quote, target.of_what])))
    scores: dict[str, float] = defaultdict(float)
    for keywords, codes in SUGGESTIONS:
        if all(_matches(k, text) for k in keywords):
            for rank, code in enumerate(codes):
                scores[code] += len(keywords) + 0.1 * (len(codes) - rank)
    if not scores:
        return []
    candidates = []
    for indicator in Indicator.objects.active().filter(code__in=scores):
        score = scores[indicator.code]
        if target.measure == "percent":
            if not indicator.is_ratio:
                continue
            score += 2
        elif not indicator.is_ratio:
            score += 2
        candidates.append((-score, indicator.order, indicator.code, indicator))
    return [c[-1] for c in sorted(candidates)[:limit]]


@transaction.atomic
def target_link_indicator(*, target, indicator: Indicator | None, user, version: int | None = None):
    """Confirm the indicator that measures ``target`` (None unlinks it). ``version``: the
    one the page was made from (None: an internal caller)."""
    if not can_write(user, Module.PLANS, target.plan.unit):
        raise PermissionDenied(NOT_ALLOWED)
    if indicator is not None and target.measure == "percent" and not indicator.is_ratio:
        raise ValidationError({"indicator": MEASURE_MISMATCH})
    if version is not None:
        version_claim(target, version)
    target.indicator = indicator
    target.save(update_fields=["indicator", "version"])
    return target
