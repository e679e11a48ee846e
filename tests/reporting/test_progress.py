import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lanhmanh.indicators.models import Indicator
from lanhmanh.plans.models import Plan, Target
from lanhmanh.reporting import progress
from lanhmanh.reporting.models import Status
from lanhmanh.reporting.periods import month
from lanhmanh.reporting.progress import (
    ProgressStatus,
    judge,
    suggest_indicator,
    target_link_indicator,
    target_progress,
    targets_progress,
)
from lanhmanh.reporting.services import submission_reopen
from tests.reporting.helpers import COMMUNE_ROWS, make_form, report

S = ProgressStatus
HALF = Decimal("0.5")
MID_2026 = datetime.date(2026, 6, 14)  # half of the 2026 window (15/12/2025–14/12/2026)


@pytest.mark.parametrize(
    ("comparator", "target", "figure", "share", "prorate", "status"),
    [
        # at least 100 (a count): 50 expected at mid-year
        (">=", {"value": 100}, 55, HALF, True, S.ON_TRACK),
        (">=", {"value": 100}, 46, HALF, True, S.ON_TRACK),
        (">=", {"value": 100}, 30, HALF, True, S.AT_RISK),
        (">=", {"value": 100}, 10, HALF, True, S.OFF_TRACK),
        (">=", {"value": 100}, 100, HALF, True, S.MET),
        (">=", {"value": 100}, 90, Decimal(1), True, S.OFF_TRACK),
        # at least 70% (not pro-rated)
        (">=", {"value": 70}, 65, HALF, False, S.ON_TRACK),
        (">=", {"value": 70}, 40, HALF, False, S.AT_RISK),
        (">=", {"value": 70}, 10, HALF, False, S.OFF_TRACK),
        (">=", {"value": 70}, 75, Decimal("0.1"), False, S.MET),
        # no more than 10 (a count)
        ("<=", {"value": 10}, 3, HALF, True, S.ON_TRACK),
        ("<=", {"value": 10}, 7, HALF, True, S.AT_RISK),
        ("<=", {"value": 10}, 11, HALF, True, S.OFF_TRACK),
        ("<=", {"value": 10}, 9, Decimal(1), True, S.MET),
        # no more than 5% (a percentage may come back down)
        ("<=", {"value": 5}, 4, HALF, False, S.ON_TRACK),
        ("<=", {"value": 5}, 6, HALF, False, S.AT_RISK),
        ("<=", {"value": 5}, 6, Decimal(1), False, S.OFF_TRACK),
        # 80 to 130 establishments
        ("between", {"low": 80, "high": 130}, 50, HALF, True, S.ON_TRACK),
        ("between", {"low": 80, "high": 130}, 25, HALF, True, S.AT_RISK),
        ("between", {"low": 80, "high": 130}, 100, HALF, True, S.MET),
        ("between", {"low": 80, "high": 130}, 140, HALF, True, S.OFF_TRACK),
        ("between", {"low": 80, "high": 130}, 70, Decimal(1), True, S.OFF_TRACK),
        # exactly 100% of tips handled; exactly 0 hotspots reactivated
        ("=", {"value": 100}, 100, HALF, False, S.MET),
        ("=", {"value": 100}, 95, HALF, False, S.ON_TRACK),
        ("=", {"value": 100}, 95, Decimal(1), False, S.OFF_TRACK),
        ("=", {"value": 0}, 0, HALF, True, S.MET),
        ("=", {"value": 0}, 1, HALF, True, S.OFF_TRACK),
        # nothing to compare
        (">=", {"value": 100}, None, HALF, True, S.NO_DATA),
    ],
)
def test_status_for_each_comparator_and_elapsed_share(
    comparator, target, figure, share, prorate, status
):
    target = {k: Decimal(v) for k, v in target.items()}
    figure = None if figure is None else Decimal(figure)
    assert judge(comparator, figure, share=share, prorate=prorate, **target) == status


@pytest.fixture
def form(db):
    return make_form(rows=[(code, dims, False) for code, dims, _required in COMMUNE_ROWS])


