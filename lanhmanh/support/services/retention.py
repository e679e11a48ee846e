"""Retention: closed cases lose everything that could identify the person after a number
of years; what is counted (unit, sex, birth year, group, dates, services, referrals,
support regimes) stays, so every figure of past periods is unchanged."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from ..models import (
    CaseStatus,
    ChildProtectionStep,
    ClientIdentity,
    Consent,
    NeedsAssessment,
    Referral,
    SupportClient,
    SupportService,
    Victim,
    VictimSupport,
)

# Free text anywhere in a case may name someone: every note goes.
# (model, the lookup to the case, the free-text fields blanked)
NOTES: list[tuple[type[Any], str, list[str]]] = [
    (NeedsAssessment, "client", ["notes"]),
    (SupportService, "client", ["note"]),
    (Referral, "client", ["note"]),
    (Consent, "client", ["witness_name", "withdrawal_note"]),
    (Victim, "client", ["identification_basis"]),
    (VictimSupport, "victim__client", ["note"]),
    (ChildProtectionStep, "client", ["note"]),
]


def cases_due(*, years: int, today: datetime.date | None = None):
    today = today or timezone.localdate()
    try:
        limit = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - years, day=28)
    return SupportClient.objects.filter(
        status=CaseStatus.CLOSED, closed_on__lte=limit, anonymised_on__isnull=True
    )


@transaction.atomic
def cases_anonymise(*, years: int, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    ids = list(cases_due(years=years, today=today).values_list("pk", flat=True))
    if not ids:
        return 0
    ClientIdentity.objects.filter(client_id__in=ids).delete()
    for model, lookup, fields in NOTES:
        model.objects.filter(**{f"{lookup}__in": ids}).update(**dict.fromkeys(fields, ""))
    for consent in Consent.objects.filter(client_id__in=ids).exclude(document=""):
        consent.document.delete(save=False)
        Consent.objects.filter(pk=consent.pk).update(document="", document_type="")
    SupportClient.objects.filter(pk__in=ids).update(
        plan="", closure_note="", uic="", anonymised_on=today
    )
    return len(ids)
