"""The overview's figures equal hand computations, every percentage has its denominator,
and the number of queries does not grow with the number of units or targets."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanhmanh.geography.models import AdministrativeUnit, Level, Scheme
from lanhmanh.indicators.models import Indicator
from lanhmanh.overview.charts import Series, bars_svg
from lanhmanh.overview.selectors import nation, overview, trends
from lanhmanh.plans.models import Plan, Target
from lanhmanh.reporting.models import Status
from lanhmanh.reporting.periods import month, quarter
from tests.reporting.helpers import make_form, report

TODAY = datetime.date(2026, 12, 7)


@pytest.fixture
def form(db):
    return make_form()


def approve(world, form, unit, period, n, share=(1, 2)):
    reviewer = world.bn_coordinator if unit.path.startswith("2025/24/") else world.th_coordinator
    return report(
        world.national,
        form,
        unit,
        period,
        {"awareness_activities": n, "tips_handled_share": share},
        reviewer=reviewer,
    )


@pytest.fixture
def figures(world, form):
    approve(world, form, world.hac_thanh, month(2026, 1), 5)
    approve(world, form, world.quang_ngoc, month(2026, 1), 3)
    approve(world, form, world.hac_thanh, month(2026, 2), 4)
    approve(world, form, world.old_lam_son, month(2025, 1), 2)  # merged into Hạc Thành
    approve(world, form, world.old_dien_bien, month(2025, 2), 6)  # merged into Hạc Thành
    approve(world, form, world.luc_nam, month(2026, 11), 9)
    approve(world, form, world.hac_thanh, month(2026, 11), 1)
    # Sent but not approved: not in the approved figures.
    report(
        world.national,
        form,
        world.quang_ngoc,
        month(2026, 2),
        {"awareness_activities": 100},
        status=Status.SUBMITTED,
    )


def series_of(result, code):
    return next(t.series for t in result if t.indicator.code == code)


def test_trends_by_month_equal_the_figures(world, figures):
    s = series_of(trends(world.th_leader, world.thanh_hoa, 2026, "month"), "awareness_activities")
    assert s.current[:2] == [Decimal(8), Decimal(4)]
    assert s.current[10] == Decimal(1)
    assert s.previous[:2] == [Decimal(2), Decimal(6)]  # Điện Biên counts in Thanh Hóa
    assert s.totals == (Decimal(8), Decimal(13))


def test_trends_by_quarter_and_for_the_nation(world, figures):
    s = series_of(trends(world.national, nation(), 2026, "quarter"), "awareness_activities")
    assert s.labels == ["Q1", "Q2", "Q3", "Q4"]
    assert s.current == [Decimal(12), 0, 0, Decimal(10)]
    assert s.previous == [Decimal(8), 0, 0, 0]


def test_a_quarterly_report_counts_in_its_quarter_only(world):
    form = make_form("test-tinh-quy", periodicity="quarter", level=Level.PROVINCE)
    report(
        world.national,
        form,
        world.thanh_hoa,
        quarter(2026, 1),
        {"awareness_activities": 40},
    )
    by_quarter = series_of(
        trends(world.national, world.thanh_hoa, 2026, "quarter"), "awareness_activities"
    )
    by_month = series_of(
        trends(world.national, world.thanh_hoa, 2026, "month"), "awareness_activities"
    )
    assert by_quarter.current[0] == Decimal(40)
    assert sum(by_month.current) == 0


def test_coverage_says_of_how_many_and_how_many_not_reported(world, figures, client_for):
    ov = overview(world.th_leader, world.thanh_hoa, today=TODAY)
    # November 2026: Hạc Thành reported; Quảng Ngọc and Quảng Bình did not.
    assert (ov["coverage"].expected, ov["coverage"].reported, ov["coverage"].missing) == (3, 1, 2)
    assert ov["coverage"].percent == Decimal("33.3")
    rows = {r.unit: r.coverage for r in ov["children"]}
    assert rows[world.hac_thanh].percent == Decimal(100)
    assert rows[world.quang_binh].reported == 0
    assert ov["children"][0].unit == world.hac_thanh  # ranked by completeness


def test_the_page_shows_denominators(world, figures, client_for, settings):
    from django.urls import reverse

    text = client_for(world.th_leader).get(reverse("overview:index")).content.decode()
    assert "33,3% của 3 xã, phường phải báo cáo (1 đã gửi); 2 chưa báo cáo" in text
    assert "100% của 1 xã, phường; 0 chưa báo cáo" in text


@pytest.fixture
def plans(world):
    """A plan of Thanh Hóa with two targets, and one of Hạc Thành with one."""
    activities = Indicator.objects.get(code="awareness_activities", current=True)
    made = []
    for unit, targets in ((world.thanh_hoa, [10, 1000]), (world.hac_thanh, [5])):
        plan = Plan.objects.create(
            unit=unit, year_from=2026, year_to=2026, title="Kế hoạch 2026", number="1/KH"
        )
        for order, value in enumerate(targets):
            made.append(
                Target.objects.create(
                    plan=plan,
                    order=order,
                    statement=f"Ít nhất {value} buổi tuyên truyền",
                    comparator=">=",
                    value=value,
                    measure="count",
                    indicator=activities,
                )
            )
    return made


def test_targets_and_the_children_ranked_by_target_progress(world, figures, plans):
    ov = overview(world.th_leader, world.thanh_hoa, today=TODAY, rank="targets")
    statuses = [p.status for p in ov["targets"]]
    # 13 activities this year (provisional 100 of Quảng Ngọc not approved: the plan page
    # counts it, as every target page does).
    assert statuses[0] == "met"
    assert len(ov["targets"]) == 2
    top = ov["children"][0]
    assert top.unit == world.hac_thanh
    assert (top.targets, top.good, top.target_percent) == (1, 1, Decimal(100))


def count_queries(fn) -> int:
    cache.clear()  # the units' lineage is cached: both counts include finding it
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_units_or_targets(world, figures, plans):
    overview(world.th_leader, world.thanh_hoa, today=TODAY)  # the user's scope, cached
    before = count_queries(lambda: overview(world.th_leader, world.thanh_hoa, today=TODAY))
    # Ten more communes, each with a plan and two targets, and a report.
    activities = Indicator.objects.get(code="awareness_activities", current=True)
    form = make_form("test-xa-thang-2")
    for i in range(10):
        commune = AdministrativeUnit.objects.create(
            scheme=Scheme.CURRENT,
            code=f"9{i:04d}",
            name=f"Thử {i}",
            kind="xa",
            level=Level.COMMUNE,
            parent=world.thanh_hoa,
            path=f"{world.thanh_hoa.path}9{i:04d}/",
        )
        plan = Plan.objects.create(unit=commune, year_from=2026, year_to=2026, title="KH")
        for order in range(2):
            Target.objects.create(
                plan=plan,
                order=order,
                statement="Tuyên truyền",
                comparator=">=",
                value=3,
                measure="count",
                indicator=activities,
            )
        approve(world, form, commune, month(2026, 11), 2)
    after = count_queries(lambda: overview(world.th_leader, world.thanh_hoa, today=TODAY))
    assert after == before


def test_the_chart_is_svg_with_titles_and_no_script():
    svg = str(
        bars_svg(
            Series(["01", "02"], [Decimal(1), Decimal(2)], [Decimal(3), Decimal(0)], 2025, 2026),
            title="Số buổi <tuyên truyền>",
        )
    )
    assert svg.startswith("<svg") and "<script" not in svg
    assert "&lt;tuyên truyền&gt;" in svg
    assert "<title>01 2026: 3</title>" in svg
