"""The upload → review → save workflow of plan documents (the document reader itself is
``lanhmanh.plans.importer``), shared by the pages and tests."""

import datetime
import html
from bisect import bisect_left
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.scope import scope_for
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.geography.resolve import units_matching

from .importer import DocumentReadError, parse_plan, plan_check, read_document
from .importer.text import MappedText, normalise
from .models import PlanImport
from .services import plan_create_from_draft, plan_year

NO_LEAD = _("Chưa rõ cơ quan chủ trì")
NO_LEAD_PROPOSED = _("Chưa rõ cơ quan chủ trì — đề xuất cơ quan thường trực: %(agency)s")
ERR_NOT_REPLACEABLE = _("Chỉ thay thế được kế hoạch dự thảo mà bạn có quyền sửa.")


def plan_import_create(*, user, filename: str, content: bytes) -> PlanImport:
    """Read and parse an upload; raises the importer's DocumentReadError on a bad file or a
    text that is not a plan, before anything is saved."""
    text = read_document(content, filename)
    plan_imports_expire()
    draft = parse_plan(text)
    plan_check(draft)
    result = draft.to_dict()
    result["warnings"] = list(draft.warnings)
    record = PlanImport(created_by=user, filename=filename[:255], text=text, draft=result)
    record.source_file.save(filename, ContentFile(content), save=False)
    record.save()
    return record


# An import not reviewed into a plan within this time is deleted with its file.
IMPORT_PREVIEW_DAYS = 7


def plan_import_fresh_since():
    return timezone.now() - datetime.timedelta(days=IMPORT_PREVIEW_DAYS)


def plan_imports_expire() -> int:
    """Delete imports never saved as a plan, older than ``IMPORT_PREVIEW_DAYS``, and their
    files; returns how many."""
    stale = list(
        PlanImport.objects.filter(plan__isnull=True, created_at__lt=plan_import_fresh_since())
    )
    for record in stale:
        record.source_file.delete(save=False)
        record.delete()
    return len(stale)


ALSO_LABELS = {
    "count": _("số lượng %(value)s"),
    "percent": _("tỷ lệ %(value)s%%"),
    "baseline": _("mức hiện tại %(value)s"),
    "year": _("năm %(value)s"),
}


def _figure(value) -> str:
    """A figure as Vietnamese write it: 92,6 and 1.234."""
    if isinstance(value, float) and not value.is_integer():
        whole, _dot, fraction = f"{value}".partition(".")
        return f"{int(whole):,}".replace(",", ".") + "," + fraction
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return str(value)


def also_text(also: dict | None) -> str:
    """The second figures read with a target ('(573 xã)', 'từ 92,6%'), in words: they are
    kept with the target as read, and shown so the reviewer knows they are there."""
    parts = []
    for key, value in (also or {}).items():
        label = ALSO_LABELS.get(key)
        figure = _figure(value)
        parts.append(str(label) % {"value": figure} if label else f"{key} {figure}")
    return "; ".join(parts)


def read_error_message(error: DocumentReadError) -> str:
    """The importer's message in the language of the page (its words are in the catalogue)."""
    params = {k: gettext(v) if isinstance(v, str) else v for k, v in error.params.items()}
    return gettext(error.template).format(**params)


LEVEL_WORDS = {
    "province": _("tỉnh/thành phố"),
    "district": _("huyện/quận"),
    "commune": _("xã/phường"),
}


def unit_named(draft: dict) -> str:
    """The issuing unit as the document names it: 'Tân Châu (huyện/quận, Tây Ninh)'."""
    info = draft.get("unit") or {}
    if not info.get("name"):
        return ""
    details = [str(LEVEL_WORDS[info["level"]])] if info.get("level") in LEVEL_WORDS else []
    if info.get("parent"):
        details.append(info["parent"])
    return f"{info['name']} ({', '.join(details)})" if details else info["name"]


def unit_candidates(user, draft: dict) -> tuple[list, list]:
    """Units the document names (as the map was on its date) that the user may see, and
    the user's own units as alternatives."""
    info = draft.get("unit") or {}
    day = (
        datetime.date.fromisoformat(draft["date"])
        if draft.get("date")
        else datetime.date(plan_year(draft), 12, 31)
    )
    visible = AdministrativeUnit.objects.visible_to(user)
    found = []
    if info.get("name"):
        matching = units_matching(
            name=info["name"], level=info.get("level"), parent_name=info.get("parent"), on=day
        )
        allowed = set(visible.filter(pk__in=[u.pk for u in matching]).values_list("pk", flat=True))
        found = [u for u in matching if u.pk in allowed]
    scope = scope_for(user)
    others = []
    if not scope.everything:
        # The user's own units are always offered, so a document naming an unknown unit
        # can still be attached.
        own = AdministrativeUnit.objects.filter(path__in=scope.prefixes).select_related("parent")
        others = [u for u in own.order_by("path") if u not in found]
    return found, others


def _clean_span(mapped: MappedText, start: int, end: int) -> tuple[int, int]:
    """The span of the clean text that came from the source span ``[start, end)``."""
    return bisect_left(mapped.index, start), bisect_left(mapped.index, end)


