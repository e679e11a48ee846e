"""The overview through the door: the reporting module's scope decides the unit, every
part (targets, map) reads through its own module's scope."""

import datetime

import pytest
from django.urls import reverse

from lanhmanh.inspections.services import hotspot_create
from lanhmanh.reporting.periods import month
from tests.reporting.helpers import make_form, report

COVERED_ROUTES = {"overview:index"}


@pytest.fixture
def data(world):
    form = make_form()
    report(
        world.national,
        form,
        world.hac_thanh,
        month(2026, 1),
        {"awareness_activities": 5},
        reviewer=world.th_coordinator,
    )
    report(
        world.national,
        form,
        world.luc_nam,
        month(2026, 1),
        {"awareness_activities": 7},
        reviewer=world.bn_coordinator,
    )
    hotspot_create(
        unit=world.hac_thanh,
        by=world.th_inspector,
        name="Bờ sông Mã",
        on=datetime.date(2025, 9, 1),
    )
    return form


@pytest.mark.parametrize(
    "username, unit, status",
    [
        ("th_leader", None, 200),
        ("th_leader", "thanh_hoa", 200),
        ("th_leader", "hac_thanh", 200),
        ("th_coordinator", "thanh_hoa", 200),
        ("national", None, 200),
        ("bn_coordinator", "thanh_hoa", 404),  # outsider
        ("bn_coordinator", "hac_thanh", 404),
        ("nobody", None, 404),  # no module
        ("th_leader", "bac_ninh", 404),
        ("ln_officer_th_tips", "thanh_hoa", 404),  # Thanh Hóa only through tips
        ("ln_officer_th_tips", None, 200),
        ("ln_officer_th_tips", "luc_nam", 200),
    ],
)
def test_access_grid(world, data, client_for, username, unit, status):
    client = client_for(getattr(world, username))
    query = {"unit": getattr(world, unit).pk} if unit else {}
    assert client.get(reverse("overview:index"), query).status_code == status


def test_anonymous_goes_to_the_login(client, world):
    response = client.get(reverse("overview:index"))
    assert response.status_code == 302


def test_the_two_membership_user_sees_only_its_reporting_scope(world, data, client_for):
    response = client_for(world.ln_officer_th_tips).get(reverse("overview:index"))
    ov = response.context["ov"]
    assert ov["unit"] == world.luc_nam
    text = response.content.decode()
    assert "Bờ sông Mã" not in text  # a Thanh Hóa hotspot
    assert "Hạc Thành" not in text
    assert ov["coverage"].expected == 1


def test_the_leader_sees_the_province_and_its_hotspot(world, data, client_for):
    response = client_for(world.th_leader).get(reverse("overview:index"))
    ov = response.context["ov"]
    assert ov["unit"] == world.thanh_hoa
    assert "Bờ sông Mã" in response.content.decode()
    assert {row.unit for row in ov["children"]} == {
        world.hac_thanh,
        world.quang_ngoc,
        world.quang_binh,
    }


def test_the_overview_is_on_the_leaders_home_only(world, data, client_for):
    home = client_for(world.th_leader).get(reverse("home")).content.decode()
    assert 'id="lm-home-overview"' in home and reverse("overview:index") in home
    assert "lm-chart" in home and 'id="lm-map"' in home
    other = client_for(world.th_coordinator).get(reverse("home")).content.decode()
    assert 'id="lm-home-overview"' not in other
