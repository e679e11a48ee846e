"""The screen of a target's limits: the plan's writers set the team, agency, level, 'each
unit of a level' and horizon a target counts; outsiders get 404, readers 403."""

import pytest
from django.urls import reverse

from lanhmanh.accounts.models import Membership
from lanhmanh.accounts.roles import Role
from lanhmanh.accounts.scope import forget_scope
from lanhmanh.plans.models import Plan, Target

COVERED_ROUTES = {"reporting:target_limits"}


@pytest.fixture
def target(world):
    plan = Plan.objects.create(unit=world.thanh_hoa, year_from=2026, year_to=2026, title="KH")
    return Target.objects.create(
        plan=plan, statement="Kiểm tra 80 cơ sở", comparator=">=", value=80, measure="count"
    )


def url(target):
    return reverse("reporting:target_limits", args=[target.pk])


def test_the_coordinator_sets_the_limits(world, target, client_for):
    client = client_for(world.th_coordinator)
    assert client.get(url(target)).status_code == 200
    response = client.post(
        url(target),
        {
            "limit_team": world.th_team.pk,
            "each_level": "commune",
            "horizon_year": "2028",
            "version": target.version,
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.limit_team, target.each_level, target.horizon_year) == (
        world.th_team,
        "commune",
        2028,
    )
    # Another province's team is not a choice; a level at or above the plan's is refused.
    response = client.post(url(target), {"limit_team": world.bn_team.pk, "version": 2})
    assert response.status_code == 200 and "limit_team" in response.context["form"].errors
    response = client.post(url(target), {"each_level": "province", "version": 2})
    assert response.status_code == 200 and "each_level" in response.context["form"].errors
    response = client.post(url(target), {"horizon_year": "2020", "version": 2})
    assert response.status_code == 200
    target.refresh_from_db()
    assert target.horizon_year == 2028


@pytest.mark.parametrize("who", ["bn_coordinator", "nobody", "th_tips"])
def test_it_is_404_outside_the_scope(world, target, client_for, who):
    client = client_for(getattr(world, who))
    assert client.get(url(target)).status_code == 404
    assert client.post(url(target), {}).status_code == 404


def test_it_is_404_for_two_memberships_elsewhere(world, target, client_for):
    user = world.nobody
    Membership.objects.create(user=user, unit=world.luc_nam, role=Role.DATA_OFFICER)
    Membership.objects.create(user=user, unit=world.thanh_hoa, role=Role.TIP_HANDLER)
    forget_scope(user)
    assert client_for(user).get(url(target)).status_code == 404


def test_the_leader_reads_but_cannot_change(world, target, client_for):
    client = client_for(world.th_leader)
    assert client.get(url(target)).status_code == 403
    assert client.post(url(target), {"each_level": "commune"}).status_code == 403


def test_a_target_with_a_horizon_shows_until_that_year(world):
    from lanhmanh.reporting.selectors import unit_targets

    plan = Plan.objects.create(unit=world.old_thanh_hoa, year_from=2018, year_to=2018, title="KH")
    Target.objects.create(
        plan=plan, statement="95% xã lành mạnh", comparator=">=", value=95, measure="percent"
    )
    later = Target.objects.create(
        plan=plan,
        statement="đến năm 2020 đạt 95%",
        comparator=">=",
        value=95,
        measure="percent",
        horizon_year=2020,
    )
    shown = {y: list(unit_targets(world.national, world.thanh_hoa, y)) for y in (2018, 2020, 2021)}
    assert len(shown[2018]) == 2
    assert shown[2020] == [later]
    assert shown[2021] == []
