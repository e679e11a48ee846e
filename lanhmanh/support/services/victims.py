"""The trafficking part of a case and the child-protection steps."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import ChildProtectionStep, Group, Victim, VictimSupport
from .common import check_in_case, check_not_future, check_open, check_version
from .work import NEGATIVE_AMOUNT

NOT_A_VICTIM_CASE = _("Chỉ ca thuộc nhóm nạn nhân bị mua bán có thông tin này.")
NOT_A_CHILD_CASE = _("Chỉ ca trẻ em có các bước bảo vệ trẻ em.")
BORDER_GATE_REQUIRED = _("Ghi cửa khẩu trở về khi nạn nhân từ nước ngoài trở về.")
RECEIVED_BEFORE_IDENTIFIED = _("Ngày tiếp nhận không được trước ngày xác định là nạn nhân.")
IDENTIFY_FIRST = _("Ghi thông tin xác định nạn nhân trước khi ghi chế độ hỗ trợ.")

VICTIM_FIELDS = (
    "identified_by",
    "identified_on",
    "identification_basis",
    "received_on",
    "reception_facility",
    "returned_from_abroad",
    "country",
    "border_gate",
)


@transaction.atomic
def victim_save(*, client, by, version: int | None = None, **fields) -> Victim:
    """Record or correct the identification and reception of a trafficking victim."""
    check_open(client)
    if client.group != Group.VICTIM:
        raise ValidationError(NOT_A_VICTIM_CASE)
    check_not_future(fields["identified_on"], "identified_on")
    received = fields.get("received_on")
    if received:
        check_not_future(received, "received_on")
        if received < fields["identified_on"]:
            raise ValidationError({"received_on": RECEIVED_BEFORE_IDENTIFIED})
    if fields.get("returned_from_abroad") and not (fields.get("border_gate") or "").strip():
        raise ValidationError({"border_gate": BORDER_GATE_REQUIRED})
    victim = Victim.objects.select_for_update().filter(client=client).first()
    if victim is None:
        victim = Victim(client=client)
    else:
        check_version(victim, version)
        victim.version += 1
    for name in VICTIM_FIELDS:
        setattr(victim, name, fields.get(name, getattr(victim, name)))
    victim.full_clean()
    victim.save()
    return victim


@transaction.atomic
def victim_support_record(
    *, client, by, regime: str, given_on: datetime.date, amount=None, note: str = ""
) -> VictimSupport:
    check_open(client)
    victim = Victim.objects.filter(client=client).first()
    if victim is None:
        raise ValidationError(IDENTIFY_FIRST)
    check_in_case(client, given_on, "given_on")
    if amount is not None and amount < 0:
        raise ValidationError({"amount": NEGATIVE_AMOUNT})
    support = VictimSupport(
        victim=victim, regime=regime, given_on=given_on, amount=amount, note=note, recorded_by=by
    )
    support.full_clean()
    support.save()
    return support


@transaction.atomic
def child_step_record(*, client, by, step: str, on: datetime.date, note: str = ""):
    check_open(client)
    if not client.is_child:
        raise ValidationError(NOT_A_CHILD_CASE)
    check_in_case(client, on, "on")
    row = ChildProtectionStep(client=client, step=step, on=on, note=note, recorded_by=by)
    row.full_clean()
    row.save()
    return row
