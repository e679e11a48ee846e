"""The one scope mechanism.

Every queryset that reaches a user goes through ``Model.objects.visible_to(user)``. A
model's queryset names the lookup that leads to a unit's materialised path
(``scope_path``); the user's scope is the set of path prefixes of the units of their
active memberships, plus the units those units were formed from (a 2025 province sees the
pre-2025 provinces merged into it, with their districts and communes). Views never filter
by unit by hand, and a forbidden object is fetched exactly like a missing one (404).
"""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.utils import timezone

from lanhmanh.core.audit import note_fetched

_CACHE_ATTR = "_lanhmanh_scope"


class Scope:
    """What one user may see: ``everything`` or a set of unit path prefixes."""

    def __init__(self, prefixes: frozenset[str] = frozenset(), everything: bool = False):
        self.everything = everything
        self.prefixes = prefixes

    def q(self, path_lookup: str) -> models.Q:
        if self.everything:
            return models.Q()
        if not self.prefixes:
            return models.Q(**{f"{path_lookup}__in": []})
        q = models.Q()
        for prefix in sorted(self.prefixes):
            q |= models.Q(**{f"{path_lookup}__startswith": prefix})
        return q

    def covers(self, path: str) -> bool:
        return self.everything or any(path.startswith(p) for p in self.prefixes)


def _minimal(prefixes: set[str]) -> frozenset[str]:
    """Drop prefixes already covered by a shorter one."""
    kept: list[str] = []
    for p in sorted(prefixes, key=len):
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return frozenset(kept)


def predecessor_paths(paths: set[str]) -> set[str]:
    """Paths of every unit that turned (directly or through earlier changes) into a unit
    in one of the subtrees ``paths``. One query per step back in time."""
    from lanhmanh.geography.models import UnitChange

    found: set[str] = set()
    frontier = set(paths)
    while frontier:
        q = models.Q()
        for p in frontier:
            q |= models.Q(successor__path__startswith=p)
        new = set(
            UnitChange.objects.filter(q).values_list("predecessor__path", flat=True).distinct()
        )
        frontier = {p for p in new - found if not any(p.startswith(f) for f in found | paths)}
        found |= new
    return found


def active_roles(user) -> list[tuple[str, str]]:
    """(role, unit path) of the user's memberships valid today, cached per request."""
    cache = _cache(user)
    if "roles" not in cache:
        from .models import Membership

        cache["roles"] = list(
            Membership.objects.filter(user=user)
            .active_on(timezone.localdate())
            .values_list("role", "unit__path")
        )
    return cache["roles"]


def scope_for(user, module: str | None = None, *, write: bool = False) -> Scope:
    """The user's scope for a module (None: any module), to read or to write, cached on
    the user object for the request."""
    if not user or not user.is_authenticated or not user.is_active:
        return Scope()
    if user.is_superuser:
        return Scope(everything=True)
    cache = _cache(user)
    key = (module, write)
    if key not in cache:
        from .roles import ROLE_MODULES, WRITERS

        opens = WRITERS if write else ROLE_MODULES
        paths = {
            path
            for role, path in active_roles(user)
            if (module is None and not write) or module in opens.get(role, ())
        }
        cache[key] = Scope(_minimal(paths | predecessor_paths(paths)) if paths else frozenset())
    return cache[key]


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


def scope_q(user, path_lookup: str, module: str | None = None) -> models.Q:
    return scope_for(user, module).q(path_lookup)


class ScopedQuerySet(models.QuerySet):
    """Base queryset of every model a user can reach. Subclasses set ``scope_path``."""

    scope_path: str = "unit__path"
    # The module whose roles open these rows; None means any membership does.
    scope_module: str | None = None

    def visible_to(self, user):
        return self.filter(scope_q(user, self.scope_path, self.scope_module))


def get_visible_or_404(queryset_or_model, user, **lookup):
    """Fetch one object the user may see; a forbidden object is as missing as a missing one."""
    qs = (
        queryset_or_model._default_manager.all()
        if isinstance(queryset_or_model, type)
        else queryset_or_model
    )
    try:
        obj = qs.visible_to(user).get(**lookup)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    note_fetched(obj)  # an audited page records the record it showed
    return obj
