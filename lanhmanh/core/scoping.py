"""The mechanism of scope, below every app: path prefixes, the queryset base class and
the one place that filters by a unit's materialised path.

What a user may see is decided in lanhmanh/accounts/scope.py (the door), which registers
itself here with ``set_resolver``: this module imports no app, so geography and every
app above it can build their querysets on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from django.db import models
from django.http import Http404

from .fetched import note_fetched

# The actions a role may open on a module.
READ = "read"
WRITE = "write"
REVIEW = "review"
ACTIONS = (READ, WRITE, REVIEW)


class HasPath(Protocol):
    path: str


def minimal_prefixes(prefixes: Iterable[str]) -> list[str]:
    """Drop prefixes already covered by a shorter one; sorted."""
    kept: list[str] = []
    for p in sorted(set(prefixes), key=len):
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return sorted(kept)


def prefix_q(prefixes: Iterable[str], lookup: str) -> models.Q:
    """True when ``lookup`` starts with one of ``prefixes``; matches nothing when there
    are none. Built flat: OR-ing Q objects one by one costs quadratic time on hundreds of
    prefixes."""
    found = sorted(set(prefixes))
    if not found:
        return models.Q(pk__in=[])
    return models.Q(*[models.Q(**{f"{lookup}__startswith": p}) for p in found], _connector="OR")


def within(unit: HasPath | str, lookup: str = "unit__path") -> models.Q:
    """Rows whose ``lookup`` path is ``unit`` or below it (a unit or its path)."""
    path = unit if isinstance(unit, str) else unit.path
    return models.Q(**{f"{lookup}__startswith": path})


class Scope:
    """What one user may see or do: ``everything`` or a set of unit path prefixes."""

    def __init__(self, prefixes: Iterable[str] = (), everything: bool = False):
        self.everything = everything
        self.prefixes = frozenset(prefixes)

    def __bool__(self) -> bool:
        return self.everything or bool(self.prefixes)

    def __repr__(self) -> str:
        return "Scope(everything)" if self.everything else f"Scope({sorted(self.prefixes)})"

    def q(self, path_lookup: str) -> models.Q:
        if self.everything:
            return models.Q()
        return prefix_q(self.prefixes, path_lookup)

    def covers(self, path: str) -> bool:
        return self.everything or any(path.startswith(p) for p in self.prefixes)

    def covers_below(self, path: str) -> bool:
        """Strictly below one of the scope's units (a reviewer's unit is above the
        reporting unit, never the unit itself)."""
        return self.everything or any(path.startswith(p) and path != p for p in self.prefixes)


Resolver = Callable[[Any, "str | None", str], Scope]
_resolver: Resolver | None = None


def set_resolver(resolver: Resolver) -> None:
    """Called once by the accounts app: how a user becomes a Scope."""
    global _resolver
    _resolver = resolver


def resolve(user, module: str | None = None, action: str = READ) -> Scope:
    if _resolver is None:  # pragma: no cover - the accounts app registers it at import
        raise RuntimeError("No scope resolver: is lanhmanh.accounts installed?")
    return _resolver(user, module, action)


class ScopedQuerySet(models.QuerySet):
    """Base queryset of every model a user can reach. Subclasses set ``scope_path``."""

    scope_path: str = "unit__path"
    # The module whose roles open these rows; None means any membership does.
    scope_module: str | None = None

    def visible_to(self, user, *, module: str | None = None, action: str = READ):
        """Rows in the user's scope for the model's module (or ``module``) and action."""
        scope = resolve(user, module or self.scope_module, action)
        return self.filter(scope.q(self.scope_path))

    def within(self, unit: HasPath | str):
        """Rows at ``unit`` or below it."""
        return self.filter(within(unit, self.scope_path))


def get_visible_or_404(queryset_or_model: Any, user, *, module=None, action=READ, **lookup):
    """Fetch one object the user may see; a forbidden object is as missing as a missing one."""
    qs = queryset_or_model
    if isinstance(qs, type) and issubclass(qs, models.Model):
        qs = qs._default_manager.all()
    try:
        obj = qs.visible_to(user, module=module, action=action).get(**lookup)
    except (qs.model.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc
    note_fetched(obj)  # an audited page records the record it showed
    return obj
