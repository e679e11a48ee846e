import datetime
from decimal import Decimal

import pytest

from lanhmanh.indicators.values import indicator_value
from lanhmanh.plans.models import Plan, Target
from lanhmanh.reporting.demo import RETURN_COMMENT, reporting_demo_build
from lanhmanh.reporting.models import Status, Submission, SubmissionValue
from lanhmanh.reporting.periods import year_period
from lanhmanh.reporting.validation import check_cells, check_parts

TODAY = datetime.date(2026, 3, 20)


@pytest.fixture
def demo(world):
    plan = Plan.objects.create(unit=world.thanh_hoa, year_from=2026, year_to=2026, title="KH")
    Target.objects.create(
        plan=plan,
        statement="100% tin tố giác, tin báo",
        comparator="=",
        value=Decimal(100),
        measure="percent",
    )
    return reporting_demo_build(
        world.thanh_hoa,
        [world.hac_thanh, world.quang_ngoc, world.quang_binh],
        years=(2025, 2026),
        today=TODAY,
    )


def test_it_builds_two_forms_and_the_months_whose_window_has_closed(world, demo):
    assert [f.code for f in demo.forms] == ["xa-thang", "tinh-quy"]
    # 2025 M1–M6: the three old wards and communes; M7 on and 2026 M1–M3: the three new
    # ones, less the one that has not reported the latest month; five quarters.
    assert demo.submissions == 6 * 3 + 9 * 3 - 1 + 5 == Submission.objects.count()
    units = set(Submission.objects.filter(period_key="2025-M03").values_list("unit", flat=True))
    assert units == {world.old_dien_bien.pk, world.old_lam_son.pk, world.old_quang_ngoc.pk}
    assert Submission.objects.filter(period_key="2025-Q1", unit=world.old_thanh_hoa).exists()


def test_most_reports_are_approved_some_late_one_returned(world, demo):
    statuses = list(Submission.objects.values_list("status", flat=True))
    assert statuses.count(Status.RETURNED) == 1
    assert Submission.objects.get(status=Status.RETURNED).returned_comment == RETURN_COMMENT
    assert statuses.count(Status.APPROVED) > 0.8 * len(statuses)
    latest = set(Submission.objects.filter(period_key="2026-M03").values_list("status", flat=True))
    assert {Status.DRAFT, Status.SUBMITTED} <= latest
    assert any(s.is_late for s in Submission.objects.exclude(status=Status.DRAFT))


def test_its_figures_pass_the_entry_checks(demo):
    for submission in Submission.objects.prefetch_related("values__indicator", "form__rows"):
        rows = {r.indicator.code: r.disaggregations for r in submission.form.rows.all()}
        indicators = {r.indicator.code: r.indicator for r in submission.form.rows.all()}
        cells = {
            (v.indicator.code, v.disaggregation): (v.numerator, v.denominator)
            for v in submission.values.all()
        }
        parsed, errors = check_cells(rows, indicators, cells)
        assert errors == {}
        assert check_parts(parsed, rows) == {}


def test_its_figures_roll_up_to_the_province_and_link_the_targets(world, demo):
    total = sum(
        SubmissionValue.objects.filter(
            indicator__code="awareness_activities",
            disaggregation="",
            submission__period_key__startswith="2025-M",
            submission__status__in=[Status.APPROVED, Status.SUBMITTED],
        ).values_list("numerator", flat=True)
    )
    value = indicator_value("awareness_activities", world.thanh_hoa, year_period(2025).window)
    assert value.numerator == total > 0
    assert demo.targets_linked == 1
    assert Target.objects.get().indicator.code == "tips_handled_share"


def test_running_it_twice_adds_nothing(world, demo):
    again = reporting_demo_build(
        world.thanh_hoa,
        [world.hac_thanh, world.quang_ngoc, world.quang_binh],
        years=(2025, 2026),
        today=TODAY,
    )
    assert again.submissions == 0 and again.targets_linked == 0
