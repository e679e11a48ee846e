"""Which modules a user may read or write: the door's answers under their older names
(lanhmanh/accounts/scope.py decides)."""

from .roles import Role
from .scope import READ, WRITE, Scope, _cache, can, memberships_of, predecessor_paths, require


def can_read(user, module: str) -> bool:
    return can(user, module, READ)


def can_write(user, module: str, unit=None) -> bool:
    """Write access to a module; at ``unit`` when given: a writing role held at the unit,
    above it, or at a unit it became (a province today writes its 2018 plans)."""
    return can(user, module, WRITE, unit)


def require_write(user, module: str, unit=None) -> None:
    require(user, module, WRITE, unit)


def supervision_scope(user) -> Scope:
    """Units whose support cases the user supervises: the subtrees of their active social
    worker memberships flagged ``supervises`` (and the units merged into them). Nobody
    else, not even a superuser, supervises: opening a case is a matter of the case."""
    if not user or not user.is_authenticated or not user.is_active:
        return Scope()
    cache = _cache(user)
    if "supervision" not in cache:
        # The door's cached memberships of today: no query of its own.
        paths = {
            m.unit.path
            for m in memberships_of(user)
            if m.role == Role.SOCIAL_WORKER and m.supervises
        }
        cache["supervision"] = Scope(frozenset(paths | predecessor_paths(paths)))
    return cache["supervision"]
