"""The two doors of the module's views: reading it at all (404 when closed, like any
out-of-scope page) and writing at a unit (403 for a read-only role inside the scope)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

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


# Hotspots are followed by team 178 and by the police (the enforcement module) alike.
HOTSPOT_MODULES = (Module.INSPECTIONS, Module.ENFORCEMENT)


def require_hotspot_read(user) -> None:
    if not any(can(user, module) for module in HOTSPOT_MODULES):
        raise Http404


def may_write_hotspot(user, unit=None) -> bool:
    return any(can(user, module, WRITE, unit) for module in HOTSPOT_MODULES)


def require_hotspot_write(user, unit=None) -> None:
    """404 without either module, 403 for a reader (the caller fetched ``unit`` through
    the scope)."""
    require_hotspot_read(user)
    if not may_write_hotspot(user, unit):
        raise PermissionDenied
