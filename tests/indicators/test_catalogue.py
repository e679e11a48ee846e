from decimal import Decimal

import pytest

from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.indicators.catalogue import COMPUTED_BY_INSPECTIONS, INDICATORS
from lanhmanh.indicators.models import Aggregation, Indicator, Source
from lanhmanh.indicators.registry import Value
from lanhmanh.plans.models import Plan, Target
from lanhmanh.reporting.progress import suggest_indicator

# Every target of the five plans in the seeds (GOLD.json): (quote, measure).
GOLD_TARGETS = [
    ("thực hiện tuyên truyền về phòng, chống tệ nạn mại dâm từ 2 lần/tháng", "times_per_month"),
    ("90% số xã, phường, thị trấn (573 xã) tổ chức tuyên truyền", "percent"),
    ("12 huyện, thị xã, thành phố (45%) xây dựng mô hình", "count"),
    ("Xây dựng mới 02 mô hình", "count"),
    ("duy trì 06 mô hình", "count"),
    ("Xử lý nghiêm minh theo pháp luật 100% số đối tượng vi phạm bị phát hiện", "percent"),
    ("xử lý hình sự từ 55 đến 60 vụ án", "count"),
    ("kiểm tra từ 80 đến 130 cơ sở kinh doanh dịch vụ", "count"),
    ("90% huyện, thị xã, thành phố (24 huyện) lồng ghép", "percent"),
    ("Duy trì 590 xã, phường, thị trấn lành mạnh", "count"),
    ("xây dựng mới 3 xã, phường, thị trấn lành mạnh", "count"),
    ("tỷ lệ xã, phường lành mạnh từ 92,6% lên 93,3%", "percent"),
    ("xã, phường lành mạnh đến năm 2020 đạt 95%", "percent"),
    ("80% các huyện, thị xã, thành phố xây dựng kế hoạch lồng ghép", "percent"),
    ("kiểm tra từ 80 đến 130 cơ sở", "count"),
    ("khảo sát hoạt động mại dâm từ 30 đến 50 cơ sở", "count"),
    ("xử lý hình sự 55 đến 60 vụ án", "count"),
    ("Duy trì không để tái hoạt động trở lại các điểm mại dâm công cộng", "count"),
    ("xử lý hình sự 06 vụ án", "count"),
    ("Xét xử 04 vụ án", "count"),
    ("kiểm tra hành chính 400 lượt", "count"),
    ("kiểm tra tại 30 - 50 cơ sở", "count"),
    ("Mô hình phòng, chống mại dâm tại 14 phường", "count"),
    ("Xây dựng 100% tổng số phường không có tệ nạn mại dâm", "percent"),
    ("triệt phá 05 vụ án mại dâm", "count"),
    (
        "đảm bảo chỉ tiêu 80% số cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm "
        "trên địa bàn được kiểm tra",
        "percent",
    ),
    ("Ít nhất 70% xã, thị trấn tổ chức các hình thức tuyên truyền", "percent"),
    ("Huyện và 100% các xã, thị trấn trong năm lồng ghép nhiệm vụ", "percent"),
    ("Tổ chức kiểm tra ít nhất 20% số cơ sở kinh doanh dịch vụ", "percent"),
    ("100% số vụ việc vi phạm pháp luật về phòng, chống mại dâm được xử lý nghiêm minh", "percent"),
    ("100% tin tố giác, tin báo, khiếu nại", "percent"),
    ("ít nhất 60% người bán dâm được tiếp cận", "percent"),
    ("đảm bảo tổ chức được ít nhất một hình thức tuyên truyền về phòng ngừa mại dâm", "count"),
    ("kiểm tra từ 50 - 60 lượt cơ sở", "count"),
]

# What the issue asks the catalogue to cover, by the code that covers it.
REQUIRED = [
    "awareness_activities", "communes_with_awareness_share", "broadcasts", "trainings",
    "establishments_at_risk", "establishments_inspected", "inspections", "violations",
    "violations_handled", "fines_vnd", "criminal_cases_detected", "criminal_cases_prosecuted",
    "criminal_cases_tried", "tips_received", "tips_handled_in_time", "tips_handled_share",
    "sex_workers_reached", "sex_workers_supported", "support_models_new",
    "support_models_maintained", "healthy_communes", "units_with_integration_plan_share",
    "inspection_teams", "hotspots_active", "hotspots_eliminated", "hotspots_reactivated",
]  # fmt: skip


def test_the_migration_loads_every_catalogue_row(db):
    assert Indicator.objects.count() >= len(INDICATORS)
    for indicator in Indicator.objects.filter(code__in=[r["code"] for r in INDICATORS]):
        indicator.full_clean()


def test_the_catalogue_covers_the_programme(db):
    assert set(REQUIRED) <= set(Indicator.objects.values_list("code", flat=True))


def test_the_inspections_modules_codes_are_computed(db):
    rows = {i.code: i for i in Indicator.objects.filter(code__in=COMPUTED_BY_INSPECTIONS)}
    assert set(rows) == set(COMPUTED_BY_INSPECTIONS)
    assert {i.source for i in rows.values()} == {Source.COMPUTED}
    stocks = {c for c, i in rows.items() if i.aggregation == Aggregation.LAST}
    assert stocks == {"establishments_at_risk", "followups_overdue", "hotspots_active"}
    assert rows["establishments_inspected_share"].is_ratio
    assert rows["fines_vnd"].measure == "amount"


def test_every_percentage_says_what_it_divides(db):
    for indicator in Indicator.objects.filter(measure="percent"):
        assert indicator.numerator_label and indicator.denominator_label, indicator.code


@pytest.fixture
def plan(db):
    unit = AdministrativeUnit.objects.create(
        scheme="2025", code="38", name="Thanh Hóa", kind="tinh", level="province"
    )
    return Plan.objects.create(unit=unit, year_from=2026, year_to=2026, title="Kế hoạch")


@pytest.mark.parametrize(("quote", "measure"), GOLD_TARGETS)
def test_every_seed_target_gets_an_indicator_of_its_measure(plan, quote, measure):
    target = Target.objects.create(
        plan=plan, statement=quote, comparator=">=", value=Decimal(1), measure=measure
    )
    found = suggest_indicator(target)
    assert found, quote
    assert found[0].is_ratio == (measure == "percent"), (quote, found[0].code)


def test_values_add_up_as_the_registry_says():
    count = Value(Decimal(2)) + Value(Decimal(3), provisional=True)
    assert count == Value(Decimal(5), provisional=True)
    ratio = Value(Decimal(1), Decimal(2)) + Value(Decimal(99), Decimal(100))
    assert ratio.ratio == Decimal(100) * 100 / Decimal(102)
    empty = Value(Decimal(0), no_data=True)
    assert (empty + empty).no_data and not (empty + Value(Decimal(0))).no_data
