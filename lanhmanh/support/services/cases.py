"""Opening, editing, planning and closing cases; assigning social workers."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import scope_for

from ..crypto import digests
from ..models import (
    AgeBand,
    CaseStatus,
    CaseWorker,
    ClientIdentity,
    SupportClient,
)
from ..uic import uic_build
from .common import (
    check_commune,
    check_not_future,
    check_open,
    check_version,
    check_writer,
)

DUPLICATE_CODE = _(
    "Mã định danh trùng với ca đã có: %(cases)s. Có thể là cùng một người: hãy chọn "
    "'cùng một người' (hai ca được liên kết, không gộp) hoặc 'người khác'."
)
BIRTH_YEAR_INVALID = _("Năm sinh không hợp lệ.")
NOT_A_SOCIAL_WORKER = _("Người này không phải nhân viên công tác xã hội tại địa bàn của ca.")
ALREADY_ASSIGNED = _("Người này đã phụ trách ca.")
REASON_REQUIRED = _("Chọn lý do kết thúc ca.")
CHILD_AGE = 16


class DuplicateCode(ValidationError):
    """The code matches cases already recorded: offered to the worker, never merged."""

    def __init__(self, candidates):
        self.candidates = candidates
        refs = ", ".join(f"{c.reference} ({c.unit})" for c in candidates)
        super().__init__({"duplicate": DUPLICATE_CODE % {"cases": refs}})


def uic_candidates(*, by, uic: str, exclude=None):
    """Cases in the worker's support scope whose code is the same (under any key)."""
    if not uic:
        return []
    cases = SupportClient.objects.filter(
        scope_for(by, Module.SUPPORT).q("unit__path"), uic_digest__in=digests(uic)
    ).select_related("unit")
    if exclude is not None:
        cases = cases.exclude(pk=exclude.pk)
    return list(cases.order_by("opened_on", "pk"))


def _age_band(age: int) -> str:
    if age < 16:
        return AgeBand.UNDER_16
    if age < 18:
        return AgeBand.AGE_16_17
    if age < 30:
        return AgeBand.AGE_18_29
    return AgeBand.AGE_30_PLUS


@transaction.atomic
def case_open(
    *,
    by,
    unit,
    opened_on: datetime.date,
    sex: str,
    group: str,
    birth_year: int | None = None,
    birth_month: int | None = None,
    age_band: str = "",
    is_child: bool = False,
    mother_given_name: str = "",
    father_given_name: str = "",
    identity: dict | None = None,
    duplicate: str = "",
) -> SupportClient:
    """Open a case and assign its first social worker, ``by``. ``duplicate`` answers a
    matching code: 'same' links the new case to the earliest match, 'different' keeps
    them apart; without an answer a match stops everything (DuplicateCode)."""
    check_commune(unit)
    check_writer(by, unit)
    check_not_future(opened_on, "opened_on")
    if birth_year and not 1900 <= birth_year <= opened_on.year:
        raise ValidationError({"birth_year": BIRTH_YEAR_INVALID})
    if birth_year:
        age = opened_on.year - birth_year
        age_band = _age_band(age)
        is_child = is_child or age < CHILD_AGE
    uic = ""
    if birth_year and (mother_given_name.strip() or father_given_name.strip()):
        uic = uic_build(
            mother_given_name=mother_given_name,
            father_given_name=father_given_name,
            sex=sex,
            birth_year=birth_year,
            birth_month=birth_month,
            province_code=_province_code(unit),
        )
    candidates = uic_candidates(by=by, uic=uic)
    if candidates and duplicate not in ("same", "different"):
        raise DuplicateCode(candidates)
    client = SupportClient(
        unit=unit,
        opened_on=opened_on,
        sex=sex,
        group=group,
        birth_year=birth_year,
        age_band=age_band,
        is_child=is_child,
        uic=uic,
        uic_digest=digests(uic)[0] if uic else "",
        same_person_as=candidates[0] if candidates and duplicate == "same" else None,
        created_by=by,
    )
    client.full_clean()
    client.save()
    ClientIdentity.objects.create(client=client, **(identity or {}))
    CaseWorker.objects.create(client=client, user=by, since=opened_on, assigned_by=by)
    return client


def _province_code(unit) -> str:
    while unit.parent_id:
        unit = unit.parent
    return unit.code


@transaction.atomic
def case_update(
    *, client: SupportClient, by, version: int, group: str, is_child: bool, identity: dict
) -> SupportClient:
    client = SupportClient.objects.select_for_update().get(pk=client.pk)
    check_version(client, version)
    check_open(client)
    client.group, client.is_child = group, is_child
    client.version += 1
    client.full_clean()
    client.save(update_fields=["group", "is_child", "version"])
    ident, _created = ClientIdentity.objects.get_or_create(client=client)
    for name in ClientIdentity.FIELDS:
        setattr(ident, name, identity.get(name, ""))
    ident.save()
    return client


@transaction.atomic
def case_plan_update(*, client: SupportClient, by, plan: str, version: int) -> SupportClient:
    client = SupportClient.objects.select_for_update().get(pk=client.pk)
    check_version(client, version)
    check_open(client)
    client.plan = plan
    client.version += 1
    client.save(update_fields=["plan", "version"])
    return client


@transaction.atomic
def case_close(
    *, client: SupportClient, by, closed_on: datetime.date, reason: str, note: str = ""
) -> SupportClient:
    from .common import check_in_case

    client = SupportClient.objects.select_for_update().get(pk=client.pk)
    check_open(client)
    check_in_case(client, closed_on, "closed_on")
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    client.status = CaseStatus.CLOSED
    client.closed_on, client.closure_reason, client.closure_note = closed_on, reason, note
    client.version += 1
    client.full_clean()
    client.save(update_fields=["status", "closed_on", "closure_reason", "closure_note", "version"])
    return client


@transaction.atomic
def worker_assign(*, client: SupportClient, by, user, since: datetime.date | None = None):
    """Add a social worker to the case: one who may write support data at its unit."""
    from ..access import may_write

    check_open(client)
    if not may_write(user, client.unit) or user.is_superuser:
        raise ValidationError({"user": NOT_A_SOCIAL_WORKER})
    if client.workers.filter(user=user, until__isnull=True).exists():
        raise ValidationError({"user": ALREADY_ASSIGNED})
    return CaseWorker.objects.create(
        client=client, user=user, since=since or timezone.localdate(), assigned_by=by
    )
