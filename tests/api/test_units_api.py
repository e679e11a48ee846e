"""The read-only API: units, agencies, teams. Every row comes through the user's scope."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanhmanh.accounts.models import Membership, User
from lanhmanh.accounts.roles import Role
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.organizations.models import Agency, InspectionTeam, TeamMember
from tests.queries import SIGNED_IN_REQUEST

ENDPOINTS = ["/api/units/", "/api/agencies/", "/api/teams/", "/api/schema/"]


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def get(client, url, **params):
    return client.get(url, params, HTTP_ACCEPT="application/json")


# --- who gets anything at all --------------------------------------------------------


@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_users_get_no_data(world, client, url):
    response = get(client, url)
    assert response.status_code in (302, 401, 403)
    assert b"Thanh" not in response.content


def test_anonymous_users_get_no_unit_detail(world, client):
    response = get(client, f"/api/units/{world.hac_thanh.pk}/")
    assert response.status_code in (302, 401, 403)
    assert b"Thanh" not in response.content


@pytest.mark.parametrize("url", ["/api/units/", "/api/agencies/", "/api/teams/"])
def test_a_user_without_membership_gets_empty_lists(world, client_for, url):
    response = get(client_for(world.nobody), url)
    assert response.json()["count"] == 0


# --- units ---------------------------------------------------------------------------


def test_units_list_shows_the_province_before_and_after_the_reform(world, client_for):
    seen = ids(get(client_for(world.th_admin), "/api/units/"))
    assert {world.thanh_hoa.pk, world.hac_thanh.pk, world.old_thanh_hoa.pk} <= seen
    assert {world.old_dien_bien.pk, world.old_quang_xuong.pk} <= seen


def test_units_list_excludes_units_outside_the_scope(world, client_for):
    seen = ids(get(client_for(world.bn_coordinator), "/api/units/"))
    assert seen == {world.bac_ninh.pk, world.luc_nam.pk, world.old_bac_giang.pk}.union(
        {world.old_bac_ninh.pk, world.old_luc_nam.pk}
    )


def test_units_can_be_filtered_by_scheme_level_and_parent(world, client_for):
    client = client_for(world.th_admin)
    assert ids(get(client, "/api/units/", scheme="2004", level="district")) == {
        world.old_tp_thanh_hoa.pk,
        world.old_quang_xuong.pk,
    }
    assert ids(get(client, "/api/units/", parent=world.thanh_hoa.pk)) == {
        world.hac_thanh.pk,
        world.quang_ngoc.pk,
        world.quang_binh.pk,
    }


def test_filtering_by_a_parent_outside_the_scope_gives_nothing(world, client_for):
    client = client_for(world.th_admin)
    assert ids(get(client, "/api/units/", parent=world.bac_ninh.pk)) == set()


def test_unit_search_ignores_diacritics(world, client_for):
    client = client_for(world.th_admin)
    assert ids(get(client, "/api/units/", q="hac thanh")) == {world.hac_thanh.pk}
    assert ids(get(client, "/api/units/", q="QUANG NGOC")) == {
        world.quang_ngoc.pk,
        world.old_quang_ngoc.pk,
    }


def test_units_can_be_filtered_by_the_day_they_were_valid(world, client_for):
    client = client_for(world.th_admin)
    before = ids(get(client, "/api/units/", valid_on="2025-06-30", level="province"))
    after = ids(get(client, "/api/units/", valid_on="2025-07-01", level="province"))
    assert before == {world.old_thanh_hoa.pk}
    assert after == {world.thanh_hoa.pk}


def test_a_bad_filter_value_is_a_400(world, client_for):
    response = get(client_for(world.th_admin), "/api/units/", valid_on="30/06/2025")
    assert response.status_code == 400


def test_unit_detail_has_parent_and_predecessors(world, client_for):
    response = get(client_for(world.th_admin), f"/api/units/{world.hac_thanh.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["full_name"] == "Phường Hạc Thành"
    assert data["parent"]["id"] == world.thanh_hoa.pk
    assert [p["unit"]["name"] for p in data["predecessors"]] == ["Điện Biên", "Lam Sơn"]
    assert data["predecessors"][0]["change_kind"] == "merge"
    assert data["predecessors"][0]["effective_on"] == "2025-07-01"
    assert data["successors"] == []


def test_unit_detail_has_successors(world, client_for):
    response = get(client_for(world.th_admin), f"/api/units/{world.old_quang_ngoc.pk}/")
    successors = response.json()["successors"]
    assert [(s["unit"]["id"], s["partial"]) for s in successors] == [
        (world.quang_ngoc.pk, True),
        (world.quang_binh.pk, True),
    ]


def test_unit_detail_hides_successors_outside_the_scope(world, client_for):
    # A commune user sees the old commune their commune was partly formed from, but not
    # the other commune that got the rest of it.
    officer = User.objects.create_user(username="quang_ngoc_officer")
    Membership.objects.create(user=officer, unit=world.quang_ngoc, role=Role.DATA_OFFICER)
    response = get(client_for(officer), f"/api/units/{world.old_quang_ngoc.pk}/")
    assert [s["unit"]["id"] for s in response.json()["successors"]] == [world.quang_ngoc.pk]
    assert b"Qu\\u1ea3ng B\\u00ecnh" not in response.content
    assert "Quảng Bình" not in response.content.decode()


def test_unit_detail_is_404_outside_the_scope(world, client_for):
    client = client_for(world.bn_coordinator)
    for unit in (world.hac_thanh, world.old_thanh_hoa, world.old_dien_bien):
        assert get(client, f"/api/units/{unit.pk}/").status_code == 404


def test_unit_detail_of_a_missing_unit_is_404_too(world, client_for):
    assert get(client_for(world.national), "/api/units/999999/").status_code == 404


def _add_communes(parent, n):
    for i in range(n):
        AdministrativeUnit.objects.create(
            scheme=parent.scheme,
            code=f"9{i:04d}",
            name=f"Thử {i}",
            kind="xa",
            level="commune",
            parent=parent,
            valid_from=datetime.date(2025, 7, 1),
        )


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = get(client, url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    ["/api/units/", "/api/agencies/", "/api/teams/", "/api/units/{pk}/", "/api/teams/{team}/"],
)
def test_the_number_of_queries_does_not_grow_with_the_rows(world, client_for, url):
    client = client_for(world.th_admin)
    url = url.format(pk=world.thanh_hoa.pk, team=world.th_team.pk)
    client.get("/api/units/")  # warm the session
    before = _count_queries(client, url)
    _add_communes(world.thanh_hoa, 10)
    sector = world.th_health.sector
    for i in range(10):
        agency = Agency.objects.create(unit=world.hac_thanh, sector=sector, name=f"Trạm {i}")
        InspectionTeam.objects.create(unit=world.hac_thanh, name=f"Đội {i}")
        TeamMember.objects.create(team=world.th_team, agency=agency, full_name=f"Người {i}")
    assert _count_queries(client, url) == before


def test_the_units_list_takes_a_fixed_number_of_queries(
    world, client_for, django_assert_num_queries
):
    client = client_for(world.th_admin)
    _add_communes(world.thanh_hoa, 40)
    # what every signed-in request costs, then the count, the page and the audit event
    with django_assert_num_queries(SIGNED_IN_REQUEST + 3):
        response = get(client, "/api/units/")
    assert response.json()["count"] > 40


# --- agencies ------------------------------------------------------------------------


def test_agencies_list_follows_the_scope(world, client_for):
    seen = ids(get(client_for(world.th_coordinator), "/api/agencies/"))
    assert {world.th_health.pk, world.hac_thanh_police.pk, world.old_th_labour.pk} <= seen
    assert world.bn_health.pk not in seen
    assert ids(get(client_for(world.hac_thanh_officer), "/api/agencies/")) == {
        world.hac_thanh_police.pk
    }


def test_agencies_can_be_filtered(world, client_for):
    client = client_for(world.th_admin)
    assert ids(get(client, "/api/agencies/", sector="police")) == {
        world.th_police.pk,
        world.hac_thanh_police.pk,
    }
    assert ids(get(client, "/api/agencies/", q="so y te")) == {world.th_health.pk}
    assert ids(get(client, "/api/agencies/", unit=world.hac_thanh.pk)) == {
        world.hac_thanh_police.pk
    }


def test_agency_detail_has_unit_sector_and_standing_periods(world, client_for):
    response = get(client_for(world.th_admin), f"/api/agencies/{world.th_health.pk}/")
    data = response.json()
    assert data["unit"]["id"] == world.thanh_hoa.pk
    assert data["sector"]["code"] == "health"
    assert data["standing_periods"] == [{"valid_from": "2025-07-01", "valid_to": None}]


def test_agency_detail_is_404_outside_the_scope(world, client_for):
    client = client_for(world.bn_coordinator)
    assert get(client, f"/api/agencies/{world.th_health.pk}/").status_code == 404
    assert get(client, f"/api/agencies/{world.old_th_labour.pk}/").status_code == 404


# --- teams ---------------------------------------------------------------------------


def test_teams_list_follows_the_scope(world, client_for):
    assert ids(get(client_for(world.th_inspector), "/api/teams/")) == {world.th_team.pk}
    assert ids(get(client_for(world.bn_coordinator), "/api/teams/")) == {world.bn_team.pk}


def test_team_detail_lists_members_with_their_agencies(world, client_for):
    response = get(client_for(world.th_inspector), f"/api/teams/{world.th_team.pk}/")
    data = response.json()
    assert data["decision_number"] == "1234/QĐ-UBND"
    assert [(m["full_name"], m["role"], m["agency"]["name"]) for m in data["members"]] == [
        ("Lê Văn An", "leader", "Sở Y tế"),
        ("Trần Thị Bình", "member", "Công an tỉnh Thanh Hóa"),
    ]


def test_team_detail_is_404_outside_the_scope(world, client_for):
    response = get(client_for(world.bn_coordinator), f"/api/teams/{world.th_team.pk}/")
    assert response.status_code == 404
    response = get(client_for(world.hac_thanh_officer), f"/api/teams/{world.th_team.pk}/")
    assert response.status_code == 404


# --- schema --------------------------------------------------------------------------


def test_the_schema_lists_the_endpoints(world, client_for):
    response = client_for(world.th_admin).get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/units/",
        "/api/units/{id}/",
        "/api/agencies/",
        "/api/agencies/{id}/",
        "/api/teams/",
        "/api/teams/{id}/",
    ):
        assert path in paths
    parameters = {p["name"] for p in paths["/api/units/"]["get"]["parameters"]}
    assert {"scheme", "level", "parent", "q", "valid_on"} <= parameters


def test_the_schema_is_generated_without_warnings(tmp_path):
    # --fail-on-warn turns any warning into an error, --validate checks it against OpenAPI.
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "s.yml"))
    assert "/api/units/{id}/" in (tmp_path / "s.yml").read_text(encoding="utf-8")
