"""The register: list, filters, page, create, edit, status history, commitments."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from lanhmanh.inspections.models import Establishment, EstablishmentStatus
from lanhmanh.inspections.services.common import COMMUNE_REQUIRED, DATE_IN_FUTURE
from lanhmanh.inspections.services.establishments import (
    COMMITMENT_DATES_REVERSED,
    DUPLICATE_LICENCE,
    DUPLICATE_NAME_ADDRESS,
    STATUS_BEFORE_LAST,
)
from tests.inspections.conftest import at
from tests.queries import SIGNED_IN_REQUEST

LIST = reverse("inspections:establishment_list")


def names(response):
    return [e.name for e in response.context["page"]]


def test_the_list_shows_the_register_in_scope(world, records, client_for):
    response = client_for(world.th_leader).get(LIST)
    assert names(response) == ["Karaoke Sao Đêm", "Khách sạn Bình Minh", "Nhà nghỉ Hoa Sen"]
    assert reverse("inspections:establishment_create") not in response.content.decode()


def test_the_list_offers_adding_to_a_writer(world, records, client_for):
    page = client_for(world.th_inspector).get(LIST).content.decode()
    assert reverse("inspections:establishment_create") in page
    assert reverse("inspections:import_upload") in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "sao dem"}, ["Karaoke Sao Đêm"]),
        ({"q": "2801234567"}, ["Karaoke Sao Đêm"]),
        ({"type": "hotel"}, ["Khách sạn Bình Minh", "Nhà nghỉ Hoa Sen"]),
        ({"status": "closed"}, []),
        ({"risk": "medium"}, ["Karaoke Sao Đêm", "Khách sạn Bình Minh", "Nhà nghỉ Hoa Sen"]),
        ({"risk": "high"}, []),
    ],
)
def test_the_list_filters(world, records, client_for, params, expected):
    assert names(client_for(world.th_leader).get(LIST, params)) == expected


def test_the_list_filters_by_commune(world, records, client_for):
    response = client_for(world.th_inspector).get(LIST, {"unit": world.quang_ngoc.pk})
    assert names(response) == ["Nhà nghỉ Hoa Sen"]


def test_a_commune_outside_the_scope_filters_nothing_in(world, records, client_for):
    response = client_for(world.bn_coordinator).get(LIST, {"unit": world.quang_ngoc.pk})
    assert names(response) == ["Karaoke Lục Nam"]


def test_the_list_filters_those_not_inspected_this_year(
    world, records, record_inspection, client_for
):
    today = timezone.localdate()
    record_inspection(records.sao_dem, today)
    last_year = datetime.date(today.year - 1, 12, 20)
    record_inspection(records.binh_minh, max(last_year, records.since))
    response = client_for(world.th_leader).get(LIST, {"not_inspected": "1"})
    assert names(response) == ["Khách sạn Bình Minh", "Nhà nghỉ Hoa Sen"]


def test_the_list_runs_a_fixed_number_of_queries(
    world, records, client_for, django_assert_num_queries
):
    client = client_for(world.th_inspector)
    with django_assert_num_queries(SIGNED_IN_REQUEST + 4):
        client.get(LIST, {"not_inspected": "1"})
    for i in range(40):
        records.establishment(world.quang_ngoc, f"Quán {i:02d}", f"{i} Đường Mới")
    with django_assert_num_queries(SIGNED_IN_REQUEST + 4):
        response = client.get(LIST, {"not_inspected": "1"})
    assert len(response.context["page"]) == 43


def test_the_page_shows_the_establishment_and_its_history(world, records, client_for):
    response = client_for(world.th_leader).get(records.sao_dem.get_absolute_url())
    page = response.content.decode()
    assert "Karaoke Sao Đêm" in page
    assert "12 Lê Lợi, " in page
    assert "Chưa kiểm tra lần nào." in page
    assert reverse("inspections:inspection_create", args=[records.sao_dem.pk]) not in page
    assert list(response.context["history"])


def test_an_inspector_adds_an_establishment(world, records, client_for):
    data = {
        "unit": world.quang_ngoc.pk,
        "business_type": records.karaoke.pk,
        "name": "Karaoke  Hoàng Gia ",
        "address": "Quốc lộ 1A",
        "licence_number": "2809999999",
        "licence_date": "2024-05-02",
        "owner_name": "Lê Thị Chủ",
        "risk_level": "high",
    }
    response = client_for(world.th_inspector).post(
        reverse("inspections:establishment_create"), data
    )
    created = Establishment.objects.get(licence_number="2809999999")
    assert response["Location"] == created.get_absolute_url()
    assert created.name == "Karaoke  Hoàng Gia"
    assert created.status_since == datetime.date(2024, 5, 2)
    assert created.status_changes.get().status == EstablishmentStatus.OPERATING
    assert LogEntry.objects.get_for_object(created).filter(action=LogEntry.Action.CREATE)


def test_a_commune_outside_the_writers_scope_is_not_offered(world, records, client_for):
    data = {"unit": world.luc_nam.pk, "business_type": records.karaoke.pk, "name": "X"}
    response = client_for(world.th_inspector).post(
        reverse("inspections:establishment_create"), {**data, "address": "1"}
    )
    assert "unit" in response.context["form"].errors
    assert not Establishment.objects.filter(name="X").exists()


def test_only_a_current_commune_takes_establishments(world, records):
    from django.core.exceptions import ValidationError

    from lanhmanh.inspections import services

    with pytest.raises(ValidationError) as error:
        services.establishment_create(
            unit=world.thanh_hoa,
            by=world.th_inspector,
            business_type=records.karaoke,
            name="Tỉnh",
            address="1",
        )
    assert error.value.message_dict["unit"] == [str(COMMUNE_REQUIRED)]


@pytest.mark.parametrize(
    ("name", "address", "licence", "message"),
    [
        ("karaoke sao dem", "12 Le Loi", "", DUPLICATE_NAME_ADDRESS),
        ("Quán mới", "3 Hàm Nghi", "2801234567", DUPLICATE_LICENCE),
    ],
)
def test_a_duplicate_is_refused(world, records, client_for, name, address, licence, message):
    data = {
        "unit": world.hac_thanh.pk,
        "business_type": records.karaoke.pk,
        "name": name,
        "address": address,
        "licence_number": licence,
        "risk_level": "medium",
    }
    response = client_for(world.th_inspector).post(
        reverse("inspections:establishment_create"), data
    )
    expected = str(message) % {"name": "Karaoke Sao Đêm", "unit": world.hac_thanh}
    assert expected in response.content.decode()
    assert Establishment.objects.filter(unit=world.hac_thanh).count() == 2


def test_the_same_name_and_address_in_another_commune_is_not_a_duplicate(world, records):
    other = records.establishment(world.quang_ngoc, "Karaoke Sao Đêm", "12 Lê Lợi")
    assert other.pk


def test_an_inspector_edits_an_establishment(world, records, client_for):
    url = reverse("inspections:establishment_update", args=[records.sao_dem.pk])
    data = {
        "business_type": records.karaoke.pk,
        "name": "Karaoke Sao Đêm Mới",
        "address": "12 Lê Lợi",
        "licence_number": "2801234567",
        "risk_level": "high",
        "version": records.sao_dem.version,
    }
    response = client_for(world.th_inspector).post(url, data)
    assert response.status_code == 302
    records.sao_dem.refresh_from_db()
    assert records.sao_dem.risk_level == "high"
    entry = LogEntry.objects.get_for_object(records.sao_dem).filter(action=LogEntry.Action.UPDATE)
    assert set(entry.get().changes_dict) == {"name", "risk_level"}
    page = client_for(world.th_leader).get(records.sao_dem.get_absolute_url()).content.decode()
    assert "Sửa: tên cơ sở, mức độ nguy cơ" in page or "Sửa: mức độ nguy cơ, tên cơ sở" in page


def test_a_status_change_is_kept_in_the_history(world, records, client_for):
    url = reverse("inspections:establishment_status", args=[records.sao_dem.pk])
    client = client_for(world.th_inspector)
    client.post(url, {"status": "suspended", "since": "2025-10-01", "note": "Sửa chữa"})
    response = client.post(url, {"status": "closed", "since": "2025-09-01"})
    expected = str(STATUS_BEFORE_LAST) % {"date": "01/10/2025"}
    assert expected in response.content.decode()
    records.sao_dem.refresh_from_db()
    assert records.sao_dem.status == "suspended"
    assert [c.status for c in records.sao_dem.status_changes.all()] == ["suspended", "operating"]


def test_a_commitment_is_recorded(world, records, client_for):
    url = reverse("inspections:commitment_add", args=[records.sao_dem.pk])
    client = client_for(world.th_inspector)
    data = {"signed_on": "2025-09-01", "signed_by": "Nguyễn Văn Chủ", "valid_until": "2025-08-01"}
    assert str(COMMITMENT_DATES_REVERSED) in client.post(url, data).content.decode()
    data["valid_until"] = "2026-12-31"
    assert client.post(url, data).status_code == 302
    page = client.get(records.sao_dem.get_absolute_url()).content.decode()
    assert "Nguyễn Văn Chủ" in page


def test_a_commitment_cannot_be_signed_in_the_future(world, records, client_for):
    url = reverse("inspections:commitment_add", args=[records.sao_dem.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(world.th_inspector).post(
        url, {"signed_on": tomorrow.isoformat(), "signed_by": "A"}
    )
    assert str(DATE_IN_FUTURE) in response.content.decode()


def test_the_page_lists_inspections_with_violations(world, records, record_inspection, client_for):
    from lanhmanh.inspections.models import Sanction

    record_inspection(
        records.sao_dem,
        timezone.localdate(),
        violations=[
            {"violation_type": records.conceal, "sanction": Sanction.FINE, "fine_vnd": 7_500_000}
        ],
    )
    page = client_for(world.th_leader).get(records.sao_dem.get_absolute_url()).content.decode()
    assert "Che giấu, bảo kê hoạt động mại dâm" in page
    assert "7.500.000" in page
    assert timezone.localtime(at(timezone.localdate())).strftime("%d/%m/%Y") in page