@pytest.fixture
def plan(world):
    return Plan.objects.create(
        unit=world.thanh_hoa, year_from=2026, year_to=2026, title="Phòng, chống mại dâm năm 2026"
    )


def target(plan, statement, comparator, measure, indicator=None, **numbers):
    return Target.objects.create(
        plan=plan,
        statement=statement,
        comparator=comparator,
        measure=measure,
        indicator=Indicator.objects.get(code=indicator) if indicator else None,
        **{k: Decimal(v) for k, v in numbers.items()},
    )


def test_a_targets_progress_follows_the_province_figures(world, form, plan):
    t = target(
        plan,
        "Tổ chức ít nhất 100 buổi tuyên truyền",
        ">=",
        "count",
        "awareness_activities",
        value=100,
    )
    assert target_progress(t, on=MID_2026).status == S.NO_DATA
    report(world.national, form, world.hac_thanh, month(2026, 2), {"awareness_activities": 10})
    p = target_progress(t, on=MID_2026)
    assert (p.figure, p.status) == (10, S.OFF_TRACK)  # under a quarter of the 50 expected
    assert round(p.elapsed, 2) == HALF and round(p.expected) == 50
    may = report(
        world.national, form, world.quang_ngoc, month(2026, 5), {"awareness_activities": 12}
    )
    assert target_progress(t, on=MID_2026).status == S.AT_RISK
    report(world.national, form, world.quang_binh, month(2026, 6), {"awareness_activities": 23})
    assert target_progress(t, on=MID_2026).status == S.ON_TRACK
    submission_reopen(submission=may, user=world.national, reason="Sai số")
    assert target_progress(t, on=MID_2026).status == S.AT_RISK
    assert target_progress(t, on=datetime.date(2026, 12, 20)).status == S.OFF_TRACK


def test_figures_after_the_day_asked_do_not_count(world, form, plan):
    t = target(plan, "Tuyên truyền", ">=", "count", "awareness_activities", value=10)
    report(world.national, form, world.hac_thanh, month(2026, 9), {"awareness_activities": 20})
    assert target_progress(t, on=MID_2026).status == S.NO_DATA
    assert target_progress(t, on=datetime.date(2026, 9, 20)).status == S.MET


def test_a_percentage_target_compares_the_recomputed_percentage(world, form, plan):
    t = target(plan, "100% tin báo được xử lý", "=", "percent", "tips_handled_share", value=100)
    report(world.national, form, world.hac_thanh, month(2026, 2), {"tips_handled_share": (9, 10)})
    report(world.national, form, world.quang_ngoc, month(2026, 2), {"tips_handled_share": (30, 30)})
    p = target_progress(t, on=MID_2026)
    assert round(p.figure, 1) == Decimal("97.5") and p.status == S.ON_TRACK


def test_a_rate_target_is_judged_per_month(world, form, plan):
    t = target(
        plan, "Tuyên truyền 2 lần/tháng", ">=", "times_per_month", "awareness_activities", value=2
    )
    for m in (1, 2, 3):
        report(world.national, form, world.hac_thanh, month(2026, m), {"awareness_activities": 2})
    p = target_progress(t, on=datetime.date(2026, 3, 14))
    assert p.status == S.MET and round(p.figure, 1) == Decimal("2.0")
    report(world.national, form, world.hac_thanh, month(2026, 4), {"awareness_activities": 1})
    p = target_progress(t, on=datetime.date(2026, 4, 14))
    assert p.status == S.AT_RISK and round(p.figure, 1) == Decimal("1.8")


def test_a_target_without_indicator_has_no_data(world, plan):
    t = target(plan, "Một chỉ tiêu chưa gắn chỉ số", ">=", "count", value=5)
    assert target_progress(t, on=MID_2026).status == S.NO_DATA


