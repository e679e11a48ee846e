from lanhmanh.accounts.permissions import can_read
from lanhmanh.accounts.roles import Module


def scope(request):
    """What the layout needs on every page: the user's memberships and open modules."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from lanhmanh.accounts.models import Membership

    return {
        "my_memberships": Membership.objects.filter(user=user)
        .active()
        .select_related("unit", "unit__parent", "agency"),
        "can_manage_users": can_read(user, Module.USERS),
        "can_read_plans": can_read(user, Module.PLANS),
        "can_read_inspections": can_read(user, Module.INSPECTIONS),
        "can_read_reporting": can_read(user, Module.REPORTING),
        "can_read_activities": can_read(user, Module.ACTIVITIES),
    }
