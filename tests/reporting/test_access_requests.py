"""The ad hoc request screens: 404 outside the scope or without the module, 403 for the
read-only leader on the one that writes, and a user with memberships in two provinces
asks only for the units where they coordinate."""

import datetime

import pytest
from django.urls import reverse

from lanhmanh.accounts.models import Membership
from lanhmanh.accounts.roles import Role
from lanhmanh.accounts.scope import forget_scope
from lanhmanh.reporting.models import ReportRequest
from lanhmanh.reporting.requests import report_request_create
from tests.reporting.helpers import make_form

COVERED_ROUTES = {"reporting:request_list", "reporting:request_create", "reporting:request_detail"}


@pytest.fixture
def request_(world):
    return report_request_create(
        user=world.th_coordinator,
        unit=world.thanh_hoa,
        title="Yêu cầu bí mật của Thanh Hóa",
        window_start=datetime.date(2026, 2, 1),
        window_end=datetime.date(2026, 2, 28),
        deadline=datetime.date(2026, 3, 5),
        units=[world.hac_thanh],
        form=make_form(),
    )


@pytest.fixture
def two_provinces(world):
    """A data officer of Lục Nam (Bắc Ninh) who is also tip handler of Thanh Hóa."""
    user = world.nobody
    Membership.objects.create(user=user, unit=world.luc_nam, role=Role.DATA_OFFICER)
    Membership.objects.create(user=user, unit=world.thanh_hoa, role=Role.TIP_HANDLER)
    forget_scope(user)
    return user


@pytest.mark.parametrize("who", ["bn_coordinator", "nobody", "th_tips"])
def test_the_detail_is_404_outside_the_scope(world, request_, client_for, who):
    url = reverse("reporting:request_detail", args=[request_.pk])
    assert client_for(getattr(world, who)).get(url).status_code == 404


def test_the_detail_is_404_for_two_memberships_elsewhere(
    world, request_, client_for, two_provinces
):
    url = reverse("reporting:request_detail", args=[request_.pk])
    assert client_for(two_provinces).get(url).status_code == 404


@pytest.mark.parametrize("name", ["reporting:request_list", "reporting:request_create"])
@pytest.mark.parametrize("who", ["nobody", "th_tips"])
def test_the_module_does_not_exist_for_roles_without_it(world, client_for, name, who):
    assert client_for(getattr(world, who)).get(reverse(name)).status_code == 404


def test_the_leader_reads_but_cannot_ask(world, request_, client_for):
    client = client_for(world.th_leader)
    assert client.get(reverse("reporting:request_detail", args=[request_.pk])).status_code == 200
    assert client.get(reverse("reporting:request_list")).status_code == 200
    assert client.get(reverse("reporting:request_create")).status_code == 403
    assert client.post(reverse("reporting:request_create"), {}).status_code == 403


def test_a_data_officer_cannot_ask(world, client_for):
    client = client_for(world.hac_thanh_officer)
    assert client.get(reverse("reporting:request_create")).status_code == 403


def test_the_list_shows_an_outsider_nothing_of_thanh_hoa(world, request_, client_for):
    response = client_for(world.bn_coordinator).get(reverse("reporting:request_list"))
    assert response.status_code == 200
    assert "Yêu cầu bí mật của Thanh Hóa" not in response.content.decode()


def test_an_outsider_cannot_ask_thanh_hoas_communes(world, client_for):
    data = {
        "unit": world.thanh_hoa.pk,
        "title": "Hỏi trộm",
        "form": make_form().pk,
        "window_start": "2026-02-01",
        "window_end": "2026-02-28",
        "deadline": "2026-03-05",
        "units": [world.hac_thanh.pk],
    }
    response = client_for(world.bn_coordinator).post(reverse("reporting:request_create"), data)
    assert response.status_code == 200
    assert {"unit", "units"} <= set(response.context["form"].errors)
    data["unit"] = world.bac_ninh.pk
    response = client_for(world.bn_coordinator).post(reverse("reporting:request_create"), data)
    assert response.status_code == 200
    assert "units" in response.context["form"].errors
    assert not ReportRequest.objects.exists()
