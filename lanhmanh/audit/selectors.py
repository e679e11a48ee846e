"""The audit screen's query: the events a user may see, filtered."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from lanhmanh.core.audit import AuditAction
from lanhmanh.core.params import parse_choice, parse_date

from .models import AuditEvent


@dataclass
class AuditFilter:
    person: str = ""
    action: str = ""
    obj: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    @classmethod
    def from_query(cls, query) -> AuditFilter:
        return cls(
            person=query.get("person", "").strip()[:150],
            action=parse_choice(query.get("action"), AuditAction.choices),
            obj=query.get("object", "").strip()[:200],
            date_from=parse_date(query.get("from")),
            date_to=parse_date(query.get("to")),
        )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_events(user, f: AuditFilter):
    events = AuditEvent.objects.visible_to(user).select_related("actor")
    if f.person:
        events = events.filter(
            Q(actor_name__icontains=f.person) | Q(actor__full_name__icontains=f.person)
        )
    if f.action:
        events = events.filter(action=f.action)
    if f.obj:
        # "plans.plan:12" names one object; other text searches the type and the name.
        kind, _sep, pk = f.obj.partition(":")
        if pk:
            events = events.filter(object_type=kind, object_id=pk)
        else:
            events = events.filter(Q(object_repr__icontains=f.obj) | Q(object_type=f.obj))
    if f.date_from:
        events = events.filter(at__gte=_start_of(f.date_from))
    if f.date_to:
        events = events.filter(at__lt=_start_of(f.date_to + datetime.timedelta(days=1)))
    return events.order_by("-at", "-id")
