"""Reporting periods and their data cut-off windows (Decree 09/2019/NĐ-CP, art. 12).

Pure functions over dates. Every window runs from the 15th of a month to the 14th of a
later one, both days included:

- month M: 15th of M-1 → 14th of M (January's starts on 15 December of the year before);
- quarter: 15th of the month before the quarter → 14th of its last month;
- first half: 15 Dec of the previous year → 14 Jun; second half: 15 Jun → 14 Dec
  (``LANHMANH_SECOND_HALF_WHOLE_YEAR = True`` for regimes whose second report covers the
  whole year, 15 Dec → 14 Dec);
- nine months: not in the decree, provinces set it: 15 Dec → 14th of
  ``LANHMANH_NINE_MONTHS_END_MONTH`` (default 9, September);
- year: 15 Dec of the previous year → 14 Dec;
- ad hoc: the dates whoever asks for the report gives.

A period is identified by a short key ('2026-M01', '2026-Q1', '2026-H1', '2026-H2',
'2026-9M', '2026-Y', 'adhoc-2026-03-01-2026-03-31') that submissions store.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.params import MIN_YEAR
from lanhmanh.indicators.registry import Window

CUTOFF_DAY = 15  # windows start on the 15th and end on the 14th
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    FIRST_HALF = "first_half", _("6 tháng đầu năm")
    SECOND_HALF = "second_half", _("6 tháng cuối năm")
    NINE_MONTHS = "nine_months", _("9 tháng")
    YEAR = "year", _("Năm")
    AD_HOC = "ad_hoc", _("Đột xuất")


def nine_months_end_month() -> int:
    return int(getattr(settings, "LANHMANH_NINE_MONTHS_END_MONTH", 9))


def second_half_whole_year() -> bool:
    return bool(getattr(settings, "LANHMANH_SECOND_HALF_WHOLE_YEAR", False))


def window_start(year: int, month: int) -> datetime.date:
    """The first day of the window that ends in ``month`` of ``year``: the 15th of the
    month before, which for January is in the previous year."""
    if month == 1:
        return datetime.date(year - 1, 12, CUTOFF_DAY)
    return datetime.date(year, month - 1, CUTOFF_DAY)


def window_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, CUTOFF_DAY - 1)


def months_window(year: int, first_month: int, last_month: int) -> Window:
    """The window of the reporting months ``first_month``..``last_month`` of ``year``."""
    return Window(window_start(year, first_month), window_end(year, last_month))


@dataclass(frozen=True)
class Period:
    """One reporting period: a kind, a year and a number (month 1–12 or quarter 1–4; 0
    otherwise); an ad hoc period carries its own dates."""

    kind: str
    year: int
    number: int = 0
    start: datetime.date | None = None
    end: datetime.date | None = None

    def __post_init__(self):
        limits = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4}
        if self.kind in limits and not 1 <= self.number <= limits[self.kind]:
            raise ValueError(f"{self.kind} number out of range: {self.number}")
        if self.kind == PeriodKind.AD_HOC and (
            self.start is None or self.end is None or self.end < self.start
        ):
            raise ValueError("an ad hoc period needs a start and an end after it")
        if self.kind not in PeriodKind.values:
            raise ValueError(f"unknown period kind: {self.kind}")

    @property
    def window(self) -> Window:
        y, n = self.year, self.number
        match self.kind:
            case PeriodKind.MONTH:
                return months_window(y, n, n)
            case PeriodKind.QUARTER:
                return months_window(y, 3 * n - 2, 3 * n)
            case PeriodKind.FIRST_HALF:
                return months_window(y, 1, 6)
            case PeriodKind.SECOND_HALF:
                return months_window(y, 1 if second_half_whole_year() else 7, 12)
            case PeriodKind.NINE_MONTHS:
                return months_window(y, 1, nine_months_end_month())
            case PeriodKind.YEAR:
                return months_window(y, 1, 12)
        return Window(self.start, self.end)

    @property
    def key(self) -> str:
        match self.kind:
            case PeriodKind.MONTH:
                return f"{self.year}-M{self.number:02d}"
            case PeriodKind.QUARTER:
                return f"{self.year}-Q{self.number}"
            case PeriodKind.FIRST_HALF:
                return f"{self.year}-H1"
            case PeriodKind.SECOND_HALF:
                return f"{self.year}-H2"
            case PeriodKind.NINE_MONTHS:
                return f"{self.year}-9M"
            case PeriodKind.YEAR:
                return f"{self.year}-Y"
        return f"adhoc-{self.start.isoformat()}-{self.end.isoformat()}"

    @property
    def label(self) -> str:
        y = {"year": self.year}
        match self.kind:
            case PeriodKind.MONTH:
                return gettext("Tháng %(month)d/%(year)d") % {**y, "month": self.number}
            case PeriodKind.QUARTER:
                return gettext("Quý %(quarter)s/%(year)d") % {**y, "quarter": ROMAN[self.number]}
            case PeriodKind.FIRST_HALF:
                return gettext("6 tháng đầu năm %(year)d") % y
            case PeriodKind.SECOND_HALF:
                return gettext("6 tháng cuối năm %(year)d") % y
            case PeriodKind.NINE_MONTHS:
                return gettext("9 tháng %(year)d") % y
            case PeriodKind.YEAR:
                return gettext("Năm %(year)d") % y
        return gettext("Từ %(start)s đến %(end)s") % {
            "start": f"{self.start:%d/%m/%Y}",
            "end": f"{self.end:%d/%m/%Y}",
        }

    def __str__(self):
        return self.label

    def previous(self) -> Period:
        """The period of the same kind just before (same length, for ad hoc)."""
        match self.kind:
            case PeriodKind.MONTH:
                if self.number == 1:
                    return month(self.year - 1, 12)
                return month(self.year, self.number - 1)
            case PeriodKind.QUARTER:
                if self.number == 1:
                    return quarter(self.year - 1, 4)
                return quarter(self.year, self.number - 1)
            case PeriodKind.AD_HOC:
                length = self.end - self.start
                end = self.start - datetime.timedelta(days=1)
                return ad_hoc(end - length, end)
        return Period(self.kind, self.year - 1)


def month(year: int, number: int) -> Period:
    return Period(PeriodKind.MONTH, year, number)


def quarter(year: int, number: int) -> Period:
    return Period(PeriodKind.QUARTER, year, number)


def first_half(year: int) -> Period:
    return Period(PeriodKind.FIRST_HALF, year)


def second_half(year: int) -> Period:
    return Period(PeriodKind.SECOND_HALF, year)


def nine_months(year: int) -> Period:
    return Period(PeriodKind.NINE_MONTHS, year)


def year_period(year: int) -> Period:
    return Period(PeriodKind.YEAR, year)


def ad_hoc(start: datetime.date, end: datetime.date) -> Period:
    return Period(PeriodKind.AD_HOC, end.year, 0, start, end)


_KEY = re.compile(
    r"^(?:(?P<year>\d{4})-(?:M(?P<month>\d{2})|Q(?P<quarter>[1-4])|H(?P<half>[12])"
    r"|(?P<nine>9M)|(?P<whole>Y))"
    r"|adhoc-(?P<start>\d{4}-\d{2}-\d{2})-(?P<end>\d{4}-\d{2}-\d{2}))$"
)


# Far wider than any programme, far from the calendar's end: '9999-M12' would put its
# deadline past 31/12/9999.
LAST_KEY_YEAR = 2999


def _check_year(year: int) -> int:
    if not MIN_YEAR <= year <= LAST_KEY_YEAR:
        raise ValueError(f"year out of range: {year}")
    return year


def period_from_key(key: str) -> Period:
    """The period a key names; ValueError for anything else."""
    m = _KEY.match(key or "")
    if not m:
        raise ValueError(f"not a period key: {key!r}")
    if m["start"]:
        start = datetime.date.fromisoformat(m["start"])
        end = datetime.date.fromisoformat(m["end"])
        _check_year(start.year)
        _check_year(end.year)
        return ad_hoc(start, end)
    year = _check_year(int(m["year"]))
    if m["month"]:
        return month(year, int(m["month"]))
    if m["quarter"]:
        return quarter(year, int(m["quarter"]))
    if m["half"]:
        return first_half(year) if m["half"] == "1" else second_half(year)
    if m["nine"]:
        return nine_months(year)
    return year_period(year)


def reporting_month_of(day: datetime.date) -> tuple[int, int]:
    """(year, month) of the monthly window that contains ``day``: from the 15th on, a day
    belongs to the next month's report (20 Dec 2025 → January 2026)."""
    if day.day < CUTOFF_DAY:
        return day.year, day.month
    if day.month == 12:
        return day.year + 1, 1
    return day.year, day.month + 1


