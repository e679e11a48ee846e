"""The unit browser: list (today / before the reform), detail, children fragment."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanhmanh.geography.models import AdministrativeUnit

NOTHING_IN_SCOPE = "Không có đơn vị nào trong phạm vi của bạn ở thời kỳ này."


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


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# --- list ----------------------------------------------------------------------------


def test_the_list_shows_todays_province_of_the_user(world, client_for):
    response = client_for(world.th_admin).get("/units/")
    assert response.status_code == 200
    assert list(response.context["roots"]) == [world.thanh_hoa]
    assert response.context["roots"][0].n_children == 3


def test_the_list_before_the_reform_shows_the_old_province(world, client_for):
    response = client_for(world.th_admin).get("/units/", {"era": "2004"})
    assert list(response.context["roots"]) == [world.old_thanh_hoa]
    assert "Trước 01/07/2025" in response.content.decode()


def test_an_unknown_era_falls_back_to_today(world, client_for):
    response = client_for(world.th_admin).get("/units/", {"era": "1975"})
    assert response.context["scheme"] == "2025"


def test_a_commune_user_starts_from_the_commune(world, client_for):
    client = client_for(world.hac_thanh_officer)
    assert list(client.get("/units/").context["roots"]) == [world.hac_thanh]
    old = client.get("/units/", {"era": "2004"}).context["roots"]
    assert set(old) == {world.old_dien_bien, world.old_lam_son}


def test_the_national_administrator_starts_from_every_province(world, client_for):
    roots = client_for(world.national).get("/units/").context["roots"]
    assert list(roots) == [world.bac_ninh, world.thanh_hoa]


def test_the_list_shows_nothing_outside_the_scope(world, client_for):
    page = client_for(world.bn_coordinator).get("/units/").content.decode()
    assert "Thanh Hóa" not in page.split("<main")[1]
    assert "Bắc Ninh" in page


def test_a_user_without_membership_is_told_there_is_nothing(world, client_for):
    page = client_for(world.nobody).get("/units/").content.decode()
    assert NOTHING_IN_SCOPE in page


def test_the_list_needs_a_login(world, client):
    response = client.get("/units/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_list_takes_a_fixed_number_of_queries(world, client_for):
    client = client_for(world.national)
    before = _queries(client, "/units/")
    _add_communes(world.thanh_hoa, 10)
    AdministrativeUnit.objects.create(
        scheme="2025", code="99", name="Thử", kind="tinh", level="province"
    )
    assert _queries(client, "/units/") == before


# --- detail --------------------------------------------------------------------------


def test_the_detail_of_a_new_ward_shows_what_it_was_formed_from(world, client_for):
    response = client_for(world.th_admin).get(world.hac_thanh.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="h3">Phường Hạc Thành</h1>' in page
    assert [c.predecessor for c in response.context["formed_from"]] == [
        world.old_dien_bien,
        world.old_lam_son,
    ]
    assert world.old_dien_bien.get_absolute_url() in page
    assert "Đang hiệu lực" in page


def test_the_detail_of_an_old_ward_links_to_its_successor(world, client_for):
    response = client_for(world.th_admin).get(world.old_dien_bien.get_absolute_url())
    page = response.content.decode()
    assert [c.successor for c in response.context["became"]] == [world.hac_thanh]
    assert world.hac_thanh.get_absolute_url() in page
    assert "Hết hiệu lực từ sau 30/06/2025" in page
    # The breadcrumb leads back to the tree before the reform.
    assert "/units/?era=2004" in page
    assert list(response.context["ancestors"]) == [world.old_thanh_hoa, world.old_tp_thanh_hoa]


def test_the_detail_lists_children_agencies_and_teams(world, client_for):
    response = client_for(world.th_admin).get(world.thanh_hoa.get_absolute_url())
    # Wards before communes, then by name.
    assert list(response.context["children"]) == [
        world.hac_thanh,
        world.quang_binh,
        world.quang_ngoc,
    ]
    assert set(response.context["agencies"]) == {world.th_health, world.th_police}
    assert list(response.context["teams"]) == [world.th_team]
    assert [s.agency for s in response.context["standing"]] == [world.th_health]


@pytest.mark.parametrize("unit", ["hac_thanh", "old_thanh_hoa", "old_dien_bien", "thanh_hoa"])
def test_the_detail_is_404_outside_the_scope(world, client_for, unit):
    response = client_for(world.bn_coordinator).get(getattr(world, unit).get_absolute_url())
    assert response.status_code == 404


def test_a_commune_user_cannot_open_the_province(world, client_for):
    client = client_for(world.hac_thanh_officer)
    assert client.get(world.thanh_hoa.get_absolute_url()).status_code == 404
    assert client.get(world.old_quang_ngoc.get_absolute_url()).status_code == 404
    assert client.get(world.old_dien_bien.get_absolute_url()).status_code == 200


def test_a_missing_unit_is_404(world, client_for):
    assert client_for(world.national).get("/units/999999/").status_code == 404


def test_the_detail_takes_a_fixed_number_of_queries(world, client_for):
    client = client_for(world.th_admin)
    url = world.thanh_hoa.get_absolute_url()
    before = _queries(client, url)
    _add_communes(world.thanh_hoa, 10)
    assert _queries(client, url) == before


# --- children fragment ---------------------------------------------------------------


def test_the_children_fragment_lists_the_branch(world, client_for):
    client = client_for(world.th_admin)
    response = client.get(f"/units/{world.old_tp_thanh_hoa.pk}/children/", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page  # a fragment, not a page
    assert "Phường Điện Biên" in page
    assert "Phường Lam Sơn" in page
    assert world.old_dien_bien.get_absolute_url() in page


def test_the_children_fragment_offers_to_open_deeper_branches(world, client_for):
    response = client_for(world.th_admin).get(f"/units/{world.old_thanh_hoa.pk}/children/")
    page = response.content.decode()
    assert f'hx-get="/units/{world.old_tp_thanh_hoa.pk}/children/"' in page
    assert f'hx-get="/units/{world.old_quang_xuong.pk}/children/"' in page


def test_the_children_fragment_is_404_outside_the_scope(world, client_for):
    client = client_for(world.bn_coordinator)
    for unit in (world.thanh_hoa, world.old_tp_thanh_hoa):
        assert client.get(f"/units/{unit.pk}/children/").status_code == 404


def test_the_children_fragment_needs_a_login(world, client):
    response = client.get(f"/units/{world.thanh_hoa.pk}/children/")
    assert response.status_code == 302


def test_the_children_fragment_takes_a_fixed_number_of_queries(world, client_for):
    client = client_for(world.th_admin)
    url = f"/units/{world.thanh_hoa.pk}/children/"
    before = _queries(client, url)
    _add_communes(world.thanh_hoa, 25)
    assert _queries(client, url) == before
