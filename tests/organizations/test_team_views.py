"""Inspection team (178) screens: list, detail, create, edit, members."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from lanhmanh.organizations.models import InspectionTeam, TeamMember, TeamRole
from lanhmanh.organizations.services import (
    MEMBER_AGENCY_OUTSIDE_TEAM,
    TEAM_DATES_REVERSED,
    TEAM_HAS_LEADER,
)
from tests.queries import SIGNED_IN_REQUEST


def html(response) -> str:
    return response.content.decode()


# List and detail


def test_the_list_shows_the_teams_in_scope_with_their_unit(world, client_for):
    response = client_for(world.th_leader).get(reverse("organizations:team_list"))
    assert response.status_code == 200
    assert "Đội kiểm tra liên ngành 178 tỉnh Thanh Hóa" in html(response)
    assert "Tỉnh Thanh Hóa" in html(response)
    assert "tỉnh Bắc Ninh" not in html(response)


def test_the_list_offers_adding_a_team_to_a_writer_only(world, client_for):
    add = reverse("organizations:team_create", args=[world.thanh_hoa.pk])
    assert add in html(client_for(world.th_coordinator).get(reverse("organizations:team_list")))
    assert add not in html(client_for(world.th_leader).get(reverse("organizations:team_list")))


def test_the_list_runs_a_fixed_number_of_queries(world, client_for, django_assert_num_queries):
    client = client_for(world.th_coordinator)
    with django_assert_num_queries(SIGNED_IN_REQUEST + 2):
        client.get(reverse("organizations:team_list"))
    for i in range(30):
        InspectionTeam.objects.create(unit=world.quang_ngoc, name=f"Đội {i:02d}")
    with django_assert_num_queries(SIGNED_IN_REQUEST + 2):
        response = client.get(reverse("organizations:team_list"))
    assert response.status_code == 200


def test_the_list_is_empty_for_a_user_without_membership(world, client_for):
    response = client_for(world.nobody).get(reverse("organizations:team_list"))
    assert "Chưa có đội kiểm tra nào." in html(response)


def test_the_detail_lists_the_members(world, client_for):
    response = client_for(world.th_leader).get(world.th_team.get_absolute_url())
    assert response.status_code == 200
    assert "Lê Văn An" in html(response)
    assert "Đội trưởng" in html(response)
    assert reverse("organizations:team_member_add", args=[world.th_team.pk]) not in html(response)


@pytest.mark.parametrize("who", ["bn_coordinator", "nobody"])
def test_the_detail_returns_404_outside_the_scope(world, client_for, who):
    response = client_for(getattr(world, who)).get(world.th_team.get_absolute_url())
    assert response.status_code == 404


# Create and edit


def team_data(**extra):
    return {
        "name": "Đội kiểm tra liên ngành 178 xã Quảng Ngọc",
        "decision_number": "12/QĐ-UBND",
        "established_on": "2025-09-01",
        **extra,
    }


def test_a_coordinator_creates_a_team(world, client_for):
    url = reverse("organizations:team_create", args=[world.quang_ngoc.pk])
    response = client_for(world.th_coordinator).post(url, team_data())
    team = InspectionTeam.objects.get(unit=world.quang_ngoc)
    assert response["Location"] == team.get_absolute_url()
    assert team.established_on == datetime.date(2025, 9, 1)
    assert LogEntry.objects.get_for_object(team).filter(action=LogEntry.Action.CREATE)


def test_a_team_cannot_be_dissolved_before_it_is_set_up(world, client_for):
    url = reverse("organizations:team_create", args=[world.quang_ngoc.pk])
    response = client_for(world.th_coordinator).post(url, team_data(dissolved_on="2025-01-01"))
    assert str(TEAM_DATES_REVERSED) in html(response)
    assert not InspectionTeam.objects.filter(unit=world.quang_ngoc).exists()


def test_a_team_needs_a_name(world, client_for):
    url = reverse("organizations:team_create", args=[world.quang_ngoc.pk])
    response = client_for(world.th_coordinator).post(url, team_data(name=""))
    assert response.status_code == 200
    assert not InspectionTeam.objects.filter(unit=world.quang_ngoc).exists()


@pytest.mark.parametrize("who", ["th_leader", "th_tips"])
def test_a_role_that_does_not_write_inspections_cannot_create_a_team(world, client_for, who):
    url = reverse("organizations:team_create", args=[world.quang_ngoc.pk])
    response = client_for(getattr(world, who)).post(url, team_data())
    assert response.status_code == 403
    assert not InspectionTeam.objects.filter(unit=world.quang_ngoc).exists()


@pytest.mark.parametrize("who", ["bn_coordinator", "nobody"])
def test_creating_returns_404_outside_the_scope(world, client_for, who):
    url = reverse("organizations:team_create", args=[world.quang_ngoc.pk])
    response = client_for(getattr(world, who)).post(url, team_data())
    assert response.status_code == 404
    assert not InspectionTeam.objects.filter(unit=world.quang_ngoc).exists()


def test_a_coordinator_edits_a_team(world, client_for):
    url = reverse("organizations:team_update", args=[world.th_team.pk])
    data = {"name": world.th_team.name, "decision_number": "99/QĐ-UBND", "version": 1}
    response = client_for(world.th_coordinator).post(url, data)
    assert response.status_code == 302
    world.th_team.refresh_from_db()
    assert world.th_team.decision_number == "99/QĐ-UBND"
    assert LogEntry.objects.get_for_object(world.th_team).filter(action=LogEntry.Action.UPDATE)


def test_a_leader_cannot_edit_a_team(world, client_for):
    url = reverse("organizations:team_update", args=[world.th_team.pk])
    data = {"name": "Đổi tên", "decision_number": ""}
    assert client_for(world.th_leader).post(url, data).status_code == 403
    world.th_team.refresh_from_db()
    assert world.th_team.name == "Đội kiểm tra liên ngành 178 tỉnh Thanh Hóa"


@pytest.mark.parametrize("who", ["bn_coordinator", "nobody"])
def test_editing_returns_404_outside_the_scope(world, client_for, who):
    url = reverse("organizations:team_update", args=[world.th_team.pk])
    assert client_for(getattr(world, who)).get(url).status_code == 404


# Members


def member_data(agency, **extra):
    return {"full_name": "Phạm Thị Cúc", "agency": agency.pk, "role": "member", **extra}


def test_a_member_from_a_commune_agency_joins_the_province_team(world, client_for):
    url = reverse("organizations:team_member_add", args=[world.th_team.pk])
    data = member_data(world.hac_thanh_police, card_number="TH-178-07")
    response = client_for(world.th_coordinator).post(url, data)
    assert response.status_code == 302
    member = world.th_team.members.get(full_name="Phạm Thị Cúc")
    assert member.card_number == "TH-178-07"
    assert LogEntry.objects.get_for_object(member).filter(action=LogEntry.Action.CREATE)


def test_a_member_from_outside_the_team_units_is_refused(world, client_for):
    url = reverse("organizations:team_member_add", args=[world.th_team.pk])
    # The pre-2025 labour department is visible but not under today's province.
    response = client_for(world.th_coordinator).post(url, member_data(world.old_th_labour))
    assert str(MEMBER_AGENCY_OUTSIDE_TEAM) in html(response)
    response = client_for(world.th_coordinator).post(url, member_data(world.bn_health))
    assert str(MEMBER_AGENCY_OUTSIDE_TEAM) in html(response)
    assert world.th_team.members.count() == 2


def test_a_team_has_one_leader_only(world, client_for):
    url = reverse("organizations:team_member_add", args=[world.th_team.pk])
    data = member_data(world.th_police, role=TeamRole.LEADER)
    response = client_for(world.th_coordinator).post(url, data)
    assert str(TEAM_HAS_LEADER) in html(response)
    assert world.th_team.members.filter(role=TeamRole.LEADER).count() == 1


def test_a_leader_cannot_add_members(world, client_for):
    url = reverse("organizations:team_member_add", args=[world.th_team.pk])
    response = client_for(world.th_leader).post(url, member_data(world.th_police))
    assert response.status_code == 403
    assert world.th_team.members.count() == 2


@pytest.mark.parametrize("who", ["bn_coordinator", "nobody"])
def test_adding_members_returns_404_outside_the_scope(world, client_for, who):
    url = reverse("organizations:team_member_add", args=[world.th_team.pk])
    response = client_for(getattr(world, who)).post(url, member_data(world.th_police))
    assert response.status_code == 404
    assert world.th_team.members.count() == 2


def remove_url(world):
    member = world.th_team.members.get(full_name="Trần Thị Bình")
    return member, reverse("organizations:team_member_remove", args=[world.th_team.pk, member.pk])


def test_removing_a_member_asks_for_confirmation_first(world, client_for):
    member, url = remove_url(world)
    response = client_for(world.th_coordinator).get(url)
    assert response.status_code == 200
    assert "Trần Thị Bình" in html(response)
    assert TeamMember.objects.filter(pk=member.pk).exists()


def test_a_coordinator_removes_a_member(world, client_for):
    member, url = remove_url(world)
    response = client_for(world.th_coordinator).post(url)
    assert response.status_code == 302
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    assert LogEntry.objects.filter(
        object_pk=str(member.pk), action=LogEntry.Action.DELETE, object_repr__contains="Bình"
    ).exists()


def test_a_member_of_another_team_is_not_found(world, client_for):
    member, _ = remove_url(world)
    url = reverse("organizations:team_member_remove", args=[world.bn_team.pk, member.pk])
    assert client_for(world.national).post(url).status_code == 404
    assert TeamMember.objects.filter(pk=member.pk).exists()


def test_a_leader_cannot_remove_a_member(world, client_for):
    member, url = remove_url(world)
    assert client_for(world.th_leader).post(url).status_code == 403
    assert TeamMember.objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize("who", ["bn_coordinator", "nobody"])
def test_removing_returns_404_outside_the_scope(world, client_for, who):
    member, url = remove_url(world)
    assert client_for(getattr(world, who)).post(url).status_code == 404
    assert TeamMember.objects.filter(pk=member.pk).exists()
