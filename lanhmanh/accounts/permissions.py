"""Which modules a user may read or write, from the roles of their active memberships."""

from django.core.exceptions import PermissionDenied

from .roles import ROLE_MODULES, WRITERS, Role
from .scope import Scope, _cache, active_roles, predecessor_paths, scope_for


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


def supervision_scope(user) -> Scope:
    """Units whose support cases the user supervises: the subtrees of their active social
    worker memberships flagged ``supervises`` (and the units merged into them). Nobody
    else, not even a superuser, supervises: opening a case is a matter of the case."""
    if not user or not user.is_authenticated or not user.is_active:
        return Scope()
    cache = _cache(user)
    if "supervision" not in cache:
        from django.utils import timezone

        from .models import Membership

        paths = set(
            Membership.objects.filter(user=user, role=Role.SOCIAL_WORKER, supervises=True)
            .active_on(timezone.localdate())
            .values_list("unit__path", flat=True)
        )
        cache["supervision"] = Scope(frozenset(paths | predecessor_paths(paths)))
    return cache["supervision"]
