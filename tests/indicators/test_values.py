import datetime
from decimal import Decimal

import pytest

from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.indicators.models import Aggregation, Indicator, Measure, Source
from lanhmanh.indicators.registry import NO_DATA, Value, Window, register, unregister
from lanhmanh.indicators.values import (
    children_values,
    indicator_value,
    indicator_values,
    rollup_paths,
)
from lanhmanh.reporting.models import Status
from lanhmanh.reporting.periods import first_half, month, quarter, year_period
from tests.reporting.helpers import COMMUNE_ROWS, make_form, report

Y2026 = year_period(2026).window
Y2025 = year_period(2025).window


@pytest.fixture
def form(db):
    return make_form(rows=[(code, dims, False) for code, dims, _required in COMMUNE_ROWS])


@pytest.fixture
def filed(world, form):
    """Reports the tests below share: by the national administrator, approved by default."""

    def file(unit, period, values, status=Status.APPROVED):
        return report(world.national, form, unit, period, values, status=status)

    return file


def test_counts_sum_over_the_communes(world, filed):
    filed(world.hac_thanh, month(2026, 1), {"awareness_activities": 3})
    filed(world.quang_ngoc, month(2026, 1), {"awareness_activities": 4})
    filed(world.quang_ngoc, month(2026, 2), {"awareness_activities": 2})
    assert indicator_value("awareness_activities", world.thanh_hoa, Y2026) == Value(Decimal(9))
    assert indicator_value("awareness_activities", world.quang_ngoc, Y2026) == Value(Decimal(6))
    assert indicator_value("awareness_activities", world.thanh_hoa, month(2026, 2).window) == Value(
        Decimal(2)
    )


def test_a_percentage_is_recomputed_from_the_sums_not_averaged(world, filed):
    filed(world.hac_thanh, month(2026, 1), {"tips_handled_share": (1, 2)})
    filed(world.quang_ngoc, month(2026, 1), {"tips_handled_share": (99, 100)})
    value = indicator_value("tips_handled_share", world.thanh_hoa, Y2026)
    assert (value.numerator, value.denominator) == (Decimal(100), Decimal(102))
    assert round(value.ratio, 2) == Decimal("98.04")  # not (50% + 99%) / 2 = 74.5%


def test_drafts_and_returned_reports_do_not_count_submitted_ones_are_provisional(world, filed):
    filed(world.hac_thanh, month(2026, 1), {"awareness_activities": 3}, status=Status.DRAFT)
    assert indicator_value("awareness_activities", world.thanh_hoa, Y2026) == NO_DATA
    filed(world.quang_ngoc, month(2026, 1), {"awareness_activities": 4}, status=Status.SUBMITTED)
    value = indicator_value("awareness_activities", world.thanh_hoa, Y2026)
    assert value == Value(Decimal(4), provisional=True)
    filed(world.quang_binh, month(2026, 1), {"awareness_activities": 1})
    assert indicator_value("awareness_activities", world.quang_binh, Y2026).provisional is False


def test_figures_before_the_merger_roll_into_todays_units(world, filed):
    # Phường Điện Biên (2004 codes) reported in March 2025; it became phường Hạc Thành.
    filed(world.old_dien_bien, month(2025, 3), {"awareness_activities": 5})
    filed(world.hac_thanh, month(2025, 8), {"awareness_activities": 2})
    assert indicator_value("awareness_activities", world.thanh_hoa, Y2025).numerator == 7
    assert indicator_value("awareness_activities", world.hac_thanh, Y2025).numerator == 7
    assert indicator_value("awareness_activities", world.old_thanh_hoa, Y2025).numerator == 5
    assert indicator_value("awareness_activities", world.quang_ngoc, Y2025) == NO_DATA
    assert indicator_value("awareness_activities", world.bac_ninh, Y2025) == NO_DATA


def test_only_periods_inside_the_window_count(world, filed):
    filed(world.hac_thanh, month(2025, 12), {"awareness_activities": 5})  # 15/11–14/12/2025
    filed(world.hac_thanh, month(2026, 1), {"awareness_activities": 1})  # 15/12/2025–14/01
    assert indicator_value("awareness_activities", world.hac_thanh, Y2026).numerator == 1
    assert indicator_value("awareness_activities", world.hac_thanh, Y2025).numerator == 5
    odd = Window(datetime.date(2025, 12, 1), datetime.date(2026, 1, 31))
    assert indicator_value("awareness_activities", world.hac_thanh, odd).numerator == 1


def test_a_stock_is_each_units_last_figure_in_the_window(world, filed):
    filed(world.hac_thanh, month(2026, 1), {"support_models_maintained": 5})
    filed(world.hac_thanh, month(2026, 2), {"support_models_maintained": 7})
    filed(world.quang_ngoc, month(2026, 1), {"support_models_maintained": 3})
    filed(world.hac_thanh, month(2026, 4), {"support_models_maintained": 9})
    q1 = quarter(2026, 1).window
    assert indicator_value("support_models_maintained", world.thanh_hoa, q1).numerator == 10
    assert indicator_value("support_models_maintained", world.thanh_hoa, Y2026).numerator == 12


def test_a_stock_across_the_reform_is_the_successors_figure(world, filed):
    filed(world.old_dien_bien, month(2025, 3), {"support_models_maintained": 4})
    filed(world.hac_thanh, month(2025, 9), {"support_models_maintained": 5})
    assert indicator_value("support_models_maintained", world.thanh_hoa, Y2025).numerator == 5
    assert (
        indicator_value(
            "support_models_maintained", world.thanh_hoa, first_half(2025).window
        ).numerator
        == 4
    )


