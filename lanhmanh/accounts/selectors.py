"""Reads about accounts that other modules need, so they never query memberships."""

from django.utils import timezone

from .models import Membership, User
from .roles import WRITERS


def users_writing(module: str, unit):
    """Active users holding, today, a role that writes ``module`` at ``unit`` or above it
    (the people a task there can be assigned to)."""
    roles = [role for role, modules in WRITERS.items() if module in modules]
    prefixes = _prefixes(unit.path)
    ids = (
        Membership.objects.filter(role__in=roles, unit__path__in=prefixes)
        .active_on(timezone.localdate())
        .values("user_id")
    )
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name", "username")


def _prefixes(path: str) -> list[str]:
    """'current/38/14755/' → ['current/38/', 'current/38/14755/']."""
    parts = path.strip("/").split("/")
    return ["/".join(parts[:i]) + "/" for i in range(2, len(parts) + 1)]
