"""Exporting a plan then importing the document gives back the same targets and the same
assignments: for a plan built by hand and for each real plan in the seeds."""

import datetime
import json
import os
from collections import Counter
from pathlib import Path

import pytest

from lanhmanh.documents.plan_docx import plan_to_docx
from lanhmanh.plans.importer import parse_plan, read_document
from lanhmanh.plans.models import Comparator, Measure, Plan, SignatureForm, Target, Task
from lanhmanh.plans.services import plan_create_from_draft

SEEDS = Path(
    os.environ.get("LANHMANH_SEEDS_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
)
# Each seed saved as a plan of a unit of the test world, of its time and level.
SEED_UNITS = {
    "000_4d5a477da53a21d3.txt": "old_thanh_hoa",
    "001_e05ab88ee75a19c0.txt": "old_tp_thanh_hoa",
    "002_c2fa946f4852eeb1.txt": "old_quang_xuong",
    "003_d72a71c3929b9a95.txt": "old_luc_nam",
    "004_9b375ae271452445.txt": "old_quang_xuong",
}


def read_back(plan) -> dict:
    data = plan_to_docx(plan)
    return parse_plan(read_document(data, "ke-hoach.docx")).to_dict()


def figures(target: dict) -> str:
    """What a target commits to, as one comparable key."""
    numbers = {k: target.get(k) for k in ("value", "low", "high") if target.get(k) is not None}
    numbers = {k: float(v) for k, v in numbers.items()}
    also = {k: float(v) for k, v in (target.get("also") or {}).items()}
    key = [target["comparator"], numbers, target["unit"], also, target.get("agency") or ""]
    return json.dumps(key, ensure_ascii=False, sort_keys=True)


def assignment(task: dict) -> str:
    return json.dumps([task["lead"], task["coordinating"]], ensure_ascii=False)


@pytest.fixture
def plan(world):
    plan = Plan.objects.create(
        unit=world.thanh_hoa,
        number="12/KH-UBND",
        issued_on=datetime.date(2026, 1, 5),
        year_from=2026,
        year_to=2026,
        title="Phòng, chống mại dâm trên địa bàn tỉnh Thanh Hóa năm 2026",
        topics=["prostitution"],
        signature_form=SignatureForm.ON_BEHALF,
        signer_title="Phó Chủ tịch",
        signer="Lê Văn Thi",
    )
    targets = [
        ("Kiểm tra từ 80 đến 130 cơ sở kinh doanh dịch vụ dễ bị lợi dụng", "between", None,
         80, 130, Measure.COUNT, {}),
        ("Ít nhất 90% số xã, phường (150 xã, phường) tổ chức tuyên truyền về phòng, chống "
         "mại dâm", ">=", 90, None, None, Measure.PERCENT, {"count": 150}),
        ("100% tin báo, tố giác về mại dâm được tiếp nhận, xác minh và xử lý kịp thời", "=",
         100, None, None, Measure.PERCENT, {}),
        ("Đài Phát thanh và Truyền hình tỉnh tuyên truyền về phòng, chống mại dâm ít nhất "
         "2 lần/tháng", ">=", 2, None, None, Measure.TIMES_PER_MONTH, {}),
        ("Số tụ điểm mại dâm công cộng tái hoạt động không quá 3 tụ điểm", "<=", 3, None,
         None, Measure.COUNT, {}),
    ]  # fmt: skip
    for order, (statement, comparator, value, low, high, measure, also) in enumerate(targets):
        Target.objects.create(
            plan=plan,
            order=order,
            statement=statement,
            comparator=comparator,
            value=value,
            low=low,
            high=high,
            measure=measure,
            also=also,
        )
    inspect = Task.objects.create(
        plan=plan,
        order=1,
        text="Chỉ đạo Đội kiểm tra liên ngành 178 tỉnh kiểm tra từ 30 đến 50 cơ sở kinh "
        "doanh dịch vụ",
        lead=world.th_health,
        when="Quý II năm 2026",
    )
    inspect.coordinating.set([world.th_police])
    # the target this task carries, given to the same agency
    Target.objects.create(
        plan=plan,
        order=9,
        statement="kiểm tra từ 30 đến 50 cơ sở kinh doanh dịch vụ",
        comparator=Comparator.BETWEEN,
        low=30,
        high=50,
        measure=Measure.COUNT,
        agency=world.th_health,
    )
    Task.objects.create(
        plan=plan,
        order=2,
        text="Đấu tranh, triệt phá các đường dây mại dâm có tổ chức",
        lead=world.th_police,
    )
    Task.objects.create(
        plan=plan,
        order=3,
        text="Tuyên truyền, phổ biến pháp luật về phòng, chống mại dâm cho người lao động",
        lead_name="Sở Tư pháp",
        coordinating_names=["Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân các xã, phường"],
    )
    Task.objects.create(
        plan=plan,
        order=4,
        text="Rà soát, thống kê các cơ sở kinh doanh dịch vụ dễ bị lợi dụng",
        lead=world.th_health,
    )
    return plan


def stored_targets(plan) -> Counter:
    out = Counter()
    for t in plan.targets.all():
        found = {
            "comparator": t.comparator,
            "value": t.value,
            "low": t.low,
            "high": t.high,
            "unit": t.measure,
            "also": t.also,
            "agency": t.agency.name if t.agency else t.agency_name,
        }
        out[figures(found)] += 1
    return out


def stored_assignments(plan) -> Counter:
    out = Counter()
    for t in plan.tasks.all():
        coordinating = t.coordinating_names or [a.name for a in t.coordinating.all()]
        out[
            assignment(
                {"lead": t.lead.name if t.lead else t.lead_name, "coordinating": coordinating}
            )
        ] += 1
    return out


def test_the_targets_come_back_with_their_comparator_figures_and_unit(plan):
    back = read_back(plan)
    assert Counter(map(figures, back["targets"])) == stored_targets(plan)


def test_the_assignments_come_back_with_lead_and_coordinating_agencies(plan):
    back = read_back(plan)
    assert Counter(map(assignment, back["tasks"])) == stored_assignments(plan)
    assert assignment(back["tasks"][0]) == json.dumps(
        ["Sở Y tế", ["Công an tỉnh Thanh Hóa"]], ensure_ascii=False
    )


def test_the_head_and_the_signature_come_back(plan):
    back = read_back(plan)
    assert back["kind"] == "plan"
    assert back["title"] == plan.title
    assert back["number"] == "12/KH-UBND"
    assert back["date"] == "2026-01-05"
    assert back["unit"]["name"] == "Thanh Hóa"
    assert back["unit"]["level"] == "province"
    assert back["signer"] == "Lê Văn Thi"
    assert back["signature"] == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"


def test_corrected_figures_are_written_instead_of_the_old_ones(plan):
    target = plan.targets.get(comparator=Comparator.BETWEEN, agency=None)
    target.low, target.high = 90, 140  # corrected on the review screen, statement unchanged
    target.save()
    back = read_back(plan)
    ranges = [(t["low"], t["high"]) for t in back["targets"] if t["comparator"] == "between"]
    assert (90, 140) in ranges
    assert (80, 130) not in ranges


def test_a_target_given_to_an_agency_alone_keeps_its_agency(world, plan):
    Target.objects.create(
        plan=plan,
        order=20,
        statement="Tổ chức ít nhất 4 lớp tập huấn cho cán bộ làm công tác phòng, chống mại dâm",
        comparator=Comparator.AT_LEAST,
        value=4,
        measure=Measure.COUNT,
        agency_name="Sở Lao động - Thương binh và Xã hội",
    )
    back = read_back(plan)
    assert Counter(map(figures, back["targets"])) == stored_targets(plan)


@pytest.mark.parametrize("seed", sorted(SEED_UNITS))
def test_a_seed_plan_saved_then_exported_reads_back_the_same(world, seed):
    draft = parse_plan(read_document(SEEDS / seed)).to_dict()
    unit = getattr(world, SEED_UNITS[seed])
    plan = plan_create_from_draft(draft=draft, unit=unit)
    back = read_back(plan)
    assert draft["targets"] or draft["kind"] == "directive"
    assert Counter(map(figures, back["targets"])) == Counter(map(figures, draft["targets"]))
    assert Counter(map(assignment, back["tasks"])) == Counter(map(assignment, draft["tasks"]))
    assert back["kind"] == draft["kind"]
    assert set(back["bases"]) == set(draft["bases"])
    assert back["signer"] == draft["signer"]
    assert (back["unit"]["name"], back["unit"]["level"]) == (unit.name, unit.level)
