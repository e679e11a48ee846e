"""Demo records of the register: a year of sanction decisions in the demo communes —
buyers and sellers fined by ward police or the commune's chair, a few organisers and
concealers, some establishments, warnings, referrals to the criminal bodies, fines paid,
late or enforced, a few linked to the inspection that found them.

Deterministic (a fixed random seed) and run once: if the province already has decisions,
nothing is added. Written in bulk: the values drawn follow the catalogue's rules.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from lanhmanh.core.scoping import within
from lanhmanh.inspections.models import Establishment, Inspection, ViolationType
from lanhmanh.organizations.models import Agency

from .models import (
    PAYMENT_DAYS,
    AgeBand,
    Enforcement,
    Nationality,
    OffenderKind,
    OffenderRole,
    Outcome,
    SanctionDecision,
    Sex,
)

SEED = 2027
DECISIONS = 160
# Role of an act of the catalogue, by the start of its description.
ROLES = [
    ("Mua dâm", OffenderRole.BUYER),
    ("Bán dâm", OffenderRole.SELLER),
    ("Che giấu", OffenderRole.CONCEALING),
    ("Giúp sức", OffenderRole.ASSISTING),
    ("Dùng vũ lực", OffenderRole.PROCURING),
    ("Lợi dụng", OffenderRole.CONCEALING),
]


def _role(vt: ViolationType) -> str:
    return next((role for start, role in ROLES if vt.description.startswith(start)), "other")


def _fine(rng, vt) -> int:
    steps = (vt.fine_max - vt.fine_min) // 100_000
    return vt.fine_min + 100_000 * rng.randint(0, steps)


def _person(rng, role) -> dict:
    sex = Sex.FEMALE if role == OffenderRole.SELLER else Sex.MALE
    if rng.random() < 0.1:
        sex = Sex.FEMALE if sex == Sex.MALE else Sex.MALE
    band = rng.choices(
        [AgeBand.AGE_16_17, AgeBand.AGE_18_29, AgeBand.AGE_30_PLUS, AgeBand.UNKNOWN],
        [1, 10, 12, 1],
    )[0]
    nationality = Nationality.FOREIGN if rng.random() < 0.04 else Nationality.VIETNAMESE
    return {"sex": sex, "age_band": band, "nationality": nationality}


@transaction.atomic
def sanctions_demo_build(province, communes, *, today: datetime.date) -> int:
    if SanctionDecision.objects.filter(within(province)).exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 - demo records, reproducible on purpose
    types = list(ViolationType.objects.all())
    police = {
        a.unit_id: a
        for a in Agency.objects.filter(unit__in=[province, *communes], sector__code="police")
    }
    establishments = list(Establishment.objects.filter(unit__in=communes))
    inspections = list(
        Inspection.objects.filter(establishment__unit__in=communes).order_by("-started_at")[:12]
    )
    rows = []
    for n in range(DECISIONS):
        unit = rng.choice(communes)
        act = today - datetime.timedelta(days=rng.randint(3, 365))
        inspection = None
        if n < len(inspections):  # a buyer found during an inspection
            inspection = inspections[n]
            unit = inspection.establishment.unit
            act = timezone.localtime(inspection.started_at).date()
        in_force = [t for t in types if t.in_force_on(act)]
        persons = [t for t in in_force if t.offender != "organisation"]
        buyers_sellers = [
            t for t in persons if _role(t) in (OffenderRole.BUYER, OffenderRole.SELLER)
        ]
        organisation = inspection is None and rng.random() < 0.06
        if organisation:
            vt = rng.choice([t for t in in_force if t.offender != "person"])
        elif inspection is not None or rng.random() < 0.85:
            vt = rng.choice([t for t in buyers_sellers if _role(t) == OffenderRole.BUYER]
                            if inspection else buyers_sellers)  # fmt: skip
        else:
            vt = rng.choice(persons)
        role = _role(vt)
        outcome = rng.choices(
            [Outcome.FINE, Outcome.WARNING, Outcome.REFERRED, Outcome.PENDING], [40, 4, 1, 2]
        )[0]
        if outcome == Outcome.WARNING and not vt.warning_allowed:
            outcome = Outcome.FINE
        if outcome == Outcome.PENDING and act < today - datetime.timedelta(days=30):
            outcome = Outcome.FINE
        # The last weeks' acts are still under review now and then: the share of offenders
        # handled is below 100% until their decisions come.
        if inspection is None and act >= today - datetime.timedelta(days=20) and rng.random() < 0.3:
            outcome = Outcome.PENDING
        decided = outcome in (Outcome.FINE, Outcome.WARNING)
        decision_date = min(act + datetime.timedelta(days=rng.randint(0, 7)), today)
        values = {
            "unit": unit,
            "act_date": act,
            "violation_type": vt,
            "role": role,
            "outcome": outcome,
            "inspection": inspection,
            "issuing_agency": police.get(unit.pk) or police.get(province.pk),
            "issuer_title": "Trưởng Công an xã" if decided else "",
            "created_by": None,
        }
        if organisation:
            values |= {
                "offender_kind": OffenderKind.ORGANISATION,
                "establishment": rng.choice(establishments) if establishments else None,
                "organisation_name": "" if establishments else "Công ty TNHH Dịch vụ Minh Anh",
            }
        else:
            values |= {"offender_kind": OffenderKind.PERSON, **_person(rng, role)}
        if decided:
            values |= {
                "decision_number": f"{n + 1:03d}/QĐ-XPHC",
                "decision_date": decision_date,
            }
        if outcome == Outcome.REFERRED:
            values["referred_to"] = "Cơ quan Cảnh sát điều tra Công an tỉnh"
        if outcome == Outcome.FINE:
            fine = _fine(rng, vt)
            due = decision_date + datetime.timedelta(days=PAYMENT_DAYS)
            values |= {"fine_vnd": fine, "payment_due": due}
            if rng.random() < 0.8:
                paid_on = min(decision_date + datetime.timedelta(days=rng.randint(1, 9)), today)
                values |= {
                    "paid_vnd": fine,
                    "paid_on": paid_on,
                    "enforcement": Enforcement.COMPLIED,
                }
            elif due <= today and rng.random() < 0.3:
                late = min(due + datetime.timedelta(days=20), today)
                values |= {"paid_vnd": fine, "paid_on": late, "enforcement": Enforcement.ENFORCED}
            if rng.random() < 0.3:
                values["additional_measures"] = "Tịch thu tang vật, phương tiện vi phạm"
        elif decided:
            values["enforcement"] = Enforcement.COMPLIED
        rows.append(SanctionDecision(**values))
    SanctionDecision.objects.bulk_create(rows)
    return len(rows)
