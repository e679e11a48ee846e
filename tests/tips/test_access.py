"""Every route of the module: the public pages open to anyone; a tip's pages are 404
outside the scope and for roles without the tips module (leaders, coordinators and the
others read aggregates only, on the statistics page); a user with two memberships handles
the tips of the one that opens the module and only those."""

import pytest
from django.urls import reverse

from lanhmanh.accounts.models import Membership, User
from lanhmanh.accounts.roles import Role
from tests.conftest import kept
from tests.tips.conftest import photo

COVERED_ROUTES = {
    "tips:public_form",
    "tips:public_receipt",
    "tips:public_communes",
    "tips:tip_list",
    "tips:tip_create",
    "tips:deadline_rules",
    "tips:statistics",
    "tips:tip_detail",
    "tips:tip_triage",
    "tips:tip_status",
    "tips:tip_extend",
    "tips:tip_ask",
    "tips:tip_link",
    "tips:tip_inspect",
    "tips:tip_contact",
    "tips:tip_attachment",
}
OBJECT_ROUTES = [
    "tip_detail",
    "tip_triage",
    "tip_status",
    "tip_extend",
    "tip_ask",
    "tip_link",
    "tip_inspect",
    "tip_contact",
    "tip_attachment",
]
WRITES = ["tip_triage", "tip_status", "tip_extend", "tip_ask", "tip_link", "tip_inspect"]
MODULE_PAGES = ["tip_list", "tip_create", "deadline_rules"]


@kept("tips")
def objects(world, tips):
    tip, _code = tips.submit(files=[photo()])
    bn_tip, _code = tips.submit(commune=world.luc_nam, source="other")
    two = User.objects.create_user(username="two_places")
    Membership.objects.create(user=two, unit=world.luc_nam, role=Role.DATA_OFFICER)
    Membership.objects.create(user=two, unit=world.thanh_hoa, role=Role.TIP_HANDLER)
    return {"tip": tip, "bn_tip": bn_tip, "two": two}


def attachment_url(tip):
    first = tip.attachments.first()
    return reverse("tips:tip_attachment", args=[tip.pk, first.pk if first else 1])


def object_url(name, tip):
    return (
        attachment_url(tip) if name == "tip_attachment" else reverse(f"tips:{name}", args=[tip.pk])
    )


@pytest.mark.parametrize("name", OBJECT_ROUTES)
@pytest.mark.parametrize(
    "who", ["bn_coordinator", "nobody", "th_leader", "th_coordinator", "hac_thanh_officer"]
)
def test_a_tips_pages_are_404_outside_the_scope_or_without_the_module(
    world, objects, client_for, name, who
):
    client = client_for(getattr(world, who))
    assert client.get(object_url(name, objects["tip"])).status_code == 404
    assert client.post(object_url(name, objects["tip"]), {}).status_code == 404


@pytest.mark.parametrize("name", MODULE_PAGES)
@pytest.mark.parametrize("who", ["nobody", "th_leader", "bn_coordinator"])
def test_the_module_does_not_exist_for_roles_without_it(world, objects, client_for, name, who):
    assert client_for(getattr(world, who)).get(reverse(f"tips:{name}")).status_code == 404


def test_statistics_are_for_everyone_with_a_place_and_show_only_their_units(
    world, objects, client_for
):
    assert client_for(world.nobody).get(reverse("tips:statistics")).status_code == 404
    response = client_for(world.bn_coordinator).get(reverse("tips:statistics"))
    assert response.status_code == 200
    assert [f["unit"] for f in response.context["figures"]] == [world.bac_ninh]


@pytest.mark.parametrize("name", OBJECT_ROUTES)
def test_a_handler_of_thanh_hoa_cannot_reach_a_tip_of_bac_ninh(world, objects, client_for, name):
    client = client_for(world.th_tips)
    assert client.get(object_url(name, objects["bn_tip"])).status_code == 404
    assert client.post(object_url(name, objects["bn_tip"]), {}).status_code == 404


@pytest.mark.parametrize("name", OBJECT_ROUTES)
def test_two_memberships_open_only_the_tips_of_the_handling_one(world, objects, client_for, name):
    client = client_for(objects["two"])
    assert client.get(object_url(name, objects["bn_tip"])).status_code == 404
    assert client.get(object_url(name, objects["tip"])).status_code in {200, 302, 403, 405}


def test_two_memberships_list_only_thanh_hoa(world, objects, client_for):
    page = client_for(objects["two"]).get(reverse("tips:tip_list")).context["page"]
    listed = {t.pk for t in page}
    assert objects["tip"].pk in listed and objects["bn_tip"].pk not in listed


@pytest.mark.parametrize("name", WRITES)
def test_the_read_only_administrator_writes_but_the_leader_has_no_tips(
    world, objects, client_for, name
):
    # The administrator of Thanh Hóa reads and writes the module (assigns handlers);
    # the leader has none of it (404 above): 403 is for a role that reads only.
    client = client_for(world.th_admin)
    assert client.post(object_url(name, objects["tip"]), {}).status_code in {302, 400}


def test_the_public_pages_open_without_an_account(world, client):
    assert client.get(reverse("tips:public_form")).status_code == 200
    assert client.get(reverse("tips:public_receipt")).status_code == 200
    assert client.get(reverse("tips:public_communes"), {"q": "hac"}).status_code == 200


def test_the_staff_pages_need_a_login(world, objects, client):
    response = client.get(reverse("tips:tip_list"))
    assert response.status_code == 302 and "login" in response["Location"]
    response = client.get(object_url("tip_detail", objects["tip"]))
    assert response.status_code == 302


def test_every_route_of_the_module_is_covered():
    from django.urls import get_resolver

    module = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", "") == "tips")
    assert {f"tips:{p.name}" for p in module.url_patterns} == COVERED_ROUTES
