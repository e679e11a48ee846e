"""Which modules a user may read or write, from the roles of their active memberships."""

from django.core.exceptions import PermissionDenied

from .roles import ROLE_MODULES, WRITERS
from .scope import active_roles


def can_read(user, module: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(module in ROLE_MODULES.get(role, ()) for role, _ in active_roles(user))


def can_write(user, module: str, unit=None) -> bool:
    """Write access to a module, at ``unit`` when given (a role held at or above it)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(
        module in WRITERS.get(role, ()) and (unit is None or unit.path.startswith(path))
        for role, path in active_roles(user)
    )


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