def period_containing(kind: str, day: datetime.date) -> Period | None:
    """The period of ``kind`` whose window contains ``day``; None where the kind does not
    cover it (a second half-year window does not contain 1 March; ad hoc periods have
    no calendar)."""
    year, m = reporting_month_of(day)
    match kind:
        case PeriodKind.MONTH:
            return month(year, m)
        case PeriodKind.QUARTER:
            return quarter(year, (m - 1) // 3 + 1)
        case PeriodKind.YEAR:
            return year_period(year)
        case PeriodKind.FIRST_HALF | PeriodKind.SECOND_HALF | PeriodKind.NINE_MONTHS:
            period = Period(kind, year)
            w = period.window
            return period if w.start <= day <= w.end else None
    return None


def is_future(period: Period, today: datetime.date) -> bool:
    """A period whose window starts after ``today``: nobody reports on it yet (an ad hoc
    request carries the dates it was asked for and is never refused as future)."""
    return period.kind != PeriodKind.AD_HOC and period.window.start > today


def periods_within(kind: str, window: Window) -> list[Period]:
    """The periods of ``kind`` whose windows lie inside ``window``, in order."""
    found: list[Period] = []
    first_year = window.start.year
    for year in range(first_year, window.end.year + 2):
        candidates: list[Period]
        match kind:
            case PeriodKind.MONTH:
                candidates = [month(year, n) for n in range(1, 13)]
            case PeriodKind.QUARTER:
                candidates = [quarter(year, n) for n in range(1, 5)]
            case PeriodKind.AD_HOC:
                candidates = []
            case _:
                candidates = [Period(kind, year)]
        found += [
            p for p in candidates if window.start <= p.window.start and p.window.end <= window.end
        ]
    return found


def deadline_for(
    window: Window, days_after: int, *, level: str = "", offsets: dict | None = None
) -> datetime.date:
    """The submission deadline: ``days_after`` days after the window's last day, plus the
    offset of the submitting ``level`` for a report that climbs (a commune reports first,
    the province a few days later from the communes' figures)."""
    extra = int((offsets or {}).get(level, 0))
    return window.end + datetime.timedelta(days=days_after + extra)
