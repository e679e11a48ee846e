"""The register counts itself: the module's computed indicators over the test world."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanhmanh.activities.models import Activity
from lanhmanh.indicators.models import Indicator
from lanhmanh.indicators.registry import Window
from lanhmanh.indicators.values import indicator_value

from .conftest import DAY

MARCH = Window(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
APRIL = Window(datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))


def value(code, unit, window=MARCH, disaggregation=None):
    return indicator_value(Indicator.objects.get(code=code), unit, window, disaggregation)


def test_awareness_activities_are_counted_where_and_when_they_were_held(world, acts):
    assert value("activities_awareness_held", world.thanh_hoa).numerator == 2
    assert value("activities_awareness_held", world.hac_thanh).numerator == 2
    assert value("activities_awareness_held", world.quang_ngoc).numerator == 0
    assert value("activities_awareness_held", world.bac_ninh).numerator == 1
    assert value("activities_awareness_held", world.thanh_hoa, APRIL).numerator == 0


def test_an_activity_over_several_days_counts_once_in_the_window_of_its_first_day(world, acts):
    acts.record(
        world.quang_ngoc,
        "Đợt cao điểm",
        kind="peak_campaign",
        day=datetime.date(2026, 3, 30),
        end_date=datetime.date(2026, 4, 3),
    )
    assert value("activities_awareness_held", world.quang_ngoc).numerator == 1
    assert value("activities_awareness_held", world.quang_ngoc, APRIL).numerator == 0


def test_participants_break_down_by_sex_and_age(world, acts):
    acts.record(world.quang_ngoc, "Có tuổi", participants=10, participants_under_16=4)
    assert value("activities_awareness_reached", world.thanh_hoa).numerator == 110
    female = value("activities_awareness_reached", world.thanh_hoa, disaggregation="sex:female")
    assert female.numerator == 35
    young = value(
        "activities_awareness_reached", world.thanh_hoa, disaggregation="age_group:under_16"
    )
    assert young.numerator == 4


def test_trainings_and_trainees_count_only_trainings(world, acts):
    assert value("activities_trainings_held", world.thanh_hoa).numerator == 1
    assert value("activities_trainees", world.thanh_hoa).numerator == 30


def test_communes_with_an_awareness_activity_are_a_count_of_the_communes(world, acts):
    share = value("communes_with_awareness_activity", world.thanh_hoa)
    assert (share.numerator, share.denominator) == (1, 3)
    acts.record(world.quang_binh, "Ở Quảng Bình")
    acts.record(world.quang_binh, "Lần hai ở Quảng Bình")
    share = value("communes_with_awareness_activity", world.thanh_hoa)
    assert (share.numerator, share.denominator) == (2, 3)
    assert share.ratio == Decimal(200) / 3


def test_an_activity_at_the_province_does_not_make_a_commune_covered(world, acts):
    acts.record(world.thanh_hoa, "Hội nghị tuyên truyền cấp tỉnh")
    share = value("communes_with_awareness_activity", world.thanh_hoa)
    assert share.numerator == 1


def test_parameters_narrow_the_count_to_an_agency_a_level_or_a_kind(world, acts):
    from lanhmanh.activities.indicators import awareness_held

    paths = [world.thanh_hoa.path]
    acts.record(world.thanh_hoa, "Đài tỉnh", kind="media_piece", organiser=world.th_police)
    assert awareness_held(paths=paths, window=MARCH).numerator == 3
    assert awareness_held(paths=paths, window=MARCH, level="province").numerator == 1
    assert awareness_held(paths=paths, window=MARCH, agency=world.th_police.pk).numerator == 1
    assert (
        awareness_held(paths=paths, window=MARCH, agency=world.hac_thanh_police.pk).numerator == 1
    )
    assert awareness_held(paths=paths, window=MARCH, kind="school_session").numerator == 1


def test_materials_and_spending_add_up(world, acts):
    acts.record(world.quang_ngoc, "Có chi", cost=2_000_000, fund_source="state")
    assert value("activities_materials", world.thanh_hoa).numerator == 200
    assert value("activities_spending", world.thanh_hoa).numerator == 2_000_000


@pytest.mark.parametrize("code", ["activities_awareness_held", "communes_with_awareness_activity"])
def test_a_computation_does_not_grow_with_the_number_of_activities(world, acts, code):
    indicator = Indicator.objects.get(code=code)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            indicator_value(indicator, world.thanh_hoa, MARCH)
        return len(captured)

    few = queries()
    for n in range(15):
        acts.record(world.quang_ngoc, f"Thêm {n}", day=DAY)
    assert Activity.objects.count() == 19
    assert queries() == few
