"""Optimistic concurrency: every edit form carries the version it was made from, and the
update claims the next version with one conditional UPDATE. A form made from an older
version is refused (``StaleVersion``) and the user sees both versions side by side
(``ConflictMiddleware`` answers 409): nobody silently overwrites another's change.
"""

from __future__ import annotations

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

VERSION_REQUIRED = _("Thiếu phiên bản của biểu mẫu: hãy tải lại trang rồi sửa lại.")


class StaleVersion(Exception):
    """``current`` is the object as saved now; ``version`` the one the form was made from;
    ``prefix`` the form's prefix when the object is one row of a formset (its fields are
    posted as ``<prefix>-<name>``)."""

    def __init__(self, current, version, prefix=""):
        super().__init__(f"{type(current).__name__} {current.pk}: version {version} is stale")
        self.current = current
        self.version = version
        self.prefix = prefix


def version_claim(instance, version, *, prefix="") -> None:
    """Take the next version of ``instance`` if it is still at ``version``, or raise
    ``StaleVersion``. Call it inside the update's transaction, before saving."""
    model = type(instance)
    try:
        version = int(version)
    except (TypeError, ValueError):
        version = 0  # a missing or garbled version is stale, never skipped
    updated = model._base_manager.filter(pk=instance.pk, version=version).update(
        version=F("version") + 1
    )
    if not updated:
        raise StaleVersion(model._base_manager.get(pk=instance.pk), version, prefix)
    instance.version = version + 1


class VersionField(forms.IntegerField):
    """The hidden, required version of an edit form."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("error_messages", {"required": VERSION_REQUIRED})
        super().__init__(**kwargs)


def add_version(form, instance):
    """Give an edit form of ``instance`` its required hidden version field."""
    form.fields["version"] = VersionField(initial=instance.version)
    return form


def require_version(form):
    """Make the hidden ``version`` of a form that both creates and edits required, for an
    edit (its value comes from the form's ``initial``)."""
    form.fields["version"] = VersionField()
    return form


def posted_version(request) -> int:
    """The ``version`` a form posted; 0 (stale, never skipped) when it is missing, not a
    number or out of range."""
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        return 0
    return version if 0 < version < 2**31 else 0
