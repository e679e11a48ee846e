"""Limits on what one source may do on the public pages, without keeping its address.

The middleware turns the address into a keyed hash that changes every window (the key
mixes a server secret and the window's number) and then removes the address and the
browser's identifying headers from the request, before any other code runs. Counters are
rows keyed by that hash that expire with the window: after an hour nothing links a count
to anyone, and the address itself was never written anywhere.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import SourceCounter

WINDOW = datetime.timedelta(hours=1)
# Tips one source may send in a window: a resident with several things to say sends a
# few, a flood is refused.
SUBMISSIONS_PER_WINDOW = 5
# Wrong receipt codes one source may try in a window before every lookup is refused.
FAILED_LOOKUPS_PER_WINDOW = 10
# Messages one source may add through receipt pages in a window.
MESSAGES_PER_WINDOW = 20


def _window_number(now: datetime.datetime) -> int:
    return int(now.timestamp() // WINDOW.total_seconds())


def source_key(address: str, now: datetime.datetime | None = None) -> str:
    """The keyed hash of an address for the current window."""
    window = _window_number(now or timezone.now())
    key = hashlib.sha256(f"tip-source:{settings.SECRET_KEY}:{window}".encode()).digest()
    return hmac.new(key, (address or "").encode(), hashlib.sha256).hexdigest()


def _counter_key(source: str, action: str) -> str:
    return hashlib.sha256(f"{action}:{source}".encode()).hexdigest()


def _expires(now):
    return datetime.datetime.fromtimestamp(
        (_window_number(now) + 1) * WINDOW.total_seconds(), tz=datetime.UTC
    )


def source_count(source: str, action: str) -> int:
    now = timezone.now()
    row = SourceCounter.objects.filter(key=_counter_key(source, action), expires_at__gt=now).first()
    return row.count if row else 0


@transaction.atomic
def source_hit(source: str, action: str) -> int:
    """Count one more ``action`` from ``source``; returns the new count. Expired rows of
    every source go on the way."""
    now = timezone.now()
    SourceCounter.objects.filter(expires_at__lte=now).delete()
    key = _counter_key(source, action)
    row, created = SourceCounter.objects.get_or_create(
        key=key, defaults={"count": 1, "expires_at": _expires(now)}
    )
    if not created:
        SourceCounter.objects.filter(pk=row.pk).update(count=F("count") + 1)
        row.refresh_from_db()
    return row.count


def over_limit(source: str, action: str, limit: int) -> bool:
    return source_count(source, action) >= limit
