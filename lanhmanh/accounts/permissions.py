"""Which modules a user may read or write: the door's answers under their older names
(lanhmanh/accounts/scope.py decides)."""

from .scope import READ, WRITE, can, require


def can_read(user, module: str) -> bool:
    return can(user, module, READ)


def can_write(user, module: str, unit=None) -> bool:
    """Write access to a module; at ``unit`` when given: a writing role held at the unit,
    above it, or at a unit it became (a province today writes its 2018 plans)."""
    return can(user, module, WRITE, unit)


def require_write(user, module: str, unit=None) -> None:
    require(user, module, WRITE, unit)
