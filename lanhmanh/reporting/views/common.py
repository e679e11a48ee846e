"""The doors of the reporting screens, all through lanhmanh/accounts/scope.py: reading the
module at all (404 when closed, like any out-of-scope page), fetching a submission or a
unit through the reporting scope (404 outside it: a unit seen through another module's
role is as missing as any). Writes are checked by the services, which raise
PermissionDenied (403) for a read-only role inside the scope."""

from __future__ import annotations

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import (
    READ,
    REVIEW,
    WRITE,
    get_visible_or_404,
    memberships_for,
    require_module,
    units_of,
)
from lanhmanh.accounts.scope import unit_or_404 as _unit_or_404
from lanhmanh.geography.models import AdministrativeUnit

from ..models import Submission

MODULE = Module.REPORTING
# ``home_unit(user, REVIEWERS)``: the first unit where the user reviews reports.
REVIEWERS = REVIEW


def require_read(user) -> None:
    require_module(user, MODULE)


def submission_or_404(user, pk) -> Submission:
    queryset = Submission.objects.select_related(
        "form", "unit", "unit__parent", "agency", "submitted_by", "approved_by"
    )
    return get_visible_or_404(queryset, user, pk=pk)


def unit_or_404(user, pk) -> AdministrativeUnit:
    """A unit of the user's reporting scope."""
    return _unit_or_404(
        user, pk, MODULE, queryset=AdministrativeUnit.objects.select_related("parent")
    )


def memberships(user, roles=None):
    """The user's memberships valid today that write reports (or hold one of ``roles``)."""
    if roles is None:
        return memberships_for(user, MODULE, WRITE)
    return memberships_for(user, MODULE, roles=roles)


def home_unit(user, action: str = READ) -> AdministrativeUnit | None:
    """The unit a screen opens on by default: the user's first membership opening the
    reporting module for ``action``."""
    units = units_of(user, MODULE, action)
    return units[0] if units else None
