import datetime
import itertools

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from lanhmanh.indicators.registry import Window
from lanhmanh.reporting.periods import (
    PeriodKind,
    ad_hoc,
    deadline_for,
    first_half,
    month,
    nine_months,
    period_containing,
    period_from_key,
    periods_within,
    quarter,
    second_half,
    year_period,
)

D = datetime.date
# No deadline on the properties below: pure date sums whose first example pays for lazy
# imports and settings, which on a loaded machine exceeds Hypothesis' 200 ms.
years = st.integers(min_value=2000, max_value=2100)
days = st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31))


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        (month(2026, 1), D(2025, 12, 15), D(2026, 1, 14)),
        (month(2026, 3), D(2026, 2, 15), D(2026, 3, 14)),
        (month(2025, 12), D(2025, 11, 15), D(2025, 12, 14)),
        (quarter(2026, 1), D(2025, 12, 15), D(2026, 3, 14)),
        (quarter(2026, 3), D(2026, 6, 15), D(2026, 9, 14)),
        (quarter(2026, 4), D(2026, 9, 15), D(2026, 12, 14)),
        (first_half(2026), D(2025, 12, 15), D(2026, 6, 14)),
        (second_half(2026), D(2026, 6, 15), D(2026, 12, 14)),
        (nine_months(2026), D(2025, 12, 15), D(2026, 9, 14)),
        (year_period(2026), D(2025, 12, 15), D(2026, 12, 14)),
        (ad_hoc(D(2026, 3, 1), D(2026, 3, 31)), D(2026, 3, 1), D(2026, 3, 31)),
    ],
)
def test_each_kind_has_the_decree_window(period, start, end):
    assert period.window == Window(start, end)


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (month(2026, 1), "Tháng 1/2026"),
        (quarter(2026, 1), "Quý I/2026"),
        (quarter(2026, 4), "Quý IV/2026"),
        (first_half(2026), "6 tháng đầu năm 2026"),
        (second_half(2026), "6 tháng cuối năm 2026"),
        (nine_months(2026), "9 tháng 2026"),
        (year_period(2026), "Năm 2026"),
        (ad_hoc(D(2026, 3, 1), D(2026, 3, 31)), "Từ 01/03/2026 đến 31/03/2026"),
    ],
)
def test_labels_are_vietnamese(period, label):
    assert period.label == label


def test_nine_months_end_is_configurable(settings):
    settings.LANHMANH_NINE_MONTHS_END_MONTH = 10
    assert nine_months(2026).window == Window(D(2025, 12, 15), D(2026, 10, 14))


def test_second_half_may_cover_the_whole_year(settings):
    settings.LANHMANH_SECOND_HALF_WHOLE_YEAR = True
    assert second_half(2026).window == year_period(2026).window


@hypothesis_settings(deadline=None)
@given(years)
def test_consecutive_months_tile_the_year_without_gaps_or_overlaps(year):
    windows = [month(year, m).window for m in range(1, 13)]
    assert windows[0].start == year_period(year).window.start
    assert windows[-1].end == year_period(year).window.end
    for before, after in itertools.pairwise(windows):
        assert after.start == before.end + datetime.timedelta(days=1)


@hypothesis_settings(deadline=None)
@given(years)
def test_december_runs_straight_into_the_next_january(year):
    assert month(year + 1, 1).window.start == month(year, 12).window.end + datetime.timedelta(1)


@hypothesis_settings(deadline=None)
@given(years)
def test_quarters_and_halves_tile_the_year(year):
    for parts in ([quarter(year, q) for q in range(1, 5)], [first_half(year), second_half(year)]):
        windows = [p.window for p in parts]
        assert windows[0].start == year_period(year).window.start
        assert windows[-1].end == year_period(year).window.end
        for before, after in itertools.pairwise(windows):
            assert after.start == before.end + datetime.timedelta(days=1)


@hypothesis_settings(deadline=None)
@given(years, st.integers(min_value=1, max_value=4))
def test_a_quarter_is_its_three_months(year, number):
    months = periods_within(PeriodKind.MONTH, quarter(year, number).window)
    assert [m.number for m in months] == [3 * number - 2, 3 * number - 1, 3 * number]


@hypothesis_settings(deadline=None)
@given(days, st.sampled_from([PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR]))
def test_every_day_belongs_to_exactly_the_period_that_contains_it(day, kind):
    period = period_containing(kind, day)
    assert period.window.start <= day <= period.window.end
    assert not period.previous().window.start <= day <= period.previous().window.end


def test_the_15th_of_december_belongs_to_next_year():
    assert period_containing(PeriodKind.MONTH, D(2025, 12, 15)) == month(2026, 1)
    assert period_containing(PeriodKind.YEAR, D(2025, 12, 15)) == year_period(2026)
    assert period_containing(PeriodKind.MONTH, D(2025, 12, 14)) == month(2025, 12)
    assert period_containing(PeriodKind.SECOND_HALF, D(2026, 3, 1)) is None


@hypothesis_settings(deadline=None)
@given(
    st.one_of(
        st.builds(month, years, st.integers(1, 12)),
        st.builds(quarter, years, st.integers(1, 4)),
        st.builds(first_half, years),
        st.builds(second_half, years),
        st.builds(nine_months, years),
        st.builds(year_period, years),
        st.builds(
            lambda d, n: ad_hoc(d, d + datetime.timedelta(days=n)), days, st.integers(0, 400)
        ),
    )
)
def test_keys_name_their_period(period):
    assert period_from_key(period.key) == period


@pytest.mark.parametrize("key", ["", "2026", "2026-M13", "2026-Q5", "2026-H3", "abc"])
def test_it_refuses_what_is_not_a_period_key(key):
    with pytest.raises(ValueError):
        period_from_key(key)


def test_previous_period_crosses_the_year():
    assert month(2026, 1).previous() == month(2025, 12)
    assert quarter(2026, 1).previous() == quarter(2025, 4)
    assert year_period(2026).previous() == year_period(2025)
    march = ad_hoc(D(2026, 3, 1), D(2026, 3, 10))
    assert march.previous() == ad_hoc(D(2026, 2, 19), D(2026, 2, 28))


def test_deadline_is_days_after_the_cut_off_plus_the_level_offset():
    window = month(2026, 1).window
    assert deadline_for(window, 3) == D(2026, 1, 17)
    offsets = {"commune": 0, "province": 5}
    assert deadline_for(window, 3, level="commune", offsets=offsets) == D(2026, 1, 17)
    assert deadline_for(window, 3, level="province", offsets=offsets) == D(2026, 1, 22)


def test_periods_within_a_window_are_only_those_inside_it():
    window = Window(D(2026, 1, 1), D(2026, 6, 30))
    assert [p.number for p in periods_within(PeriodKind.MONTH, window)] == [2, 3, 4, 5, 6]
    assert periods_within(PeriodKind.YEAR, window) == []
