"""The doors of the reporting screens: reading the module at all (404 when closed, like any
out-of-scope page), fetching a submission or a unit through the scope (404 outside it).
Writes are checked by the services, which raise PermissionDenied (403) for a read-only
role inside the scope."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone

from lanhmanh.accounts.models import Membership
from lanhmanh.accounts.permissions import can_read
from lanhmanh.accounts.roles import ROLE_MODULES, WRITERS, Module, Role
from lanhmanh.accounts.scope import get_visible_or_404
from lanhmanh.geography.models import AdministrativeUnit

from .models import Submission

MODULE = Module.REPORTING
REVIEWERS = (Role.COORDINATOR, Role.ADMINISTRATOR)


def require_read(user) -> None:
    if not can_read(user, MODULE):
        raise Http404


def submission_or_404(user, pk) -> Submission:
    queryset = Submission.objects.select_related(
        "form", "unit", "unit__parent", "agency", "submitted_by", "approved_by"
    )
    return get_visible_or_404(queryset, user, pk=pk)


def unit_or_404(user, pk) -> AdministrativeUnit:
    return get_visible_or_404(AdministrativeUnit.objects.select_related("parent"), user, pk=pk)


def memberships(user, roles=None):
    """The user's memberships valid today that open the reporting module."""
    found = (
        Membership.objects.filter(user=user)
        .active_on(timezone.localdate())
        .select_related("unit", "unit__parent", "agency", "agency__sector")
        .order_by("unit__path")
    )
    return [
        m
        for m in found
        if (roles is None or m.role in roles) and (roles is not None or MODULE in WRITERS[m.role])
    ]


def home_unit(user, roles=None) -> AdministrativeUnit | None:
    """The unit a screen opens on by default: the user's first reporting membership."""
    for m in (
        Membership.objects.filter(user=user)
        .active_on(timezone.localdate())
        .select_related("unit", "unit__parent")
        .order_by("unit__path")
    ):
        if m.role in roles if roles else MODULE in ROLE_MODULES[m.role]:
            return m.unit
    return None
