"""Reads about accounts that other modules need, so they never query memberships."""

from django.utils import timezone

from lanhmanh.geography.models import AdministrativeUnit

from .models import User
from .scope import WRITE, people_at, roles_for


def users_writing(module: str, unit):
    """Active users holding, today, a role that writes ``module`` at ``unit`` or above it
    (the people a task there can be assigned to)."""
    units = AdministrativeUnit.objects.filter(path__in=_prefixes(unit.path))
    ids = people_at(units, roles=roles_for(module, WRITE), on=timezone.localdate()).values(
        "user_id"
    )
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name", "username")


def _prefixes(path: str) -> list[str]:
    """'current/38/14755/' → ['current/38/', 'current/38/14755/']."""
    parts = path.strip("/").split("/")
    return ["/".join(parts[:i]) + "/" for i in range(2, len(parts) + 1)]