def test_progress_of_many_targets_takes_one_query_per_plan(
    world, form, plan, django_assert_num_queries
):
    codes = ["awareness_activities", "tips_handled_share", "support_models_maintained"]
    for code in codes * 3:
        target(plan, code, ">=", "percent" if code.endswith("share") else "count", code, value=1)
    targets = list(Target.objects.select_related("plan__unit", "indicator"))
    with django_assert_num_queries(3):
        results = targets_progress(targets, on=MID_2026)
    assert len(results) == 9


@pytest.mark.parametrize(
    ("statement", "measure", "code"),
    [
        ("kiểm tra từ 80 đến 130 cơ sở", "count", "establishments_inspected"),
        (
            "Tổ chức kiểm tra ít nhất 20% số cơ sở kinh doanh dịch vụ",
            "percent",
            "establishments_inspected_share",
        ),
        ("100% tin tố giác, tin báo, khiếu nại", "percent", "tips_handled_share"),
        (
            "Ít nhất 70% xã, thị trấn tổ chức các hình thức tuyên truyền",
            "percent",
            "communes_with_awareness_share",
        ),
        (
            "thực hiện tuyên truyền về phòng, chống tệ nạn mại dâm từ 2 lần/tháng",
            "times_per_month",
            "awareness_activities",
        ),
        ("Xét xử 04 vụ án", "count", "criminal_cases_tried"),
        ("xử lý hình sự từ 55 đến 60 vụ án", "count", "criminal_cases_prosecuted"),
        ("Xây dựng mới 02 mô hình", "count", "support_models_new"),
        ("xây dựng mới 3 xã, phường, thị trấn", "count", "healthy_communes_new"),
        ("kiểm tra hành chính 400 lượt", "count", "inspections"),
        (
            "Duy trì không để tái hoạt động trở lại các điểm mại dâm công cộng",
            "count",
            "hotspots_reactivated",
        ),
    ],
)
def test_it_suggests_the_indicator_a_target_speaks_of(world, plan, statement, measure, code):
    t = target(plan, statement, ">=", measure, value=1)
    assert suggest_indicator(t)[0].code == code


def test_on_the_basis_of_is_not_an_establishment(world, plan):
    # Seed 000: 'trên cơ sở giới' is about gender, and the 45% is a share of districts.
    t = target(
        plan,
        "12 huyện, thị xã, thành phố (45%) triển khai thực hiện được các hoạt động can thiệp "
        "giảm tác hại về HIV/AIDS, phòng ngừa, giảm tình trạng bạo lực trên cơ sở giới",
        ">=",
        "count",
        value=12,
    )
    assert "establishments_inspected_share" not in [i.code for i in suggest_indicator(t)]


def test_a_percentage_target_is_never_offered_a_count(world, plan):
    t = target(plan, "Ít nhất 60% người bán dâm được tiếp cận", ">=", "percent", value=60)
    assert all(i.is_ratio for i in suggest_indicator(t, limit=10))


def test_linking_a_target_to_an_indicator(world, plan):
    t = target(plan, "kiểm tra từ 80 đến 130 cơ sở", "between", "count", low=80, high=130)
    inspected = Indicator.objects.get(code="establishments_inspected")
    target_link_indicator(target=t, indicator=inspected, user=world.th_coordinator)
    t.refresh_from_db()
    assert t.indicator == inspected
    with pytest.raises(PermissionDenied):
        target_link_indicator(target=t, indicator=None, user=world.bn_coordinator)
    with pytest.raises(PermissionDenied):
        target_link_indicator(target=t, indicator=None, user=world.th_leader)
    share = target(plan, "20% số cơ sở", ">=", "percent", value=20)
    with pytest.raises(ValidationError) as error:
        target_link_indicator(target=share, indicator=inspected, user=world.th_coordinator)
    assert error.value.messages == [str(progress.MEASURE_MISMATCH)]


def test_returned_figures_stop_counting(world, form, plan):
    t = target(plan, "Tuyên truyền", ">=", "count", "awareness_activities", value=10)
    report(
        world.national,
        form,
        world.hac_thanh,
        month(2026, 2),
        {"awareness_activities": 10},
        status=Status.SUBMITTED,
    )
    p = target_progress(t, on=MID_2026)
    assert p.status == S.MET and p.value.provisional
