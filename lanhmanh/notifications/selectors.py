"""Reads: a user's own notifications, never anyone else's."""

from .models import Notification

BELL_SIZE = 5


def notifications_of(user):
    return Notification.objects.visible_to(user)


def bell(user) -> dict:
    """The unread count and the newest unread items, for the header: two queries."""
    unread = notifications_of(user).unread()
    return {"count": unread.count(), "items": list(unread[:BELL_SIZE])}
