"""The two doors of the module's views: reading it at all (404 when closed, like any
out-of-scope page) and writing at a unit (403 for a read-only role inside the scope)."""

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, can, require, require_module

MODULE = Module.INSPECTIONS


def require_read(user) -> None:
    require_module(user, MODULE)


def require_write(user, unit=None) -> None:
    """403 for a reader of the module; the caller fetched ``unit`` through the scope."""
    require_read(user)
    require(user, MODULE, WRITE, unit)


def may_write(user, unit=None) -> bool:
    return can(user, MODULE, WRITE, unit)
