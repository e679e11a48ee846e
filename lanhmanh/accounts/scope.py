"""The door: the one place that turns a user's memberships into what they may see or do.

A membership gives a role at a unit; the role opens modules for actions (read, write,
review: lanhmanh/accounts/roles.py); the unit's subtree, plus the units that turned into
it in 2025, is where. ``scope_for(user, module, action=...)`` is that set of path
prefixes; every queryset reaching a user goes through ``Model.objects.visible_to(user)``
(which asks this module through the resolver it registers in lanhmanh/core/scoping.py),
and a forbidden object is fetched exactly like a missing one (404).

Views use ``require_module`` (404 when the user's roles do not open the module),
``unit_or_404`` (a unit inside the module's scope) and ``can``/``require`` for writes and
reviews at a unit (403 for a read-only role inside the scope). Nothing outside this module
reads memberships to decide access or filters by a unit's path by hand.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from lanhmanh.core.history import predecessor_paths, with_predecessors
from lanhmanh.core.scoping import (
    ACTIONS,
    READ,
    REVIEW,
    WRITE,
    Scope,
    ScopedQuerySet,
    get_visible_or_404,
    minimal_prefixes,
    prefix_q,
    set_resolver,
    within,
)
from lanhmanh.geography.models import AdministrativeUnit

from .models import Membership
from .roles import REVIEWERS, ROLE_MODULES, WRITERS

__all__ = [
    "ACTIONS",
    "READ",
    "REVIEW",
    "WRITE",
    "Scope",
    "ScopedQuerySet",
    "active_roles",
    "agencies_of",
    "can",
    "forget_scope",
    "get_visible_or_404",
    "memberships_for",
    "memberships_of",
    "minimal_prefixes",
    "people_at",
    "people_of",
    "predecessor_paths",
    "prefix_q",
    "require",
    "require_module",
    "roles_for",
    "scope_for",
    "scope_q",
    "unit_or_404",
    "units_of",
    "within",
]

_CACHE_ATTR = "_lanhmanh_scope"
_OPENS = {READ: ROLE_MODULES, WRITE: WRITERS, REVIEW: REVIEWERS}


def roles_for(module: str | None, action: str = READ) -> frozenset[str]:
    """The roles that open ``module`` (None: any module, to read) for ``action``."""
    if module is None:
        return frozenset(ROLE_MODULES) if action == READ else frozenset()
    return frozenset(role for role, modules in _OPENS[action].items() if module in modules)


def _signed_in(user) -> bool:
    return bool(user) and user.is_authenticated and user.is_active


def _cache(user) -> dict:
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTR, cache)
    return cache


def forget_scope(user) -> None:
    """Call after changing a user's memberships within the same request."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def memberships_of(user) -> list[Membership]:
    """The user's memberships valid today, with unit and agency: one query per request."""
    if not _signed_in(user):
        return []
    cache = _cache(user)
    if "memberships" not in cache:
        cache["memberships"] = list(
            Membership.objects.filter(user=user)
            .active()
            .select_related("unit", "unit__parent", "agency", "agency__sector", "agency__unit")
            .order_by("unit__path", "pk")
        )
    return cache["memberships"]


def memberships_for(user, module: str | None = None, action: str = READ, roles=None):
    """The memberships that open ``module`` for ``action`` (and hold one of ``roles``)."""
    opening = roles_for(module, action)
    return [
        m for m in memberships_of(user) if m.role in opening and (roles is None or m.role in roles)
    ]


def active_roles(user) -> list[tuple[str, str]]:
    """(role, unit path) of the user's memberships valid today."""
    return [(m.role, m.unit.path) for m in memberships_of(user)]


def units_of(user, module: str | None = None, action: str = READ, roles=None) -> list:
    """The units of the user's own memberships opening ``module`` for ``action``, in path
    order, without repeats: where a screen opens and where 'add' buttons lead."""
    units = {m.unit.pk: m.unit for m in memberships_for(user, module, action, roles)}
    return sorted(units.values(), key=lambda u: u.path)


def agencies_of(user, module: str | None = None, action: str = READ) -> list:
    """The agencies of the user's memberships opening ``module`` for ``action``."""
    agencies = {m.agency.pk: m.agency for m in memberships_for(user, module, action) if m.agency}
    return list(agencies.values())


def scope_for(user, module: str | None = None, *, write: bool = False, action=None) -> Scope:
    """The user's scope for a module (None: any module), for an action (``write=True``
    is ``action=WRITE``), cached on the user object for the request."""
    action = action or (WRITE if write else READ)
    if not _signed_in(user):
        return Scope()
    if user.is_superuser:
        return Scope(everything=True)
    cache = _cache(user)
    key = (module, action)
    if key not in cache:
        paths = frozenset(m.unit.path for m in memberships_for(user, module, action))
        # Modules opened at the same units share one walk through the unit history.
        if ("history", paths) not in cache:
            cache["history", paths] = with_predecessors(paths)
        cache[key] = Scope(cache["history", paths])
    return cache[key]


def scope_q(user, path_lookup: str, module: str | None = None, action: str = READ):
    return scope_for(user, module, action=action).q(path_lookup)


def _resolve(user, module, action) -> Scope:
    return scope_for(user, module, action=action)


set_resolver(_resolve)


def can(user, module: str, action: str = READ, unit=None) -> bool:
    """Does a role of the user open ``module`` for ``action`` — at ``unit`` when given (a
    role held at the unit, above it, or at a unit it became)?"""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    if unit is None:
        return bool(memberships_for(user, module, action))
    return scope_for(user, module, action=action).covers(unit.path)


def require_module(user, module: str, action: str = READ) -> None:
    """404 when no role of the user opens the module (for the action): the pages do not
    exist for them, like any out-of-scope page."""
    if not can(user, module, action):
        raise Http404


def require(user, module: str, action: str = WRITE, unit=None) -> None:
    """403 for a user who may not act at ``unit`` (fetched through the scope first)."""
    if not can(user, module, action, unit):
        raise PermissionDenied


def unit_or_404(user, pk, module: str | None = None, action: str = READ, queryset=None):
    """A unit inside the user's scope for ``module`` and ``action``: a unit seen through
    another module's role is as missing as a unit that does not exist."""
    units = queryset if queryset is not None else AdministrativeUnit.objects.all()
    return get_visible_or_404(units, user, module=module, action=action, pk=pk)


def people_at(units, *, roles, on=None):
    """Memberships (with user and agency) of the given roles at ``units``, valid on
    ``on`` (today by default): who is asked for a unit's work, e.g. reminders."""
    memberships = Membership.objects.filter(
        role__in=roles, unit__in=units, user__is_active=True
    ).select_related("user", "agency")
    return memberships.active_on(on) if on else memberships.active()


def people_of(agencies, *, module: str, on=None):
    """Memberships (with user) held for ``agencies`` in roles that open ``module``, valid
    on ``on`` (today by default): who hears of work given to an agency, e.g. a task."""
    memberships = Membership.objects.filter(
        agency__in=agencies, role__in=roles_for(module), user__is_active=True
    ).select_related("user")
    return memberships.active_on(on) if on else memberships.active()
