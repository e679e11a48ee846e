"""What the importer reads beyond the numbers is kept on the plan: the standing agency and
the reporting duties, shown on the plan's page, and the limits its targets' sentences
state (a team, 'each commune', a horizon year)."""

import os
from pathlib import Path

import pytest

from lanhmanh.plans.importer import parse_plan, read_document
from lanhmanh.plans.limits import target_limits_read
from lanhmanh.plans.models import Plan, Target
from lanhmanh.plans.services import plan_copy_to_next_year, plan_create_from_draft

SEEDS = Path(
    os.environ.get("LANHMANH_SEEDS_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
)


def seed_draft(prefix):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return parse_plan(read_document(path.read_bytes(), path.name)).to_dict()


@pytest.mark.django_db
def test_seed_000_keeps_its_standing_agency_reporting_and_horizon(world, client_for):
    # The 2018 plan of the province as it was then, with its labour department.
    plan = plan_create_from_draft(
        draft=seed_draft("000"), unit=world.old_thanh_hoa, user=world.th_coordinator
    )
    assert plan.year_from == plan.year_to == 2018
    assert plan.standing_agency == world.old_th_labour
    assert plan.standing_agency_name == "Sở Lao động - Thương binh và Xã hội"
    assert plan.reporting_periods == ["semiannual", "annual"]
    horizon = plan.targets.get(quote__startswith="đến năm 2020")
    assert horizon.horizon_year == 2020
    assert plan.targets.exclude(pk=horizon.pk).filter(horizon_year__isnull=False).count() == 0
    html = client_for(world.th_coordinator).get(plan.get_absolute_url()).content.decode()
    assert "Sở Lao động - Thương binh và Xã hội" in html
    assert "6 tháng, hằng năm" in html
    assert 'data-limit="horizon"' in html

    # A copy to 2019 keeps the horizon (2020 is still beyond it); later copies drop it.
    copy = plan_copy_to_next_year(plan=plan)
    assert copy.targets.get(quote__startswith="đến năm 2020").horizon_year == 2020
    later = plan_copy_to_next_year(plan=plan_copy_to_next_year(plan=copy))
    assert later.targets.get(quote__startswith="đến năm 2020").horizon_year is None


@pytest.mark.django_db
def test_seed_003_target_is_asked_of_each_commune(world):
    draft = seed_draft("003")
    draft["year"] = 2026
    plan = plan_create_from_draft(draft=draft, unit=world.thanh_hoa, user=world.th_coordinator)
    target = plan.targets.get()
    assert target.each_level == "commune"
    assert target.limit_team is None and target.limit_agency is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sentence", "each", "agency"),
    [
        ("Mỗi xã, phường tổ chức ít nhất 2 buổi tuyên truyền", "commune", False),
        ("Công an tỉnh phát hiện, xử lý từ 10 đến 20 vụ", "", True),
        ("Chỉ đạo Công an tỉnh phát hiện ít nhất 10 vụ", "", True),
        ("Phối hợp với Công an tỉnh khảo sát 30 cơ sở", "", False),
        ("Tổ chức 12 lớp tập huấn", "", False),
    ],
)
def test_limits_read_from_a_sentence(world, sentence, each, agency):
    plan = Plan.objects.create(unit=world.thanh_hoa, year_from=2026, year_to=2026, title="KH")
    target = Target(plan=plan, statement=sentence, quote=sentence, comparator=">=", value=1)
    target_limits_read(target, plan)
    assert target.each_level == each
    assert (target.limit_agency == world.th_police) is agency