def highlighted_source(text: str, quotes: list[str]) -> str:
    """The document as the importer read it (markdown marks and broken lines mended),
    escaped, with each quote marked: the review screen's left side.

    Quotes are exact pieces of the uploaded text; one that the mending changed (a quote
    across a page break) is found there and marked at the clean text it became.
    """
    mapped = normalise(text)
    clean = mapped.text
    spans = []
    for i, quote in enumerate(quotes):
        if not quote:
            continue
        start = clean.find(quote)
        if start >= 0:
            spans.append((start, start + len(quote), i))
            continue
        start = text.find(quote)
        if start >= 0:
            s, e = _clean_span(mapped, start, start + len(quote))
            if e > s:
                spans.append((s, e, i))
    spans.sort()
    out, pos = [], 0
    for start, end, i in spans:
        if start < pos:
            continue
        out.append(html.escape(clean[pos:start]))
        out.append(f'<mark id="q{i}" data-target="{i}">{html.escape(clean[start:end])}</mark>')
        pos = end
    out.append(html.escape(clean[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def proposed_lead(draft: dict, user=None, unit=None) -> str:
    """Who should lead a task the document gives to no agency: the standing agency the
    document names (the one that coordinates the programme for the committee), else the
    issuing unit's standing agency on the document's date (the role is dated: a labour
    office before 2025, a health department after)."""
    if draft.get("standing_agency"):
        return draft["standing_agency"]
    if unit is None or user is None:
        return ""
    from django.db.models import Q

    from lanhmanh.organizations.models import StandingAgency

    day = (
        datetime.date.fromisoformat(draft["date"])
        if draft.get("date")
        else datetime.date(plan_year(draft), 12, 31)
    )
    role = (
        StandingAgency.objects.visible_to(user)
        .filter(unit=unit, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("agency")
        .order_by("-valid_from")
        .first()
    )
    return role.agency.name if role else ""


def duplicates_of(user, record: PlanImport) -> list:
    """Plans the user can see that this document already is: the same number from the same
    issuer, or the same text. Newest first."""
    from .models import Plan

    draft = record.draft or {}
    plans = Plan.objects.visible_to(user)
    found = list(plans.filter(source_text=record.text).order_by("-created_at")[:5])
    number, issuer = draft.get("number"), draft.get("issuer")
    if number and issuer:
        same = plans.filter(number=number, issuer_name__iexact=issuer).order_by("-created_at")
        found += [p for p in same[:5] if p not in found]
    return found


def task_groups(tasks: list[dict], forms=None, proposal: str = "") -> list[tuple[str, list]]:
    """The draft's tasks grouped by lead agency, in the order agencies first appear:
    ``[(lead, [(task, form), …]), …]`` (``form`` is None without forms); the tasks with no
    lead come last, under a heading that names the proposed lead."""
    groups: dict[str, list] = {}
    by_index = {}
    for form in forms or []:
        index = form.initial.get("index") if not form.is_bound else form["index"].value()
        try:
            by_index[int(index)] = form
        except (TypeError, ValueError):
            continue
    unled = []
    for i, task in enumerate(tasks):
        if not task.get("lead"):
            unled.append((task, by_index.get(i)))
            continue
        groups.setdefault(task["lead"], []).append((task, by_index.get(i)))
    if unled:
        label = str(NO_LEAD_PROPOSED) % {"agency": proposal} if proposal else str(NO_LEAD)
        groups.setdefault(label, []).extend(unled)
    return list(groups.items())


def _kept_tasks(found: list[dict], kept: list[dict]) -> list[dict]:
    """The draft's tasks the reviewer kept, each with the lead agency name they gave."""
    out = []
    for choice in kept:
        index = choice.get("index")
        if index is None or not 0 <= index < len(found):
            continue
        lead = (choice.get("lead") or "").strip()
        out.append({**found[index], "lead": lead or None})
    return out


def _number(value):
    if value in (None, ""):
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


@transaction.atomic
def plan_import_save(
    *,
    record: PlanImport,
    user,
    unit,
    review: dict,
    targets: list[dict],
    tasks: list[dict] | None = None,
    replace=None,
):
    """Save the reviewed draft as a plan and link the import record to it; ``replace`` is a
    draft plan of the same document that the new one takes the place of.

    ``tasks`` lists the kept tasks as ``{"index": place in the draft, "lead": name}``;
    None keeps every task as the importer read it.
    """
    draft = dict(record.draft)
    draft.update(
        kind=review["kind"],
        number=review["number"] or None,
        title=review["title"],
        year=review["year"],
        date=review["date"].isoformat() if review.get("date") else None,
        signer=review["signer"] or None,
    )
    previous = {t.get("quote"): t for t in draft.get("targets") or []}
    draft["targets"] = [
        {
            **{k: v for k, v in previous.get(t["quote"], {}).items() if k == "also"},
            # the sentence read around the quote; the reviewer's own words when they
            # rewrote the quote
            "statement": previous.get(t["quote"], {}).get("statement") or t["quote"],
            "quote": t["quote"],
            "comparator": t["comparator"],
            "unit": t["unit"],
            "agency": t.get("agency") or None,
            **(
                {"low": _number(t["low"]), "high": _number(t["high"])}
                if t["comparator"] == "between"
                else {"value": _number(t["value"])}
            ),
        }
        for t in targets
    ]
    if tasks is not None:
        draft["tasks"] = _kept_tasks(list(draft.get("tasks") or []), tasks)
    if replace is not None:
        from .models import PlanStatus

        if replace.status != PlanStatus.DRAFT:
            raise ValueError(ERR_NOT_REPLACEABLE)
        PlanImport.objects.filter(plan=replace).update(plan=None)
        replace.delete()
    plan = plan_create_from_draft(draft=draft, unit=unit, user=user, source_text=record.text)
    if record.source_file:
        plan.source_file.name = record.source_file.name
        plan.save(update_fields=["source_file"])
    record.plan = plan
    record.draft = draft
    record.save(update_fields=["plan", "draft"])
    return plan
