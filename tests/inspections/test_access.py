"""Every view of the module: 404 outside the scope (or without the module), 403 for the
read-only leader on every page that writes, and lists that show nothing of Thanh Hóa to
an outsider."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from lanhmanh.inspections import services
from lanhmanh.inspections.importing import establishments_import_parse
from lanhmanh.inspections.models import EstablishmentImport
from tests.conftest import kept
from tests.inspections.conftest import at
from tests.inspections.test_import import sheet_rows, workbook


@kept("records")
def objects(world, records):
    def record_inspection(establishment, day):
        return services.inspection_record(
            establishment=establishment, team=world.th_team, by=world.th_inspector,
            started_at=at(day), members_present=records.members,
        )  # fmt: skip

    inspection = record_inspection(records.sao_dem, datetime.date(2026, 1, 10))
    plan = services.inspection_plan_create(
        team=world.th_team,
        by=world.th_inspector,
        title="Kế hoạch quý I",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        establishments=[records.sao_dem],
    )
    hotspot = services.hotspot_create(
        unit=world.hac_thanh, by=world.th_inspector, name="Bờ sông", on=datetime.date(2025, 9, 1)
    )
    commitment = services.commitment_add(
        establishment=records.sao_dem,
        signed_on=datetime.date(2025, 9, 1),
        signed_by="Nguyễn Văn Chủ",
        document=ContentFile(b"%PDF-1.4", name="cam-ket.pdf"),
    )
    import_ = establishments_import_parse(
        content=workbook([["Karaoke Mới", "Karaoke", "1 Nguyễn Trãi", "Hạc Thành"]]),
        file_name="ds.xlsx",
        unit=world.thanh_hoa,
        by=world.th_inspector,
    )
    return {
        "e": records.sao_dem.pk,
        "i": inspection.pk,
        "p": plan.pk,
        "h": hotspot.pk,
        "c": commitment.pk,
        "imp": import_.pk,
        "t": world.th_team.pk,
    }


# (url name, key of the object in ``objects`` or None)
OBJECT_READS = [
    ("establishment_detail", "e"),
    ("inspection_detail", "i"),
    ("plan_detail", "p"),
    ("hotspot_detail", "h"),
    ("commitment_document", "c"),
]
OBJECT_WRITES = [
    ("establishment_update", "e"),
    ("establishment_status", "e"),
    ("commitment_add", "e"),
    ("inspection_create", "e"),
    ("plan_approve", "p"),
    ("plan_create", "t"),
    ("hotspot_status", "h"),
    ("import_review", "imp"),
]
LISTS = [
    "establishment_list",
    "establishment_export",
    "inspection_list",
    "followup_list",
    "plan_list",
    "hotspot_list",
]
CREATES = ["establishment_create", "hotspot_create", "import_upload"]


def url(name, objects, key=None):
    return reverse(f"inspections:{name}", args=[objects[key]] if key else [])


@pytest.mark.parametrize(("name", "key"), OBJECT_READS + OBJECT_WRITES)
@pytest.mark.parametrize("who", ["bn_coordinator", "nobody", "th_tips", "hac_thanh_officer"])
def test_it_returns_404_outside_the_scope(world, objects, client_for, name, key, who):
    client = client_for(getattr(world, who))
    assert client.get(url(name, objects, key)).status_code == 404
    assert client.post(url(name, objects, key), {}).status_code == 404


@pytest.mark.parametrize("name", LISTS + CREATES)
@pytest.mark.parametrize("who", ["nobody", "th_tips"])
def test_the_module_does_not_exist_for_roles_without_it(world, objects, client_for, name, who):
    assert client_for(getattr(world, who)).get(url(name, objects)).status_code == 404


@pytest.mark.parametrize(("name", "key"), OBJECT_WRITES)
def test_it_refuses_writes_to_the_read_only_leader(world, objects, client_for, name, key):
    client = client_for(world.th_leader)
    assert client.get(url(name, objects, key)).status_code == 403
    assert client.post(url(name, objects, key), {}).status_code == 403


@pytest.mark.parametrize("name", CREATES)
def test_it_refuses_creating_to_the_read_only_leader(world, objects, client_for, name):
    client = client_for(world.th_leader)
    assert client.get(url(name, objects)).status_code == 403
    assert client.post(url(name, objects), {}).status_code == 403


@pytest.mark.parametrize(("name", "key"), OBJECT_READS)
def test_the_leader_reads_every_page(world, objects, client_for, name, key):
    assert client_for(world.th_leader).get(url(name, objects, key)).status_code == 200


@pytest.mark.parametrize("name", [n for n in LISTS if n != "establishment_export"])
def test_lists_show_an_outsider_nothing_of_thanh_hoa(world, objects, client_for, name):
    response = client_for(world.bn_coordinator).get(url(name, objects))
    assert response.status_code == 200
    for secret in ("Karaoke Sao Đêm", "Bờ sông", "Kế hoạch quý I"):
        assert secret not in response.content.decode()


def test_the_export_gives_an_outsider_only_their_own_establishments(world, objects, client_for):
    response = client_for(world.bn_coordinator).get(url("establishment_export", objects))
    assert [row[0] for row in sheet_rows(response.content)[1:]] == ["Karaoke Lục Nam"]


def test_an_outsider_cannot_import_into_a_unit_outside_the_scope(world, objects, client_for):
    from tests.inspections.test_import import upload

    response = client_for(world.bn_coordinator).post(
        reverse("inspections:import_upload"),
        {"unit": world.thanh_hoa.pk, "file": upload([["X", "Karaoke", "1", "Hạc Thành"]])},
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not EstablishmentImport.objects.filter(created_by=world.bn_coordinator).exists()
