"""Writes for plans: saving what the importer read, as a draft the user then reviews."""

import datetime
from decimal import Decimal

from django.db import transaction

from lanhmanh.core.text import fold
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.organizations.models import Agency

from .models import Plan, PlanBasis, PlanKind, PlanStatus, Target, Task

_SIGNATURE_FORMS = ("TUQ.", "TM.", "KT.", "TL.", "Q.")


def _decimal(value):
    return None if value is None else Decimal(str(value))


def _signature_form(signature: str | None) -> str:
    text = (signature or "").replace(" ", "").upper()
    return next((form for form in _SIGNATURE_FORMS if text.startswith(form)), "")


def agency_lookup(unit: AdministrativeUnit):
    """A function name → Agency of the unit (or its subtree), diacritics ignored."""
    agencies = {a.search_key: a for a in Agency.objects.filter(unit__path__startswith=unit.path)}

    def find(name: str | None):
        return agencies.get(fold(name)) if name else None

    return find


def plan_year(draft: dict) -> int:
    if draft.get("year"):
        return int(draft["year"])
    if draft.get("date"):
        return datetime.date.fromisoformat(draft["date"]).year
    return datetime.date.today().year  # noqa: DTZ011 - a calendar year, not an instant


@transaction.atomic
def plan_create_from_draft(
    *, draft: dict, unit: AdministrativeUnit, user=None, source_text: str = ""
) -> Plan:
    """Save an importer result (``PlanDraft.to_dict()``) as a draft plan of ``unit``."""
    year = plan_year(draft)
    signature = draft.get("signature") or ""
    plan = Plan(
        kind=draft.get("kind") or PlanKind.PLAN,
        number=draft.get("number") or "",
        unit=unit,
        issuer_name=draft.get("issuer") or "",
        issued_on=datetime.date.fromisoformat(draft["date"]) if draft.get("date") else None,
        year_from=year,
        year_to=year,
        title=draft.get("title") or "",
        topics=list(draft.get("topics") or []),
        status=PlanStatus.DRAFT,
        signer=draft.get("signer") or "",
        signature_form=_signature_form(signature),
        signer_title=signature.split("/")[-1].strip() if "/" in signature else "",
        source_text=source_text,
        import_warnings=list(draft.get("warnings") or []),
        created_by=user,
    )
    plan.full_clean(exclude=["source_file"])
    plan.save()
    find_agency = agency_lookup(unit)
    for reference in draft.get("bases") or []:
        parent = Plan.objects.filter(number=reference).order_by("-year_from").first()
        PlanBasis.objects.create(plan=plan, parent=parent, reference=reference)
    for order, t in enumerate(draft.get("targets") or []):
        target = Target(
            plan=plan,
            order=order,
            statement=t.get("quote") or "",
            quote=t.get("quote") or "",
            comparator=t["comparator"],
            value=_decimal(t.get("value")),
            low=_decimal(t.get("low")),
            high=_decimal(t.get("high")),
            measure=t.get("unit") or "count",
            also=t.get("also") or {},
            baseline=_decimal((t.get("also") or {}).get("baseline")),
            agency=find_agency(t.get("agency")),
            agency_name=t.get("agency") or "",
        )
        target.full_clean(exclude=["plan"])
        target.save()
    for order, t in enumerate(draft.get("tasks") or []):
        task = Task.objects.create(
            plan=plan,
            order=order,
            text=t.get("text") or "",
            lead=find_agency(t.get("lead")),
            lead_name=t.get("lead") or "",
            coordinating_names=list(t.get("coordinating") or []),
            when=t.get("when") or "",
        )
        found = [a for a in map(find_agency, t.get("coordinating") or []) if a]
        if found:
            task.coordinating.set(found)
    return plan
