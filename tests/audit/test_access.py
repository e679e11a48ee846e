"""The audit screen: administrators only; 404 for everyone else."""

import pytest
from django.urls import reverse

COVERED_ROUTES = {"audit:event_list", "audit:event_export"}


@pytest.fixture
def two_provinces(world):
    from django.contrib.auth import get_user_model

    from lanhmanh.accounts.models import Membership
    from lanhmanh.accounts.roles import Role

    user = get_user_model().objects.create_user("two_provinces", password="x" * 12)
    Membership.objects.create(user=user, unit=world.luc_nam, role=Role.DATA_OFFICER)
    Membership.objects.create(user=user, unit=world.thanh_hoa, role=Role.TIP_HANDLER)
    return user


@pytest.mark.parametrize("name", sorted(COVERED_ROUTES))
@pytest.mark.parametrize(
    "who", ["bn_coordinator", "nobody", "th_leader", "th_coordinator", "hac_thanh_officer"]
)
def test_only_administrators_reach_the_trail(world, client_for, name, who):
    assert client_for(getattr(world, who)).get(reverse(name)).status_code == 404


@pytest.mark.parametrize("name", sorted(COVERED_ROUTES))
def test_a_user_with_two_roles_elsewhere_does_not_reach_it(world, client_for, two_provinces, name):
    assert client_for(two_provinces).get(reverse(name)).status_code == 404


@pytest.mark.parametrize("name", sorted(COVERED_ROUTES))
@pytest.mark.parametrize("who", ["national", "th_admin"])
def test_administrators_reach_it(world, client_for, name, who):
    assert client_for(getattr(world, who)).get(reverse(name)).status_code == 200
