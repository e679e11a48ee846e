"""The two doors of the module's views: reading it at all (404 when closed, like any
out-of-scope page) and writing at a unit (403 for a read-only role inside the scope)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from lanhmanh.accounts.permissions import can_read, can_write
from lanhmanh.accounts.roles import Module

MODULE = Module.INSPECTIONS


def require_read(user) -> None:
    if not can_read(user, MODULE):
        raise Http404


def require_write(user, unit=None) -> None:
    """403 for a reader of the module; the caller fetched ``unit`` through the scope."""
    require_read(user)
    if not can_write(user, MODULE, unit):
        raise PermissionDenied


def may_write(user, unit=None) -> bool:
    return can_write(user, MODULE, unit)
