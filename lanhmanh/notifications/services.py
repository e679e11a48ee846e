"""``notify(...)``: the one way a module tells users something happened.

Domain services call it inside their transaction; the rows are written and the e-mails
sent only once that transaction commits (a refused action notifies nobody). A ``key``
makes a notification idempotent: a second call with the same key for the same user does
nothing (the 'due in three days' command keys by user, kind, object and day)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation

from .models import EmailPreference, Kind, Notification

ALL_KINDS = frozenset(Kind.values)


def email_kinds(user) -> frozenset[str]:
    """The kinds ``user`` gets by e-mail (every kind until they choose)."""
    preference = EmailPreference.objects.filter(user=user).first()
    return ALL_KINDS if preference is None else frozenset(preference.kinds)


@transaction.atomic
def email_preference_set(*, user, kinds: Iterable[str]) -> EmailPreference:
    chosen = sorted(set(kinds) & ALL_KINDS)
    preference, _created = EmailPreference.objects.update_or_create(
        user=user, defaults={"kinds": chosen}
    )
    return preference


def notify(*, recipients: Iterable, kind: str, text: str, url: str, key: str = "") -> None:
    """Tell ``recipients`` (users, repeats ignored) after the current transaction commits."""
    users = {u.pk: u for u in recipients if u is not None and u.is_active}
    if not users:
        return
    transaction.on_commit(lambda: deliver(list(users.values()), kind, text, url, key))


def deliver(users, kind: str, text: str, url: str, key: str = "") -> list[Notification]:
    """Write the rows and send the e-mails now; returns the notifications created (those
    already recorded under the same key are skipped)."""
    created = []
    for user in users:
        row_key = f"{user.pk}:{key}" if key else None
        if row_key and Notification.objects.filter(key=row_key).exists():
            continue
        try:
            with transaction.atomic():
                note = Notification.objects.create(
                    recipient=user, kind=kind, text=text[:500], url=url, key=row_key
                )
        except IntegrityError:  # the same key written meanwhile by another run
            continue
        created.append(note)
        if user.email and kind in email_kinds(user):
            _email(user, note)
    return created


def _email(user, note: Notification) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        body = "\n".join(
            [
                note.text,
                "",
                f"{settings.SITE_URL}{note.url}" if getattr(settings, "SITE_URL", "") else note.url,
                "",
                translation.gettext("(Thư tự động, không trả lời thư này.)"),
            ]
        )
        subject = f"[Lành Mạnh] {note.get_kind_display()}"
    send_mail(subject, body, None, [user.email])
    Notification.objects.filter(pk=note.pk).update(emailed=True)


@transaction.atomic
def notification_read(*, notification: Notification) -> Notification:
    if not notification.read:
        notification.read = True
        notification.save(update_fields=["read"])
    return notification


@transaction.atomic
def notifications_read_all(*, user) -> int:
    return Notification.objects.visible_to(user).unread().update(read=True)
