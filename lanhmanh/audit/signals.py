"""What reaches the trail without a call in a view: data changes that django-auditlog
records (copied here, so the screen has one table), changes made in Django's admin
(configuration), logins and logouts, failed logins and lockouts (django-axes).

Addresses: django-auditlog's own entries keep none (AUDITLOG_DISABLE_REMOTE_ADDR: it
cannot tell a citizen from an official). Failed logins and lockouts keep the address
they came from, as django-axes does to lock it out: only staff have accounts, and an
address is what traces a guessing attack.
"""

import logging
from contextvars import ContextVar

from auditlog.models import LogEntry
from auditlog.signals import post_log, pre_log
from axes.signals import user_locked_out
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.signals import request_finished
from django.db.models.signals import post_save
from django.dispatch import receiver

from lanhmanh.core.audit import UNIT_FIELDS, AuditAction, unit_path_of

from .models import AuditEvent

logger = logging.getLogger(__name__)

_WRITES = {
    LogEntry.Action.CREATE: AuditAction.CREATE,
    LogEntry.Action.UPDATE: AuditAction.UPDATE,
    LogEntry.Action.DELETE: AuditAction.DELETE,
}


# The instance auditlog is logging, from its pre_log to its post_log: the entry's copy
# takes the object from here instead of fetching it again. A pre_log without post_log
# (vetoed, or nothing changed) leaves it until the next pre_log, the next entry or the
# end of the request; an entry that does not match it falls back to the query.
_logging: ContextVar[tuple | None] = ContextVar("audit_logging", default=None)


@receiver(pre_log)
def note_logged_instance(sender, instance, action, **kwargs):
    _logging.set((instance, action))


@receiver(post_log)
@receiver(request_finished)
def forget_logged_instance(sender, **kwargs):
    _logging.set(None)


@receiver(post_save, sender=LogEntry)
def copy_auditlog_entry(sender, instance, created, **kwargs):
    pending = _logging.get()
    _logging.set(None)  # used once at most, whatever happens below
    if not created:
        return
    try:
        _copy(instance, pending)
    except Exception:  # the data change itself goes on; auditlog's entry remains
        logger.exception("auditlog entry %s not copied to the trail", instance.pk)


def _copy(instance, pending=None):
    changes = instance.changes_dict or {}
    action = _WRITES.get(instance.action)
    if action is None:
        return  # logins and logouts come with their request below
    model = instance.content_type.model_class() if instance.content_type_id else None
    obj = logged = None
    if model is not None and action != AuditAction.DELETE:
        obj = logged = _logged_object(instance, model, changes, pending)
        if obj is None:
            obj = model._default_manager.filter(pk=instance.object_pk).first()
    # Set from auditlog's context (the request's user), so cached: no query.
    actor = instance.actor
    AuditEvent.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        action=action,
        object_type=model._meta.label_lower if model else "",
        object_id=str(instance.object_pk or "")[:64],
        object_repr=(instance.object_repr or "")[:255],
        unit_path=unit_path_of(
            obj, actor, just_created=logged is not None and action == AuditAction.CREATE
        ),
        detail={"changes": changes},
    )


def _logged_object(entry, model, changes, pending):
    """The instance auditlog just logged, when it is this entry's object and gives the
    unit path the stored row would; None otherwise (the row is fetched)."""
    if pending is None:
        return None
    obj, action = pending
    if (
        action != entry.action
        or obj._meta.concrete_model is not model
        or str(obj.pk) != str(entry.object_pk)
        # m2m changes send no pre_log: an instance left here is not theirs.
        or any(isinstance(change, dict) for change in changes.values())
    ):
        return None
    # An update is logged before it is saved: the stored row is the old one, which the
    # copy has always recorded. The instance gives the same unit unless the unit changed
    # (or it is an account, whose unit comes from its memberships).
    if action == LogEntry.Action.UPDATE and (
        hasattr(obj, "get_username") or UNIT_FIELDS & changes.keys()
    ):
        return None
    return obj


@receiver(post_save, sender=AdminLogEntry)
def copy_admin_change(sender, instance, created, **kwargs):
    """Django's admin is where the national administrator changes the catalogues (report
    forms, indicators, sectors): a configuration change."""
    if not created:
        return
    AuditEvent.objects.create(
        actor=instance.user,
        actor_name=instance.user.get_username() if instance.user_id else "",
        action=AuditAction.CONFIG,
        object_type=(
            instance.content_type.model_class()._meta.label_lower
            if instance.content_type_id and instance.content_type.model_class()
            else ""
        ),
        object_id=str(instance.object_id or "")[:64],
        object_repr=(instance.object_repr or "")[:255],
        detail={"admin_action": instance.action_flag, "message": instance.get_change_message()},
    )


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    from lanhmanh.core.audit import audit

    audit(request, AuditAction.LOGIN, user)


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    from lanhmanh.core.audit import audit

    if user is not None:
        audit(user, AuditAction.LOGOUT, user, ip=request.META.get("REMOTE_ADDR"))


def _client_ip(request):
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_login_failed)
def record_failed_login(sender, credentials, request=None, **kwargs):
    from django.contrib.auth import get_user_model

    from lanhmanh.core.audit import audit

    username = str(credentials.get("username", ""))[:150]
    account = get_user_model().objects.filter(username=username).first()
    audit(
        None,
        AuditAction.LOGIN_FAILED,
        account,
        actor_name=username,
        ip=_client_ip(request),
        keep_ip=True,
        path=request.path if request is not None else "",
    )


@receiver(user_locked_out)
def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    from django.contrib.auth import get_user_model

    from lanhmanh.core.audit import audit

    account = get_user_model().objects.filter(username=username or "").first()
    audit(
        None,
        AuditAction.LOCKOUT,
        account,
        actor_name=str(username or "")[:150],
        ip=ip_address or _client_ip(request),
        keep_ip=True,
    )
