"""``manage.py load_units``: the real map from the vietnam-provinces package.

Never the whole country here: new Bắc Ninh (24, formed from old Bắc Giang 24 and old Bắc
Ninh 27) and, for a split commune, Cao Bằng (04). Expected figures are read from the
package through its public API, not through the loader.
"""

import datetime
import io

import pytest
import vietnam_provinces as vp
from django.core.management import CommandError, call_command
from vietnam_provinces import legacy
from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW as WARD_TABLE

from lanhmanh.geography.loading import (
    ERR_UNKNOWN_PROVINCE,
    LEGAL_BASIS_PROVINCES,
    units_load,
)
from lanhmanh.geography.models import AdministrativeUnit, ChangeKind, UnitChange

REFORM = datetime.date(2025, 7, 1)
LAST_OLD_DAY = datetime.date(2025, 6, 30)
# Reading what is there, the savepoints of the command and of the service, and the read of
# existing changes: a re-run must not grow with the number of units.
QUERIES_ON_RERUN = 4


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_units", *args, stdout=out)
    return out.getvalue()


def units(path_prefix: str, level: str):
    return AdministrativeUnit.objects.filter(path__startswith=path_prefix, level=level)


def expected_bac_ninh() -> dict[str, int]:
    old = [legacy.ProvinceCode(24), legacy.ProvinceCode(27)]
    return {
        "new_communes": sum(1 for _ in vp.Ward.iter_by_province(vp.ProvinceCode(24))),
        "old_districts": sum(len(list(legacy.District.iter_by_province(p))) for p in old),
        "old_communes": sum(len(list(legacy.Ward.iter_by_province(p))) for p in old),
    }


@pytest.fixture
def bac_ninh(db):
    return units_load(provinces=["24"])


def test_it_loads_the_province_and_the_old_provinces_that_became_it(bac_ninh):
    expected = expected_bac_ninh()
    assert units("2025/", "province").count() == 1
    assert units("2025/24/", "commune").count() == expected["new_communes"]
    assert list(units("2004/", "province").values_list("code", flat=True)) == ["24", "27"]
    assert units("2004/", "district").count() == expected["old_districts"]
    assert units("2004/", "commune").count() == expected["old_communes"]
    assert bac_ninh.created == 1 + 2 + sum(expected.values())


def test_it_stores_names_without_the_kind_and_codes_as_officially_written(bac_ninh):
    old = AdministrativeUnit.objects.get(path="2004/24/")
    assert (old.name, old.kind, old.valid_from, old.valid_to) == (
        "Bắc Giang",
        "tinh",
        None,
        LAST_OLD_DAY,
    )
    new = AdministrativeUnit.objects.get(path="2025/24/")
    assert (new.name, new.valid_from, new.valid_to) == ("Bắc Ninh", REFORM, None)
    city = AdministrativeUnit.objects.get(scheme="2004", level="district", code="213")
    assert (city.name, city.kind, city.path) == ("Bắc Giang", "thanh_pho", "2004/24/213/")
    prefixes = ("Xã ", "Phường ", "Thị trấn ", "Huyện ", "Thành phố ", "Thị xã ", "Tỉnh ")
    assert not [u.name for u in AdministrativeUnit.objects.all() if u.name.startswith(prefixes)]
    assert {len(c) for c in units("2004/", "commune").values_list("code", flat=True)} == {5}
    assert {len(c) for c in units("2025/", "commune").values_list("code", flat=True)} == {5}


def test_it_links_old_bac_giang_and_old_bac_ninh_to_new_bac_ninh(bac_ninh):
    change = UnitChange.objects.get(predecessor__path="2004/24/", successor__path="2025/24/")
    assert (change.kind, change.partial, change.effective_on) == (ChangeKind.MERGE, False, REFORM)
    assert change.legal_basis == LEGAL_BASIS_PROVINCES
    assert UnitChange.objects.filter(
        predecessor__path="2004/27/", successor__path="2025/24/"
    ).exists()


def test_every_old_commune_points_at_its_new_communes(bac_ninh):
    pairs = sum(
        len(e.new_wards) for e in WARD_TABLE.values() if e.old_ward.province_code in (24, 27)
    )
    changes = UnitChange.objects.filter(predecessor__level="commune")
    assert changes.count() == pairs
    assert "cấp xã" in changes.first().legal_basis


def test_every_old_district_is_abolished_into_the_new_province(bac_ninh):
    districts = units("2004/", "district")
    abolished = UnitChange.objects.filter(
        predecessor__in=districts, successor__path="2025/24/", kind=ChangeKind.ABOLISH
    )
    assert abolished.count() == districts.count() > 0


