"""Every configuration screen: 404 outside the scope (or without the module), 403 for the
read-only leader and for anyone who does not administer the owner, lists that show an
outsider nothing of Thanh Hóa's own catalogue."""

import pytest
from django.urls import reverse

from lanhmanh.accounts.models import Membership
from lanhmanh.accounts.roles import Role
from lanhmanh.indicators.services import category_set_save, indicator_create
from lanhmanh.reporting.setup import report_form_save
from tests.world import PASSWORD

COVERED_ROUTES = {
    "reporting:indicator_list",
    "reporting:indicator_create",
    "reporting:indicator_edit",
    "reporting:breakdown_list",
    "reporting:breakdown_create",
    "reporting:breakdown_edit",
    "reporting:form_list",
    "reporting:form_create",
    "reporting:form_edit",
    "reporting:package",
    "reporting:package_export",
}
SECRET = "Số lượt khách bí mật của Thanh Hóa"


@pytest.fixture
def objects(world):
    indicator = indicator_create(
        user=world.th_admin, code="th_bi_mat", name=SECRET, measure="count"
    )
    breakdown = category_set_save(
        user=world.th_admin, code="th_kenh", name="Kênh bí mật", options=[("a", "A"), ("b", "B")]
    )
    form = report_form_save(
        user=world.th_admin,
        code="th-bieu-bi-mat",
        fields={"name": "Biểu bí mật", "periodicity": "month", "unit_level": "commune"},
        rows=[{"indicator": indicator, "disaggregations": []}],
        sections=[],
        rules=[],
    )
    return {"i": indicator.pk, "b": breakdown.pk, "f": form.pk}


@pytest.fixture
def two_provinces(world):
    """Data officer of Lục Nam (Bắc Ninh) and tip handler of Thanh Hóa."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="two_hats", password=PASSWORD)
    Membership.objects.create(user=user, unit=world.luc_nam, role=Role.DATA_OFFICER)
    Membership.objects.create(user=user, unit=world.thanh_hoa, role=Role.TIP_HANDLER)
    return user


OBJECTS = [("indicator_edit", "i"), ("breakdown_edit", "b"), ("form_edit", "f")]
LISTS = ["indicator_list", "breakdown_list", "form_list", "package", "package_export"]
CREATES = ["indicator_create", "breakdown_create", "form_create"]


def url(name, objects=None, key=None):
    return reverse(f"reporting:{name}", args=[objects[key]] if key else [])


@pytest.mark.parametrize(("name", "key"), OBJECTS)
@pytest.mark.parametrize("who", ["bn_coordinator", "nobody", "th_tips", "two_hats"])
def test_it_returns_404_outside_the_scope(
    world, objects, two_provinces, client_for, name, key, who
):
    user = two_provinces if who == "two_hats" else getattr(world, who)
    client = client_for(user)
    assert client.get(url(name, objects, key)).status_code == 404
    assert client.post(url(name, objects, key), {}).status_code == 404


@pytest.mark.parametrize("name", LISTS + CREATES)
@pytest.mark.parametrize("who", ["nobody", "th_tips"])
def test_the_module_does_not_exist_for_roles_without_it(world, client_for, name, who):
    assert client_for(getattr(world, who)).get(url(name)).status_code == 404


@pytest.mark.parametrize(("name", "key"), OBJECTS)
@pytest.mark.parametrize("who", ["th_leader", "th_coordinator", "hac_thanh_officer"])
def test_only_the_owners_administrator_writes(world, objects, client_for, name, key, who):
    client = client_for(getattr(world, who))
    assert client.get(url(name, objects, key)).status_code == 200
    assert client.post(url(name, objects, key), {}).status_code == 403


@pytest.mark.parametrize("name", [*CREATES, "package"])
def test_it_refuses_creating_to_the_read_only_leader(world, client_for, name):
    client = client_for(world.th_leader)
    if name != "package":
        assert client.get(url(name)).status_code == 403
    assert client.post(url(name), {}).status_code == 403


@pytest.mark.parametrize("name", LISTS)
def test_lists_show_an_outsider_nothing_of_thanh_hoa(
    world, objects, two_provinces, client_for, name
):
    for user in (world.bn_coordinator, two_provinces):
        response = client_for(user).get(url(name))
        assert response.status_code == 200
        body = response.content.decode()
        assert SECRET not in body and "th_kenh" not in body and "th-bieu-bi-mat" not in body


@pytest.mark.parametrize("name", LISTS + CREATES)
def test_the_province_administrator_opens_every_page(world, objects, client_for, name):
    assert client_for(world.th_admin).get(url(name)).status_code == 200


def test_the_national_form_cannot_be_changed_by_a_province(world, client_for):
    from lanhmanh.reporting.demo import demo_forms

    national_form = demo_forms()[0]
    response = client_for(world.th_admin).post(url("form_edit", {"f": national_form.pk}, "f"), {})
    assert response.status_code == 403
