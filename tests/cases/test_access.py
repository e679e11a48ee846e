"""Every view of the case register: 404 outside the scope or without the module, 403 for
the read-only leader on every page that writes, lists that show an outsider nothing of
Thanh Hóa, and a user with memberships in two provinces who sees only what each opens."""

import pytest
from django.urls import reverse

COVERED_ROUTES = {
    "cases:case_list",
    "cases:case_create",
    "cases:case_detail",
    "cases:case_update",
    "cases:case_advance",
}
OBJECT_READS = ["case_detail"]
OBJECT_WRITES = ["case_update", "case_advance"]
LISTS = ["case_list"]
CREATES = ["case_create"]


@pytest.fixture
def case(record_case):
    return record_case(summary="Vụ án bí mật ở Hạc Thành")


def url(name, case=None):
    return reverse(f"cases:{name}", args=[case.pk] if case else [])


@pytest.mark.parametrize("name", OBJECT_READS + OBJECT_WRITES)
@pytest.mark.parametrize("who", ["bn_coordinator", "nobody", "th_tips", "ln_officer_th_tips"])
def test_it_returns_404_outside_the_scope(world, case, client_for, name, who):
    client = client_for(getattr(world, who))
    assert client.get(url(name, case)).status_code == 404
    assert client.post(url(name, case), {}).status_code == 404


def test_another_provinces_police_gets_404(bodies, case, client_for):
    client = client_for(bodies.outsider)
    for name in OBJECT_READS + OBJECT_WRITES:
        assert client.get(url(name, case)).status_code == 404


@pytest.mark.parametrize("name", LISTS + CREATES)
@pytest.mark.parametrize("who", ["nobody", "th_tips", "ln_officer_th_tips", "th_social"])
def test_the_module_does_not_exist_for_roles_without_it(world, case, client_for, name, who):
    assert client_for(getattr(world, who)).get(url(name)).status_code == 404


@pytest.mark.parametrize("name", OBJECT_WRITES)
def test_it_refuses_writes_to_the_read_only_leader(world, case, client_for, name):
    client = client_for(world.th_leader)
    assert client.get(url(name, case)).status_code == 403
    assert client.post(url(name, case), {}).status_code == 403


@pytest.mark.parametrize("name", CREATES)
def test_it_refuses_creating_to_the_read_only_leader(world, case, client_for, name):
    client = client_for(world.th_leader)
    assert client.get(url(name)).status_code == 403
    assert client.post(url(name), {}).status_code == 403


@pytest.mark.parametrize("who", ["th_leader", "th_coordinator", "th_admin"])
def test_readers_of_the_province_read_the_case(world, case, client_for, who):
    client = client_for(getattr(world, who))
    assert client.get(url("case_detail", case)).status_code == 200
    assert "Vụ án bí mật" in client.get(url("case_list")).content.decode()


def test_the_list_shows_an_outsider_nothing_of_thanh_hoa(world, bodies, case, client_for):
    for who in (world.bn_coordinator, bodies.outsider):
        response = client_for(who).get(url("case_list"))
        assert response.status_code == 200
        assert "Vụ án bí mật" not in response.content.decode()


def test_the_ward_police_reads_its_ward_not_the_province(world, bodies, record_case, client_for):
    ward_case = record_case(unit=world.hac_thanh)
    provincial = record_case(unit=world.thanh_hoa, summary="Vụ của tỉnh")
    client = client_for(bodies.ward_police)
    assert client.get(url("case_detail", ward_case)).status_code == 200
    assert client.get(url("case_detail", provincial)).status_code == 404
    assert "Vụ của tỉnh" not in client.get(url("case_list")).content.decode()
