"""Reads of the module, each taking the user who reads."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from lanhmanh.accounts.permissions import can_read, can_write
from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import get_visible_or_404

from .crypto import decrypt_json
from .models import OPEN, AccessAction, Tip
from .receipt import receipt_hashes, receipt_normalise
from .services import tip_access_log

# Open tips due within this many days are 'near the deadline' on the handler's list.
NEAR_DAYS = 3


def tips_for(user, *, status: str = "", category: str = "", channel: str = "", due: str = ""):
    """The tips the user may handle, with the list's filters."""
    qs = Tip.objects.visible_to(user).select_related("unit", "commune", "agency", "team")
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if channel:
        qs = qs.filter(channel=channel)
    today = timezone.localdate()
    near = today + datetime.timedelta(days=NEAR_DAYS)
    overdue_q = Q(extended_to__lt=today) | Q(extended_to__isnull=True, due_on__lt=today)
    near_q = Q(extended_to__gte=today, extended_to__lte=near) | Q(
        extended_to__isnull=True, due_on__gte=today, due_on__lte=near
    )
    if due == "overdue":
        qs = qs.filter(overdue_q, status__in=OPEN)
    elif due == "near":
        qs = qs.filter(near_q, status__in=OPEN)
    return qs


def tip_for_page(user, pk: int) -> Tip:
    """One tip, its read logged."""
    tip = get_visible_or_404(
        Tip.objects.select_related(
            "unit", "commune", "agency", "team", "establishment", "hotspot", "inspection"
        ),
        user,
        pk=pk,
    )
    tip_access_log(tip=tip, user=user, action=AccessAction.VIEW)
    return tip


def may_see_contact(user, tip: Tip) -> bool:
    """Only the handlers assigned to the tip: not the unit's other staff, not its
    administrators."""
    return user.is_authenticated and tip.handlers.filter(pk=user.pk).exists()


def tip_contact(user, tip: Tip) -> dict | None:
    if not may_see_contact(user, tip) or not tip.contact_encrypted:
        return None
    tip_access_log(tip=tip, user=user, action=AccessAction.CONTACT)
    return decrypt_json(tip.contact_encrypted)


def may_write(user, tip: Tip) -> bool:
    return can_write(user, Module.TIPS, tip.unit)


def may_read_tips(user) -> bool:
    return can_read(user, Module.TIPS)


def tip_by_receipt(text: str) -> Tip | None:
    """The tip a receipt code opens; None for a malformed, forged or unknown code alike."""
    code = receipt_normalise(text)
    if code is None:
        return None
    return Tip.objects.filter(receipt_hash__in=receipt_hashes(code)).first()
