"""The demo's sample plans: the five seeds imported on the real map of their provinces,
each on the unit that issued it as the map was then, issued, and only once."""

import shutil

from lanhmanh.geography.models import Scheme
from lanhmanh.plans.demo import SEEDS_ENV, plans_demo_build
from lanhmanh.plans.models import Plan, PlanStatus
from tests.plans.test_importer_gold import SEEDS


def where(plan):
    unit = plan.unit
    return (unit.scheme, unit.kind, unit.name, unit.parent.name if unit.parent else None)


def test_the_five_seeds_attach_to_the_units_that_issued_them(real_map, db):
    plans = plans_demo_build(SEEDS)
    assert [p.unit.level for p in plans] == ["province"] + ["district"] * 4
    assert [where(p) for p in plans] == [
        (Scheme.LEGACY, "tinh", "Thanh Hóa", None),
        (Scheme.LEGACY, "quan", "Ba Đình", "Hà Nội"),
        (Scheme.LEGACY, "huyen", "Tân Châu", "Tây Ninh"),
        (Scheme.LEGACY, "huyen", "Lục Nam", "Bắc Giang"),
        (Scheme.LEGACY, "huyen", "Lập Thạch", "Vĩnh Phúc"),
    ]
    assert [p.year_from for p in plans] == [2018, 2021, 2023, 2022, 2021]
    assert {p.status for p in plans} == {PlanStatus.ISSUED}
    thanh_hoa, ba_dinh = plans[0], plans[1]
    assert thanh_hoa.targets.count() >= 9
    # the 'one section per agency' plans come with their tasks
    assert thanh_hoa.tasks.filter(lead_name="Công an tỉnh").exists()
    assert ba_dinh.tasks.filter(lead_name="UBND các phường").exists()
    assert "Tổ chức thực hiện".upper() in thanh_hoa.source_text.upper()


def test_running_it_again_adds_nothing(real_map, db, django_user_model):
    user = django_user_model.objects.create_user(username="demo_admin_test")
    first = plans_demo_build(SEEDS, user=user)
    again = plans_demo_build(SEEDS)
    assert [p.pk for p in again] == [p.pk for p in first]
    assert Plan.objects.count() == 5
    assert {p.created_by for p in Plan.objects.all()} == {user}


def test_the_folder_comes_from_the_environment(real_map, db, monkeypatch):
    monkeypatch.setenv(SEEDS_ENV, str(SEEDS))
    assert len(plans_demo_build(None)) == 5


def test_else_from_the_shared_folder_beside_the_repository(
    real_map, db, monkeypatch, settings, tmp_path
):
    monkeypatch.delenv(SEEDS_ENV, raising=False)
    settings.BASE_DIR = tmp_path / "repo"
    (tmp_path / "shared" / "seeds").mkdir(parents=True)
    [seed] = SEEDS.glob("001_*.txt")
    shutil.copy(seed, tmp_path / "shared" / "seeds" / seed.name)
    [plan] = plans_demo_build(None)
    assert where(plan) == (Scheme.LEGACY, "quan", "Ba Đình", "Hà Nội")


def test_without_a_folder_nothing_is_built(real_map, db, monkeypatch, settings, tmp_path):
    assert plans_demo_build(tmp_path / "missing") == []
    monkeypatch.delenv(SEEDS_ENV, raising=False)
    settings.BASE_DIR = tmp_path / "repo"
    assert plans_demo_build(None) == []
    assert Plan.objects.count() == 0


def test_a_document_of_a_unit_not_loaded_is_skipped(real_map, db, tmp_path):
    (tmp_path / "a.txt").write_text(
        "ỦY BAN NHÂN DÂN\nXÃ KHÔNG CÓ THẬT\n\nKẾ HOẠCH\nPhòng, chống mại dâm năm 2024\n\n"
        "I. CHỈ TIÊU\n- Kiểm tra ít nhất 5 cơ sở.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    assert plans_demo_build(tmp_path) == []
    assert Plan.objects.count() == 0