def test_a_percentage_stock_sums_each_units_last_fractions(world, filed):
    filed(world.hac_thanh, month(2026, 1), {"communes_with_awareness_share": (0, 1)})
    filed(world.hac_thanh, month(2026, 2), {"communes_with_awareness_share": (1, 1)})
    filed(world.quang_ngoc, month(2026, 2), {"communes_with_awareness_share": (0, 1)})
    value = indicator_value("communes_with_awareness_share", world.thanh_hoa, Y2026)
    assert (value.numerator, value.denominator, value.ratio) == (1, 2, 50)


def test_disaggregations_are_values_of_their_own(world, filed):
    filed(
        world.hac_thanh,
        month(2026, 1),
        {"sex_workers_reached": 10, "sex_workers_reached|sex:female": 8},
    )
    filed(
        world.quang_ngoc,
        month(2026, 1),
        {"sex_workers_reached": 4, "sex_workers_reached|sex:female": 4},
    )
    assert indicator_value("sex_workers_reached", world.thanh_hoa, Y2026).numerator == 14
    female = indicator_value("sex_workers_reached", world.thanh_hoa, Y2026, "sex:female")
    assert female.numerator == 12


def test_children_values_break_a_province_down_by_commune(world, filed):
    filed(world.old_dien_bien, month(2025, 3), {"awareness_activities": 5})
    filed(world.old_lam_son, month(2025, 3), {"awareness_activities": 1})
    filed(world.old_quang_ngoc, month(2025, 4), {"awareness_activities": 2})
    filed(world.hac_thanh, month(2025, 9), {"awareness_activities": 3})
    rows = children_values("awareness_activities", world.thanh_hoa, Y2025)
    assert [(u, v.numerator) for u, v in rows] == [
        (world.hac_thanh, 9),
        (world.quang_ngoc, 2),  # the old commune split: each part sees its figures
        (world.quang_binh, 2),
    ]


def test_rollup_paths_follow_the_changes_back_in_time(world):
    paths = rollup_paths([world.thanh_hoa.path, world.hac_thanh.path, world.bac_ninh.path])
    assert paths[world.thanh_hoa.path] == ["2004/38/", "2025/38/"]
    assert paths[world.hac_thanh.path] == [
        world.old_dien_bien.path,
        world.old_lam_son.path,
        world.hac_thanh.path,
    ]
    assert paths[world.bac_ninh.path] == ["2004/24/", "2004/27/", "2025/24/"]


@pytest.fixture
def computed(db):
    """A computed indicator registered for the test and removed after it."""
    indicator = Indicator.objects.create(
        code="test_outreach_sessions",
        name="Buổi tiếp cận (thử nghiệm)",
        measure=Measure.COUNT,
        aggregation=Aggregation.SUM,
        source=Source.COMPUTED,
    )
    calls = []

    @register("test_outreach_sessions")
    def outreach(*, paths, window, disaggregation=None):
        calls.append((sorted(paths), window, disaggregation))
        return Value(Decimal(len(paths)))

    yield indicator, calls
    unregister("test_outreach_sessions")


def test_a_computed_indicator_flows_through_the_same_interface(world, filed, computed):
    _indicator, calls = computed
    filed(world.hac_thanh, month(2026, 1), {"awareness_activities": 3})
    values = indicator_values(
        ["awareness_activities", "test_outreach_sessions"], world.hac_thanh, Y2026
    )
    assert values == {
        "awareness_activities": Value(Decimal(3)),
        "test_outreach_sessions": Value(Decimal(3)),
    }
    assert calls == [
        ([world.old_dien_bien.path, world.old_lam_son.path, world.hac_thanh.path], Y2026, None)
    ]


def test_a_computed_indicator_nobody_registered_has_no_data(world):
    assert indicator_value("establishments_inspected_share", world.thanh_hoa, Y2026) in (
        NO_DATA,
        # the inspections module may have registered it already: then it computes a value
        indicator_value("establishments_inspected_share", world.thanh_hoa, Y2026),
    )
    Indicator.objects.create(code="test_unregistered", name="x", measure="count", source="computed")
    assert indicator_value("test_unregistered", world.thanh_hoa, Y2026) == NO_DATA


def _communes(parent, count, start):
    return [
        AdministrativeUnit.objects.create(
            scheme="2025",
            code=f"{start + i:05d}",
            name=f"Xã {i}",
            kind="xa",
            level="commune",
            parent=parent,
            valid_from=datetime.date(2025, 7, 1),
        )
        for i in range(count)
    ]


@pytest.mark.parametrize("communes", [1, 12])
def test_the_number_of_queries_does_not_grow_with_the_units(
    world, filed, computed, django_assert_num_queries, communes
):
    for unit in _communes(world.thanh_hoa, communes, 20000):
        filed(
            unit,
            month(2026, 1),
            {
                "awareness_activities": 1,
                "tips_handled_share": (1, 2),
                "support_models_maintained": 2,
            },
        )
    indicators = [*list(Indicator.objects.filter(source="entered")), computed[0]]
    # 2 steps back in time (the 2025 reform, then nothing), 1 aggregate for every entered
    # indicator, 0 for the computed one (the test function makes no query).
    with django_assert_num_queries(3):
        values = indicator_values(indicators, world.thanh_hoa, Y2026)
    assert values["awareness_activities"].numerator == communes
    assert values["support_models_maintained"].numerator == 2 * communes
    with django_assert_num_queries(4):
        rows = children_values(indicators[0], world.thanh_hoa, Y2026)
    assert len(rows) == 3 + communes
