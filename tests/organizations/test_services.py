"""Writes for agencies, standing agencies and teams, called directly."""

import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from lanhmanh.organizations import services
from lanhmanh.organizations.models import Agency, Sector, StandingAgency, TeamRole


def messages_of(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def test_the_preview_lists_what_the_usual_agencies_create(world):
    preview = services.agencies_usual_preview(unit=world.quang_ngoc)
    created = services.agencies_create_usual(unit=world.quang_ngoc)
    assert sorted(r.name for r in preview) == sorted(a.name for a in created)
    again = services.agencies_usual_preview(unit=world.quang_ngoc)
    assert all(r.exists for r in again)


def test_the_usual_agencies_of_a_pre_2025_district_are_those_of_its_time(world):
    created = {a.name for a in services.agencies_create_usual(unit=world.old_quang_xuong)}
    assert "Phòng Lao động - Thương binh và Xã hội" in created
    assert "Công an huyện Quảng Xương" in created
    standing = StandingAgency.objects.get(unit=world.old_quang_xuong)
    assert standing.valid_to == world.old_quang_xuong.valid_to


def test_an_agency_name_is_stored_in_nfc(world):
    decomposed = unicodedata.normalize("NFD", "Sở Tư pháp")
    agency = services.agency_create(
        unit=world.thanh_hoa, sector=Sector.objects.get(code="justice"), name=f" {decomposed} "
    )
    assert agency.name == unicodedata.normalize("NFC", "Sở Tư pháp")


def test_an_agency_keeps_its_own_name_when_edited(world):
    agency = services.agency_update(
        agency=world.th_health, sector=world.th_health.sector, name="Sở Y tế", short_name="SYT"
    )
    assert agency.short_name == "SYT"


def test_two_agencies_of_a_unit_cannot_share_a_name(world):
    with pytest.raises(ValidationError) as error:
        services.agency_update(
            agency=world.th_police, sector=world.th_police.sector, name="Sở Y tế"
        )
    assert messages_of(error.value) == [str(services.AGENCY_NAME_TAKEN)]


def test_the_same_name_is_fine_in_another_unit(world):
    agency = services.agency_create(
        unit=world.quang_ngoc, sector=world.th_health.sector, name="Sở Y tế"
    )
    assert Agency.objects.filter(name="Sở Y tế").count() == 3
    assert agency.unit == world.quang_ngoc


def test_a_new_standing_agency_ends_the_previous_one_the_day_before(world):
    services.standing_agency_assign(
        unit=world.thanh_hoa, agency=world.th_police, valid_from=datetime.date(2026, 1, 1)
    )
    rows = list(
        StandingAgency.objects.filter(unit=world.thanh_hoa)
        .order_by("valid_from")
        .values_list("agency__name", "valid_from", "valid_to")
    )
    assert rows == [
        ("Sở Y tế", datetime.date(2025, 7, 1), datetime.date(2025, 12, 31)),
        ("Công an tỉnh Thanh Hóa", datetime.date(2026, 1, 1), None),
    ]


def test_a_standing_agency_must_belong_to_the_unit(world):
    with pytest.raises(ValidationError) as error:
        services.standing_agency_assign(
            unit=world.thanh_hoa, agency=world.bn_health, valid_from=datetime.date(2026, 1, 1)
        )
    assert messages_of(error.value) == [str(services.STANDING_AGENCY_OUTSIDE_UNIT)]


def test_a_first_standing_agency_needs_no_predecessor(world):
    standing = services.standing_agency_assign(
        unit=world.hac_thanh,
        agency=world.hac_thanh_police,
        valid_from=datetime.date(2025, 7, 1),
    )
    assert standing.valid_to is None


def test_a_member_must_come_from_the_team_units(world):
    with pytest.raises(ValidationError) as error:
        services.team_member_add(team=world.th_team, agency=world.bn_health, full_name="X")
    assert messages_of(error.value) == [str(services.MEMBER_AGENCY_OUTSIDE_TEAM)]


def test_a_second_leader_is_refused_but_a_deputy_is_fine(world):
    with pytest.raises(ValidationError):
        services.team_member_add(
            team=world.th_team, agency=world.th_police, role=TeamRole.LEADER, full_name="X"
        )
    deputy = services.team_member_add(
        team=world.th_team, agency=world.th_police, role=TeamRole.DEPUTY, full_name="Y"
    )
    assert deputy.get_role_display() == "Đội phó"


def test_a_team_of_a_commune_takes_no_province_agency(world):
    team = services.team_create(unit=world.hac_thanh, name="Đội 178 phường Hạc Thành")
    with pytest.raises(ValidationError):
        services.team_member_add(team=team, agency=world.th_police, full_name="Z")
    member = services.team_member_add(team=team, agency=world.hac_thanh_police, full_name="Z")
    assert member.team == team
