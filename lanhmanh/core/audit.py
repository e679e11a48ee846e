"""The audit trail's one entry point, for every module.

    from lanhmanh.core.audit import AuditAction, audit, audited

    audit(request, AuditAction.DOWNLOAD, plan, file="ke-hoach.docx")
    audit(user, AuditAction.CONFIG, form, field="deadline_days")

``audit(request_or_user, action, obj=None, **detail)`` writes one event: who (the
request's user, or the user given; None for an anonymous person), what (``action``), on
what (``obj``: its type, id, text and the administrative unit it belongs to, which decides
which province administrator sees the event), and ``detail`` (JSON-serialisable values).
Detail values become JSON (dates, decimals as text; anything else as its str()). It
never raises: an audit failure is logged and the user's action goes on.

Reads and downloads are recorded per page, not per query: decorate the view with
``@audited(AuditAction.READ)`` (or DOWNLOAD, EXPORT, UPLOAD). After a successful GET the
decorator records the object the view fetched through ``get_visible_or_404`` for the path's
id (no extra query), once per request; for UPLOAD it records every POST with the files'
names and sizes, accepted when the view redirects, refused otherwise.

Addresses: an event keeps the IP address of a signed-in user only. Actions of anonymous
people (a citizen's tip) never store one, whatever the caller passes.
"""

from __future__ import annotations

import functools
import json
import logging

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from .fetched import _fetched, note_fetched  # noqa: F401 - re-exported for callers

logger = logging.getLogger(__name__)


class AuditAction(models.TextChoices):
    CREATE = "create", _("Tạo mới")
    UPDATE = "update", _("Sửa")
    DELETE = "delete", _("Xóa")
    READ = "read", _("Xem hồ sơ")
    DOWNLOAD = "download", _("Tải tệp")
    EXPORT = "export", _("Xuất dữ liệu")
    UPLOAD = "upload", _("Tải lên (nhận)")
    UPLOAD_REFUSED = "upload_refused", _("Tải lên (từ chối)")
    LOGIN = "login", _("Đăng nhập")
    LOGOUT = "logout", _("Đăng xuất")
    LOGIN_FAILED = "login_failed", _("Đăng nhập sai")
    LOCKOUT = "lockout", _("Khóa tài khoản tạm thời")
    CONFIG = "config", _("Thay đổi cấu hình")


def _actor_and_request(request_or_user):
    if hasattr(request_or_user, "META"):
        return getattr(request_or_user, "user", None), request_or_user
    return request_or_user, None


# An object's own fields that unit_path_of reads (an account: its memberships instead).
_LINKS = ("unit", "establishment", "team", "plan", "submission")
UNIT_FIELDS = frozenset(("path", *_LINKS))


def unit_path_of(obj, actor=None, *, just_created=False) -> str:
    """The path of the unit an object belongs to (itself, its unit, its establishment's,
    team's or plan's unit; an account's first unit), else the actor's first unit.
    ``just_created``: the object was inserted just now, so an account has no memberships
    yet and they are not looked up."""
    candidates = [obj]
    for name in _LINKS:
        candidates.append(getattr(obj, name, None) if obj is not None else None)
    for candidate in candidates:
        if candidate is None:
            continue
        path = getattr(candidate, "path", None)
        if isinstance(path, str) and path:
            return path
        unit = getattr(candidate, "unit", None)
        path = getattr(unit, "path", None)
        if isinstance(path, str) and path:
            return path
    from lanhmanh.accounts.scope import units_of

    # An account (the object, or the actor): the first unit it works in.
    for person in (actor,) if just_created else (obj, actor):
        if person is not None and hasattr(person, "get_username") and person.pk:
            paths = [unit.path for unit in units_of(person)]
            if paths:
                return paths[0]
    return ""


def audit(request_or_user, action: str, obj=None, /, **detail):
    """Record one event; returns it (None if recording failed). ``ip``, ``keep_ip`` and
    ``actor_name`` among the keywords say how to record it; the rest is its detail."""
    ip = detail.pop("ip", None)
    keep_ip = detail.pop("keep_ip", False)
    actor_name = detail.pop("actor_name", None)
    return audit_record(
        request_or_user, action, obj, detail, ip=ip, keep_ip=keep_ip, actor_name=actor_name
    )


def audit_record(
    request_or_user, action: str, obj, detail: dict, *, ip=None, keep_ip=False, actor_name=None
):
    """``audit`` with the detail as a dict, for detail whose keys come from outside (a
    page's query string): none of them can pass for how the event is recorded."""
    from lanhmanh.audit.models import AuditEvent

    actor, request = _actor_and_request(request_or_user)
    signed_in = actor is not None and getattr(actor, "is_authenticated", False)
    name = actor_name or (actor.get_username() if signed_in else "")
    if request is not None and ip is None:
        ip = request.META.get("REMOTE_ADDR")
    # Dates, decimals and anything else become text here: a value JSON cannot hold would
    # otherwise fail inside the request's transaction and spoil it.
    detail = json.loads(json.dumps(detail, cls=_Encoder))
    try:
        return AuditEvent.objects.create(
            actor=actor if signed_in else None,
            actor_name=name[:150],
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_repr=str(obj)[:255] if obj is not None else "",
            unit_path=unit_path_of(obj, actor if signed_in else None)[:255],
            # Anonymous people (tips from citizens) are never traced by address.
            ip=ip if signed_in or keep_ip else None,
            path=(request.path[:255] if request is not None else ""),
            detail=detail,
        )
    except Exception:  # the user's action must not fail because its record did
        logger.exception("audit event %s not recorded", action)
        return None


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def _uploaded(request) -> list[dict]:
    return [
        {"field": name, "name": f.name[:200], "size": f.size}
        for name, files in request.FILES.lists()
        for f in files
    ]


def audited(action: str):
    """Record the page's action once per request (see the module's docstring)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            token = _fetched.set([])
            try:
                response = view(request, *args, **kwargs)
                fetched = _fetched.get() or []
            finally:
                _fetched.reset(token)
            if action == AuditAction.UPLOAD:
                if request.method == "POST" and request.FILES:
                    accepted = 300 <= response.status_code < 400
                    audit(
                        request,
                        AuditAction.UPLOAD if accepted else AuditAction.UPLOAD_REFUSED,
                        _target(fetched, kwargs),
                        files=_uploaded(request),
                        status=response.status_code,
                    )
            elif request.method == "GET" and 200 <= response.status_code < 300:
                # The query's keys are the user's: they go in as data, never as options.
                detail = {k: v for k, v in request.GET.items() if k != "page"}
                audit_record(request, action, _target(fetched, kwargs), detail)
            return response

        return wrapper

    return decorate


def _target(fetched: list, kwargs: dict):
    """The fetched object the path names (``pk``), else the first one fetched."""
    wanted = kwargs.get("pk")
    for obj in fetched:
        if wanted is not None and obj.pk == wanted:
            return obj
    return fetched[0] if fetched else None
