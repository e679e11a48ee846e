"""The door's vocabulary: module × action × unit, from the memberships of the world."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from lanhmanh.accounts.models import Membership
from lanhmanh.accounts.roles import Module, Role
from lanhmanh.accounts.scope import (
    READ,
    REVIEW,
    WRITE,
    agencies_of,
    can,
    forget_scope,
    memberships_of,
    require,
    require_module,
    roles_for,
    scope_for,
    unit_or_404,
    units_of,
)
from lanhmanh.geography.models import AdministrativeUnit


def test_roles_open_modules_by_action():
    assert Role.LEADER in roles_for(Module.REPORTING, READ)
    assert Role.LEADER not in roles_for(Module.REPORTING, WRITE)
    assert roles_for(Module.REPORTING, REVIEW) == {Role.COORDINATOR, Role.ADMINISTRATOR}
    assert roles_for(Module.INSPECTIONS, REVIEW) == frozenset()


def test_memberships_are_read_once_per_request(world, django_assert_num_queries):
    user = world.th_coordinator
    # The memberships, then one walk back through the unit history (two steps).
    with django_assert_num_queries(3):
        memberships_of(user)
        scope_for(user, Module.REPORTING)
        units_of(user, Module.PLANS)
        agencies_of(user, Module.PLANS)
        can(user, Module.INSPECTIONS, WRITE, world.hac_thanh)


def test_a_reviewer_reviews_below_their_unit_not_at_it(world):
    review = scope_for(world.th_coordinator, Module.REPORTING, action=REVIEW)
    assert review.covers_below(world.hac_thanh.path)
    assert review.covers_below(world.old_dien_bien.path)  # formed into today's province
    assert not review.covers_below(world.thanh_hoa.path)
    assert not scope_for(world.hac_thanh_officer, Module.REPORTING, action=REVIEW)


def test_two_memberships_open_each_module_only_where_its_role_is(world):
    user = world.ln_officer_th_tips
    assert can(user, Module.REPORTING, WRITE, world.luc_nam)
    assert not can(user, Module.REPORTING, READ, world.hac_thanh)
    assert can(user, Module.TIPS, READ, world.hac_thanh)
    assert not can(user, Module.TIPS, READ, world.luc_nam)
    assert unit_or_404(user, world.luc_nam.pk, Module.REPORTING) == world.luc_nam
    with pytest.raises(Http404):
        unit_or_404(user, world.thanh_hoa.pk, Module.REPORTING)
    assert unit_or_404(user, world.thanh_hoa.pk, Module.TIPS) == world.thanh_hoa


def test_the_querysets_take_a_module_and_an_action(world):
    user = world.ln_officer_th_tips
    units = AdministrativeUnit.objects
    assert world.hac_thanh in units.visible_to(user)  # any membership: the tips role
    assert world.hac_thanh not in units.visible_to(user, module=Module.REPORTING)
    assert set(units.visible_to(world.th_leader, module=Module.PLANS, action=WRITE)) == set()
    assert world.hac_thanh in units.within(world.thanh_hoa)
    assert world.luc_nam not in units.within(world.thanh_hoa)


def test_views_get_404_without_the_module_and_403_without_the_right(world):
    with pytest.raises(Http404):
        require_module(world.th_tips, Module.REPORTING)
    require_module(world.th_leader, Module.REPORTING)
    with pytest.raises(PermissionDenied):
        require(world.th_leader, Module.REPORTING, WRITE, world.hac_thanh)
    require(world.th_coordinator, Module.REPORTING, WRITE, world.hac_thanh)


def test_a_changed_membership_is_seen_after_forget_scope(world):
    user = world.nobody
    assert not can(user, Module.PLANS)
    Membership.objects.create(user=user, unit=world.hac_thanh, role=Role.DATA_OFFICER)
    assert not can(user, Module.PLANS)  # cached for the request
    forget_scope(user)
    assert can(user, Module.PLANS)
    assert units_of(user, Module.PLANS) == [world.hac_thanh]
