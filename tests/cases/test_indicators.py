"""The case register counts itself: cases by stage, defendants, victims rescued, rings
broken and mobile trials, each in the window of its own date; and the seed 000 target
'xử lý hình sự từ 55 đến 60 vụ án' moves as cases are instituted."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lanhmanh.cases import services
from lanhmanh.cases.models import CriminalCase
from lanhmanh.indicators.models import Indicator
from lanhmanh.indicators.registry import Window
from lanhmanh.indicators.values import indicator_value
from lanhmanh.reporting.progress import target_progress
from tests.activities.test_seed_targets import link
from tests.inspections.test_seed_targets_progress import progress_cell, this_years_plan

TODAY = timezone.localdate()
YEAR = Window(TODAY - datetime.timedelta(days=364), TODAY)


def ago(n):
    return TODAY - datetime.timedelta(days=n)


def value(code, unit, window=YEAR, disaggregation=None):
    return indicator_value(Indicator.objects.get(code=code), unit, window, disaggregation)


def through(case, bodies, last, start=20):
    """Advance ``case`` up to ``last``, a day apart, each by its own body."""
    who = {
        "instituted": bodies.police,
        "investigated": bodies.police,
        "indicted": bodies.prosecutor,
        "tried": bodies.judge,
    }
    for n, stage in enumerate(["instituted", "investigated", "indicted", "tried"]):
        case.refresh_from_db()
        services.case_advance(
            case=case,
            by=who[stage],
            stage=stage,
            on=ago(start - n),
            version=case.version,
            mobile_trial=stage == "tried",
        )
        if stage == last:
            return


def test_cases_count_by_stage_where_and_when(world, bodies, record_case):
    a = record_case(reported_on=ago(50))
    b = record_case(unit=world.quang_ngoc, reported_on=ago(50), ring_broken=True, victims=3,
                    victims_children=1)  # fmt: skip
    record_case(unit=world.quang_ngoc, reported_on=ago(400))  # before the window
    through(a, bodies, "tried")
    through(b, bodies, "instituted")
    assert value("cases_reported", world.thanh_hoa).numerator == 2
    assert value("cases_instituted", world.thanh_hoa).numerator == 2
    assert value("cases_indicted", world.thanh_hoa).numerator == 1
    assert value("cases_tried", world.thanh_hoa).numerator == 1
    assert value("cases_mobile_trials", world.thanh_hoa).numerator == 1
    assert value("cases_instituted", world.quang_ngoc).numerator == 1
    assert value("cases_rings_broken", world.thanh_hoa).numerator == 1
    assert value("cases_victims_rescued", world.thanh_hoa).numerator == 3
    assert value("cases_child_victims_rescued", world.thanh_hoa).numerator == 1
    assert value("cases_instituted", world.bac_ninh).numerator == 0


def test_defendants_by_sex_and_age(world, bodies, record_case):
    case = record_case(
        defendants_male=2, defendants_female=1, defendants_16_17=1, defendants_18_29=1,
        defendants_30_plus=1,
    )  # fmt: skip
    through(case, bodies, "instituted")
    assert value("cases_defendants", world.thanh_hoa).numerator == 3
    assert value("cases_defendants", world.thanh_hoa, disaggregation="sex:female").numerator == 1
    assert (
        value("cases_defendants", world.thanh_hoa, disaggregation="age_group:16_17").numerator == 1
    )


@pytest.mark.parametrize("code", ["cases_instituted", "cases_defendants", "cases_rings_broken"])
def test_a_computation_does_not_grow_with_the_number_of_cases(world, bodies, record_case, code):
    indicator = Indicator.objects.get(code=code)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            indicator_value(indicator, world.thanh_hoa, YEAR)
        return len(captured)

    few = queries()
    for n in range(12):
        record_case(reference=f"{n}/QĐ", articles=[bodies.article_327, bodies.article_150])
    assert CriminalCase.objects.count() == 12
    assert queries() == few


def test_a_topic_narrows_to_trafficking(world, bodies, record_case):
    from lanhmanh.cases.indicators import cases_in

    record_case(articles=[bodies.article_327])
    record_case(articles=[bodies.article_150, bodies.article_327])
    rows = cases_in([world.thanh_hoa.path], YEAR, "reported_on", topic="trafficking")
    assert rows.count() == 1


def test_seed_000_cases_prosecuted_show_progress_from_records(
    world, bodies, record_case, client_for
):
    plan = this_years_plan(world, "000")
    target = plan.targets.get(quote__icontains="xử lý hình sự từ 55 đến 60 vụ án")
    client = client_for(world.th_coordinator)
    link(client, target, "cases_instituted")
    assert target.indicator.source == "computed"

    before = target_progress(target).value.numerator
    for n in range(3):
        case = record_case(reference=f"{n}/QĐ-CSĐT", reported_on=TODAY)
        services.case_advance(case=case, by=bodies.police, stage="instituted", on=TODAY, version=1)
    record_case(reference="chỉ phát hiện", reported_on=TODAY)  # not instituted: not counted
    assert target_progress(target).value.numerator == before + 3
    status, figure = progress_cell(client, plan, target)
    assert figure == f"{before + 3} / 55–60"
    assert status in {"at_risk", "off_track", "on_track"}
