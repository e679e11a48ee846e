"""Logins and logouts go into the audit log next to data changes."""

from auditlog.models import LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver


def _log(user, action_text: str) -> None:
    LogEntry.objects.log_create(
        user,
        action=LogEntry.Action.ACCESS,
        changes={"event": action_text},
        actor=user,
        force_log=True,
    )


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    _log(user, "login")


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        _log(user, "logout")
