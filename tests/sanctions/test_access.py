"""Every route of the register: 404 outside the scope or without the module, 403 for the
read-only leader on writes, and the catalogue edited by the national administrator only."""

import pytest
from django.urls import reverse

COVERED_ROUTES = {
    "sanctions:decision_list",
    "sanctions:decision_export",
    "sanctions:decision_create",
    "sanctions:decision_detail",
    "sanctions:decision_update",
    "sanctions:catalogue",
    "sanctions:violation_type_update",
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(sx):
    decision = sx.record()
    return {"d": decision.pk, "t": decision.violation_type_id}


def url(name, objects, key=None):
    return reverse(f"sanctions:{name}", args=[objects[key]] if key else [])


OBJECT_PAGES = [("decision_detail", "d"), ("decision_update", "d")]
LISTS = ["decision_list", "decision_export", "decision_create", "catalogue"]


@pytest.mark.parametrize(("name", "key"), OBJECT_PAGES)
@pytest.mark.parametrize("who", ["bn_coordinator", "nobody", "th_inspector", "two_roles"])
def test_a_decision_is_404_outside_the_scope(world, objects, client_for, two_roles, name, key, who):
    client = client_for(two_roles if who == "two_roles" else getattr(world, who))
    assert client.get(url(name, objects, key)).status_code == 404
    assert client.post(url(name, objects, key), {}).status_code == 404


@pytest.mark.parametrize("name", [*LISTS, "violation_type_update"])
@pytest.mark.parametrize("who", ["nobody", "th_inspector", "th_tips", "two_roles"])
def test_the_module_does_not_exist_without_it(world, objects, client_for, two_roles, name, who):
    client = client_for(two_roles if who == "two_roles" else getattr(world, who))
    key = "t" if name == "violation_type_update" else None
    assert client.get(url(name, objects, key)).status_code == 404


def test_an_outsider_sees_none_of_the_province(world, objects, client_for):
    client = client_for(world.bn_coordinator)
    page = client.get(url("decision_list", objects)).content.decode()
    assert "12/QĐ-XPHC" not in page
    hac_thanh = reverse("sanctions:decision_list") + f"?unit={world.hac_thanh.pk}"
    assert client.get(hac_thanh).status_code == 404
    inspection_prefill = reverse("sanctions:decision_create") + "?tip=999999"
    assert client.get(inspection_prefill).status_code == 404


def test_the_leader_reads_and_never_writes(world, objects, client_for):
    client = client_for(world.th_leader)
    assert client.get(url("decision_list", objects)).status_code == 200
    assert client.get(url("decision_detail", objects, "d")).status_code == 200
    assert client.get(url("decision_export", objects)).status_code == 200
    assert client.get(url("catalogue", objects)).status_code == 200
    assert client.get(url("decision_create", objects)).status_code == 403
    assert client.post(url("decision_create", objects), {}).status_code == 403
    assert client.post(url("decision_update", objects, "d"), {}).status_code == 403
    assert client.get(url("violation_type_update", objects, "t")).status_code == 403


@pytest.mark.parametrize("who", ["th_coordinator", "th_officer", "hac_thanh_officer"])
def test_writers_of_the_unit_open_every_page(world, sx, objects, client_for, who):
    user = getattr(sx, who, None) or getattr(world, who)
    client = client_for(user)
    for name in LISTS:
        assert client.get(url(name, objects)).status_code == 200, name
    assert client.get(url("decision_update", objects, "d")).status_code == 200
    # The catalogue is national: only the national administrator corrects it.
    assert client.get(url("violation_type_update", objects, "t")).status_code == 403
    assert (
        client_for(world.national).get(url("violation_type_update", objects, "t")).status_code
        == 200
    )
