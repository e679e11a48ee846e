"""Which modules a user may read or write, from the roles of their active memberships."""

from django.core.exceptions import PermissionDenied

from .roles import ROLE_MODULES, WRITERS
from .scope import active_roles, scope_for


def can_read(user, module: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(module in ROLE_MODULES.get(role, ()) for role, _ in active_roles(user))


def can_write(user, module: str, unit=None) -> bool:
    """Write access to a module; at ``unit`` when given: a writing role held at the unit,
    above it, or at a unit it became (a province today writes its 2018 plans)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if unit is None:
        return any(module in WRITERS.get(role, ()) for role, _ in active_roles(user))
    return scope_for(user, module, write=True).covers(unit.path)


class ModuleAccessMixin:
    """Class-based views: ``module`` to read; ``write = True`` for views that change data.

    A user without the module gets 404 like any other out-of-scope request: the page
    does not exist for them.
    """

    module: str
    write: bool = False

    def dispatch(self, request, *args, **kwargs):
        allowed = can_write if self.write else can_read
        if not allowed(request.user, self.module):
            from django.http import Http404

            raise Http404
        return super().dispatch(request, *args, **kwargs)


def require_write(user, module: str, unit=None) -> None:
    if not can_write(user, module, unit):
        raise PermissionDenied
