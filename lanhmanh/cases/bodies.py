"""Which body a user acts for: the sector of the agency of their enforcement membership
(police, procuracy or court) at a unit covering the case. Asked of the door, never of
memberships directly."""

from __future__ import annotations

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, Scope, memberships_for
from lanhmanh.core.history import with_predecessors
from lanhmanh.organizations.models import Agency

from .models import Body


def acting_agencies(user, unit, body: str | None = None) -> list[Agency]:
    """The agencies ``user`` writes cases for at ``unit`` (of ``body`` when given): those
    of their memberships opening the module for writing at a unit covering ``unit``."""
    found: dict[int, Agency] = {}
    for membership in memberships_for(user, Module.ENFORCEMENT, WRITE):
        agency = membership.agency
        if agency is None or agency.sector.code not in Body.values:
            continue
        if body and agency.sector.code != body:
            continue
        if Scope(with_predecessors({membership.unit.path})).covers(unit.path):
            found[agency.pk] = agency
    return list(found.values())


def bodies_of(user) -> set[str]:
    """The bodies the user acts for anywhere (for to-dos and buttons)."""
    return {
        m.agency.sector.code
        for m in memberships_for(user, Module.ENFORCEMENT, WRITE)
        if m.agency and m.agency.sector.code in Body.values
    }
