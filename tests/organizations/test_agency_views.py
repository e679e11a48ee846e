"""Agency screens: list, detail, create, edit, the usual agencies, the standing agency."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from lanhmanh.organizations.models import Agency, Sector, StandingAgency
from lanhmanh.organizations.services import (
    AGENCY_NAME_TAKEN,
    STANDING_AGENCY_ALREADY,
    STANDING_AGENCY_TOO_EARLY,
    agencies_usual_preview,
)
from tests.queries import SIGNED_IN_REQUEST


def html(response) -> str:
    return response.content.decode()


def sector(code):
    return Sector.objects.get(code=code)


def audit_entries(obj):
    return LogEntry.objects.get_for_object(obj)


# List


def test_the_list_shows_the_agencies_in_scope_only(world, client_for):
    response = client_for(world.th_coordinator).get(reverse("organizations:agency_list"))
    assert response.status_code == 200
    assert "Công an phường Hạc Thành" in html(response)
    assert world.bn_health.get_absolute_url() not in html(response)


def test_the_list_searches_without_diacritics(world, client_for):
    response = client_for(world.th_coordinator).get(
        reverse("organizations:agency_list"), {"q": "cong an phuong hac thanh"}
    )
    assert "Công an phường Hạc Thành" in html(response)
    assert "Công an tỉnh Thanh Hóa" not in html(response)


def test_the_list_filters_by_unit_subtree(world, client_for):
    response = client_for(world.th_coordinator).get(
        reverse("organizations:agency_list"), {"unit": world.hac_thanh.pk}
    )
    page = html(response)
    assert "Công an phường Hạc Thành" in page
    assert world.th_health.get_absolute_url() not in page


def test_a_unit_filter_outside_the_scope_shows_nothing(world, client_for):
    response = client_for(world.bn_coordinator).get(
        reverse("organizations:agency_list"), {"unit": world.thanh_hoa.pk}
    )
    assert response.status_code == 200
    assert world.th_health.get_absolute_url() not in html(response)
    assert world.bn_health.get_absolute_url() not in html(response)


def test_pagination_keeps_the_filters(world, client_for):
    for i in range(60):
        Agency.objects.create(unit=world.quang_ngoc, sector=sector("police"), name=f"Tổ {i:02d}")
    response = client_for(world.th_coordinator).get(
        reverse("organizations:agency_list"), {"q": "to", "sector": "police"}
    )
    assert "?q=to&amp;sector=police&amp;page=2" in html(response)


def test_the_list_runs_a_fixed_number_of_queries(world, client_for, django_assert_num_queries):
    client = client_for(world.th_coordinator)
    with django_assert_num_queries(SIGNED_IN_REQUEST + 3):
        client.get(reverse("organizations:agency_list"))
    for i in range(60):
        Agency.objects.create(unit=world.quang_ngoc, sector=sector("health"), name=f"Tổ {i:02d}")
    with django_assert_num_queries(SIGNED_IN_REQUEST + 3):
        response = client.get(reverse("organizations:agency_list"))
    assert response.status_code == 200


def test_the_list_is_empty_for_a_user_without_membership(world, client_for):
    response = client_for(world.nobody).get(reverse("organizations:agency_list"))
    assert "Không có cơ quan nào." in html(response)


def test_the_unit_search_offers_units_in_scope_only(world, client_for):
    url = reverse("organizations:unit_options")
    response = client_for(world.th_coordinator).get(url, {"unit_q": "quang"})
    assert "Quảng Ngọc" in html(response)
    response = client_for(world.th_coordinator).get(url, {"unit_q": "luc nam"})
    assert "Lục Nam" not in html(response)


# Detail


def test_the_detail_offers_editing_to_a_writer(world, client_for):
    response = client_for(world.th_coordinator).get(world.th_health.get_absolute_url())
    assert response.status_code == 200
    assert reverse("organizations:agency_update", args=[world.th_health.pk]) in html(response)


def test_the_detail_offers_no_editing_to_a_leader(world, client_for):
    response = client_for(world.th_leader).get(world.th_health.get_absolute_url())
    assert response.status_code == 200
    assert reverse("organizations:agency_update", args=[world.th_health.pk]) not in html(response)


@pytest.mark.parametrize("who", ["bn_coordinator", "nobody"])
def test_the_detail_returns_404_outside_the_scope(world, client_for, who):
    response = client_for(getattr(world, who)).get(world.th_health.get_absolute_url())
    assert response.status_code == 404


# Create


def agency_data(**extra):
    data = {"name": "Sở Tư pháp", "short_name": "STP", "sector": sector("justice").pk}
    return {**data, "is_active": "on", **extra}


def test_a_coordinator_creates_an_agency_at_their_unit(world, client_for):
    url = reverse("organizations:agency_create", args=[world.thanh_hoa.pk])
    response = client_for(world.th_coordinator).post(url, agency_data())
    agency = Agency.objects.get(unit=world.thanh_hoa, name="Sở Tư pháp")
    assert response.status_code == 302
    assert response["Location"] == agency.get_absolute_url()
    assert agency.short_name == "STP"
    assert audit_entries(agency).filter(action=LogEntry.Action.CREATE).exists()


def test_a_duplicate_name_is_refused(world, client_for):
    url = reverse("organizations:agency_create", args=[world.thanh_hoa.pk])
    response = client_for(world.th_coordinator).post(url, agency_data(name="Sở Y tế"))
    assert response.status_code == 200
    assert str(AGENCY_NAME_TAKEN) in html(response)
    assert Agency.objects.filter(unit=world.thanh_hoa, name="Sở Y tế").count() == 1


def test_a_missing_sector_is_refused(world, client_for):
    url = reverse("organizations:agency_create", args=[world.thanh_hoa.pk])
    response = client_for(world.th_coordinator).post(url, agency_data(sector=""))
    assert response.status_code == 200
    assert not Agency.objects.filter(name="Sở Tư pháp").exists()


def test_a_leader_cannot_create_an_agency(world, client_for):
    url = reverse("organizations:agency_create", args=[world.thanh_hoa.pk])
    response = client_for(world.th_leader).post(url, agency_data())
    assert response.status_code == 403
    assert not Agency.objects.filter(name="Sở Tư pháp").exists()


@pytest.mark.parametrize("who", ["bn_coordinator", "nobody"])
def test_creating_returns_404_outside_the_scope(world, client_for, who):
    url = reverse("organizations:agency_create", args=[world.thanh_hoa.pk])
    response = client_for(getattr(world, who)).post(url, agency_data())
    assert response.status_code == 404
    assert not Agency.objects.filter(name="Sở Tư pháp").exists()


def test_a_commune_officer_cannot_create_at_the_province(world, client_for):
    url = reverse("organizations:agency_create", args=[world.thanh_hoa.pk])
    response = client_for(world.hac_thanh_officer).post(url, agency_data())
    assert response.status_code == 404


# Edit


def test_a_coordinator_edits_an_agency(world, client_for):
    url = reverse("organizations:agency_update", args=[world.th_police.pk])
    data = {
        "name": "Công an tỉnh Thanh Hóa",
        "short_name": "CA",
        "sector": sector("police").pk,
        "version": world.th_police.version,
    }
    response = client_for(world.th_coordinator).post(url, data)
    assert response.status_code == 302
    world.th_police.refresh_from_db()
    assert world.th_police.short_name == "CA"
    assert world.th_police.is_active is False  # the box was left unticked
    assert audit_entries(world.th_police).filter(action=LogEntry.Action.UPDATE).exists()


def test_the_edit_form_is_filled_in(world, client_for):
    url = reverse("organizations:agency_update", args=[world.th_police.pk])
    response = client_for(world.th_coordinator).get(url)
    assert 'value="Công an tỉnh Thanh Hóa"' in html(response)


def test_a_leader_cannot_edit_an_agency(world, client_for):
    url = reverse("organizations:agency_update", args=[world.th_police.pk])
    data = {"name": "Đổi tên", "sector": sector("police").pk, "is_active": "on"}
    response = client_for(world.th_leader).post(url, data)
    assert response.status_code == 403
    world.th_police.refresh_from_db()
    assert world.th_police.name == "Công an tỉnh Thanh Hóa"


@pytest.mark.parametrize("who", ["bn_coordinator", "nobody"])
def test_editing_returns_404_outside_the_scope(world, client_for, who):
    url = reverse("organizations:agency_update", args=[world.th_police.pk])
    response = client_for(getattr(world, who)).get(url)
    assert response.status_code == 404


# The usual agencies


def test_the_usual_agencies_are_listed_before_creation(world, client_for):
    url = reverse("organizations:agencies_create_usual", args=[world.quang_ngoc.pk])
    response = client_for(world.th_coordinator).get(url)
    assert response.status_code == 200
    assert "Ủy ban nhân dân xã Quảng Ngọc" in html(response)
    assert not Agency.objects.filter(unit=world.quang_ngoc).exists()


def test_creating_the_usual_agencies_reports_the_count(world, client_for):
    url = reverse("organizations:agencies_create_usual", args=[world.quang_ngoc.pk])
    expected = len(agencies_usual_preview(unit=world.quang_ngoc))
    response = client_for(world.th_coordinator).post(url, follow=True)
    assert Agency.objects.filter(unit=world.quang_ngoc).count() == expected > 0
    assert f"Đã tạo {expected} cơ quan." in html(response)
    standing = StandingAgency.objects.get(unit=world.quang_ngoc)
    assert standing.agency.name == "Phòng Văn hóa - Xã hội xã Quảng Ngọc"
    assert LogEntry.objects.get_for_object(standing).exists()


def test_the_usual_agencies_skip_those_that_exist(world, client_for):
    url = reverse("organizations:agencies_create_usual", args=[world.hac_thanh.pk])
    client = client_for(world.th_coordinator)
    client.post(url)
    response = client.post(url, follow=True)
    assert "Đã tạo 0 cơ quan." in html(response)


def test_a_leader_cannot_create_the_usual_agencies(world, client_for):
    url = reverse("organizations:agencies_create_usual", args=[world.quang_ngoc.pk])
    response = client_for(world.th_leader).post(url)
    assert response.status_code == 403
    assert not Agency.objects.filter(unit=world.quang_ngoc).exists()


@pytest.mark.parametrize("who", ["bn_coordinator", "nobody"])
def test_the_usual_agencies_return_404_outside_the_scope(world, client_for, who):
    url = reverse("organizations:agencies_create_usual", args=[world.quang_ngoc.pk])
    response = client_for(getattr(world, who)).post(url)
    assert response.status_code == 404
    assert not Agency.objects.filter(unit=world.quang_ngoc).exists()


# The standing agency


def test_naming_a_standing_agency_closes_the_previous_one(world, client_for):
    url = reverse("organizations:standing_agency_assign", args=[world.thanh_hoa.pk])
    data = {"agency": world.th_police.pk, "valid_from": "2026-03-01"}
    response = client_for(world.th_coordinator).post(url, data)
    assert response.status_code == 302
    previous, new = StandingAgency.objects.filter(unit=world.thanh_hoa).order_by("valid_from")
    assert previous.agency == world.th_health
    assert previous.valid_to == datetime.date(2026, 2, 28)
    assert (new.agency, new.valid_from, new.valid_to) == (
        world.th_police,
        datetime.date(2026, 3, 1),
        None,
    )
    assert LogEntry.objects.get_for_object(previous).filter(action=LogEntry.Action.UPDATE)


def test_a_standing_agency_cannot_start_before_the_current_one(world, client_for):
    url = reverse("organizations:standing_agency_assign", args=[world.thanh_hoa.pk])
    data = {"agency": world.th_police.pk, "valid_from": "2025-07-01"}
    response = client_for(world.th_coordinator).post(url, data)
    assert response.status_code == 200
    assert STANDING_AGENCY_TOO_EARLY.format(date="01/07/2025") in html(response)
    assert StandingAgency.objects.filter(unit=world.thanh_hoa).count() == 1


def test_the_current_standing_agency_cannot_be_named_again(world, client_for):
    url = reverse("organizations:standing_agency_assign", args=[world.thanh_hoa.pk])
    data = {"agency": world.th_health.pk, "valid_from": "2026-03-01"}
    response = client_for(world.th_coordinator).post(url, data)
    assert str(STANDING_AGENCY_ALREADY) in html(response)
    assert StandingAgency.objects.filter(unit=world.thanh_hoa).count() == 1


def test_only_an_agency_of_the_unit_can_be_standing(world, client_for):
    url = reverse("organizations:standing_agency_assign", args=[world.thanh_hoa.pk])
    data = {"agency": world.hac_thanh_police.pk, "valid_from": "2026-03-01"}
    response = client_for(world.th_coordinator).post(url, data)
    assert response.status_code == 200
    assert StandingAgency.objects.filter(unit=world.thanh_hoa).count() == 1


def test_a_leader_cannot_name_the_standing_agency(world, client_for):
    url = reverse("organizations:standing_agency_assign", args=[world.thanh_hoa.pk])
    data = {"agency": world.th_police.pk, "valid_from": "2026-03-01"}
    response = client_for(world.th_leader).post(url, data)
    assert response.status_code == 403
    assert StandingAgency.objects.filter(unit=world.thanh_hoa).count() == 1


@pytest.mark.parametrize("who", ["bn_coordinator", "nobody"])
def test_the_standing_agency_returns_404_outside_the_scope(world, client_for, who):
    url = reverse("organizations:standing_agency_assign", args=[world.thanh_hoa.pk])
    response = client_for(getattr(world, who)).get(url)
    assert response.status_code == 404


# The buttons on a unit's page


def test_a_writer_gets_the_unit_buttons(world, client_for):
    url = reverse("organizations:unit_actions", args=[world.thanh_hoa.pk])
    response = client_for(world.th_coordinator).get(url)
    assert "Tạo các cơ quan thường có" in html(response)
    assert "Chỉ định cơ quan thường trực" in html(response)


def test_a_leader_gets_no_unit_buttons(world, client_for):
    url = reverse("organizations:unit_actions", args=[world.thanh_hoa.pk])
    response = client_for(world.th_leader).get(url)
    assert response.status_code == 200
    assert "Tạo các cơ quan thường có" not in html(response)


@pytest.mark.parametrize("who", ["bn_coordinator", "nobody"])
def test_the_unit_buttons_return_404_outside_the_scope(world, client_for, who):
    url = reverse("organizations:unit_actions", args=[world.thanh_hoa.pk])
    assert client_for(getattr(world, who)).get(url).status_code == 404


def test_the_unit_page_loads_the_buttons(world, client_for):
    response = client_for(world.th_coordinator).get(world.thanh_hoa.get_absolute_url())
    assert reverse("organizations:unit_actions", args=[world.thanh_hoa.pk]) in html(response)
