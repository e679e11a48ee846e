from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, can, memberships_of


def scope(request):
    """What the layout needs on every page: the user's memberships and open modules."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "my_memberships": memberships_of(user),
        "can_manage_users": can(user, Module.USERS),
        "can_read_plans": can(user, Module.PLANS),
        "can_read_inspections": can(user, Module.INSPECTIONS),
        "can_read_reporting": can(user, Module.REPORTING),
        "can_read_tips": can(user, Module.TIPS),
        "can_read_support": can(user, Module.SUPPORT),
        "can_read_activities": can(user, Module.ACTIVITIES),
        "can_read_enforcement": can(user, Module.ENFORCEMENT),
        "can_write_enforcement": can(user, Module.ENFORCEMENT, WRITE),
        "can_read_assessments": can(user, Module.ASSESSMENTS),
        "can_read_committee": can(user, Module.COMMITTEE),
    }