def test_a_split_commune_has_several_partial_successors(db):
    split = next(
        e for e in WARD_TABLE.values() if e.old_ward.province_code == 4 and len(e.new_wards) > 1
    )
    units_load(provinces=["04"])
    changes = UnitChange.objects.filter(
        predecessor__scheme="2004", predecessor__code=f"{split.old_ward.code:05d}"
    )
    assert sorted(changes.values_list("successor__code", flat=True)) == sorted(
        f"{n.code:05d}" for n in split.new_wards
    )
    assert {(c.kind, c.partial) for c in changes} == {(ChangeKind.SPLIT, True)}


def test_a_second_run_changes_nothing_in_a_fixed_number_of_queries(
    bac_ninh, django_assert_num_queries
):
    before = set(UnitChange.objects.values_list("pk", "kind", "partial", "legal_basis"))
    with django_assert_num_queries(QUERIES_ON_RERUN):
        again = units_load(provinces=["24"])
    assert (again.created, again.updated, again.retired_count) == (0, 0, 0)
    assert (again.changes_created, again.changes_updated) == (0, 0)
    assert again.unchanged == bac_ninh.created
    assert set(UnitChange.objects.values_list("pk", "kind", "partial", "legal_basis")) == before


def test_it_updates_a_name_or_kind_that_differs_from_the_package(bac_ninh):
    commune = units("2025/24/", "commune").first()
    AdministrativeUnit.objects.filter(pk=commune.pk).update(
        name="Tên cũ", search_key="ten cu", kind="thi_tran"
    )
    report = units_load(provinces=["24"])
    assert report.updated == 1
    commune.refresh_from_db()
    assert commune.search_key != "ten cu"
    assert commune.kind in ("xa", "phuong")


def test_a_unit_missing_from_the_package_is_retired_not_deleted(db):
    # The province exists before the load (an older entry) with a commune the package
    # does not list; a unit of another province must not be touched.
    province = AdministrativeUnit.objects.create(
        scheme="2025", code="24", name="Bắc Ninh", kind="tinh", level="province"
    )
    extra = AdministrativeUnit.objects.create(
        scheme="2025", code="99999", name="Ma", kind="xa", level="commune", parent=province
    )
    elsewhere = AdministrativeUnit.objects.create(
        scheme="2025", code="38", name="Thanh Hóa", kind="tinh", level="province"
    )

    out = load("--province", "24", "--retire-missing-on", "2026-01-01")

    extra.refresh_from_db()
    assert extra.valid_to == datetime.date(2026, 1, 1)
    assert "2025/24/99999/" in out
    province.refresh_from_db()
    assert (province.valid_from, province.valid_to) == (REFORM, None)
    elsewhere.refresh_from_db()
    assert elsewhere.valid_to is None
    # Retired once: a re-run does not move the date.
    assert units_load(provinces=["24"]).retired_count == 0


def test_it_prints_progress_per_level_and_a_summary(db):
    out = load("--province", "24")
    assert "Cấp tỉnh: 3 đơn vị" in out
    assert "Cấp huyện:" in out
    assert "Cấp xã:" in out
    assert "Thay đổi ngày 01/07/2025" in out
    assert "Đơn vị: tạo" in out.splitlines()[-1]


def test_a_dry_run_saves_nothing(db):
    out = load("--province", "24", "--dry-run")
    assert "Chạy thử" in out
    assert "tạo 0" not in out.splitlines()[-1]
    assert AdministrativeUnit.objects.count() == 0
    assert UnitChange.objects.count() == 0


def test_an_unknown_province_is_refused_and_nothing_is_written(db):
    with pytest.raises(CommandError) as error:
        load("--province", "24", "--province", "99")
    assert str(error.value) == ERR_UNKNOWN_PROVINCE.format(code="99")
    assert str(error.value) == "Không có tỉnh/thành phố mã 99 trong danh mục."
    assert AdministrativeUnit.objects.count() == 0


def test_a_bad_retirement_date_is_refused(db):
    with pytest.raises(CommandError):
        load("--province", "24", "--retire-missing-on", "01/01/2026")
    assert AdministrativeUnit.objects.count() == 0


def test_search_without_diacritics_finds_bac_ninh(bac_ninh):
    found = set(AdministrativeUnit.objects.search("bac ninh").values_list("path", flat=True))
    assert {"2025/24/", "2004/27/"} <= found


def test_a_subtree_is_one_prefix_query(bac_ninh, django_assert_num_queries):
    expected = expected_bac_ninh()
    province = AdministrativeUnit.objects.get(path="2025/24/")
    with django_assert_num_queries(1):
        assert AdministrativeUnit.objects.subtree_of(province).count() == (
            1 + expected["new_communes"]
        )
    old = AdministrativeUnit.objects.filter(path__startswith="2004/").count()
    assert old == 2 + expected["old_districts"] + expected["old_communes"]
