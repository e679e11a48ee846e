"""Writes for plans: saving what the importer read, editing, copying a plan to the next
year, deriving a plan for a unit below, and recording the progress of tasks."""

import datetime
import re
from collections.abc import Mapping
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import people_of
from lanhmanh.core.concurrency import version_claim
from lanhmanh.core.text import fold
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.notifications.models import Kind
from lanhmanh.notifications.services import notify
from lanhmanh.organizations.models import Agency

from .limits import plan_read_regime
from .models import Measure, Plan, PlanBasis, PlanKind, PlanStatus, Target, Task, TaskUpdate

_SIGNATURE_FORMS = ("TUQ.", "TM.", "KT.", "TL.", "Q.")


def _decimal(value):
    return None if value is None else Decimal(str(value))


def _signature_form(signature: str | None) -> str:
    text = (signature or "").replace(" ", "").upper()
    return next((form for form in _SIGNATURE_FORMS if text.startswith(form)), "")


def agency_lookup(unit: AdministrativeUnit):
    """A function name → Agency of the unit (or its subtree), diacritics ignored."""
    agencies = {a.search_key: a for a in Agency.objects.within(unit)}

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
            statement=t.get("statement") or t.get("quote") or "",
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
    plan_read_regime(plan=plan, draft=draft, find_agency=find_agency)
    return plan


# Editing a plan

ERR_ISSUE_NEEDS_NUMBER = _("Kế hoạch đã ban hành phải có số, ký hiệu.")
ERR_ISSUE_NEEDS_DATE = _("Kế hoạch đã ban hành phải có ngày ban hành.")
ERR_ROW_OF_ANOTHER_PLAN = _("Dòng này không thuộc kế hoạch đang sửa.")
ERR_BASIS_EMPTY = _("Căn cứ cần số, ký hiệu văn bản hoặc một kế hoạch cấp trên.")
ERR_COPY_EXISTS = _("Đã có bản sao của kế hoạch này cho năm %(year)s.")
ERR_DERIVE_NOT_BELOW = _("Chỉ lập kế hoạch cho đơn vị trực thuộc đơn vị ban hành.")
ERR_DERIVE_EXISTS = _("%(unit)s đã có kế hoạch thực hiện kế hoạch này.")
ERR_UPDATE_IN_FUTURE = _("Ngày cập nhật không được sau ngày hôm nay.")
ERR_TASK_LEAD_ELSEWHERE = _("Cơ quan chủ trì phải là cơ quan của đơn vị ban hành kế hoạch.")
WARN_DERIVED = _(
    "Dự thảo lập từ kế hoạch cấp trên: hãy điều chỉnh chỉ tiêu và nhiệm vụ cho phù hợp."
)
WARN_COUNT_TARGET = _(
    "Chỉ tiêu “%(statement)s” là số lượng của cấp trên: hãy đặt lại con số cho đơn vị."
)
DERIVED_TITLE = _("%(title)s trên địa bàn %(unit)s")

PLAN_FIELDS = (
    "kind",
    "number",
    "issuing_agency",
    "issuer_name",
    "place",
    "issued_on",
    "year_from",
    "year_to",
    "title",
    "topics",
    "status",
    "signer",
    "signature_form",
    "signer_title",
    "recipients",
)
TARGET_FIELDS = (
    "statement",
    "comparator",
    "value",
    "low",
    "high",
    "measure",
    "of_what",
    "baseline",
    "deadline",
    "agency",
)
TASK_FIELDS = ("section", "text", "lead", "coordinating", "when", "due_date")
BASIS_FIELDS = ("parent", "reference", "issued_on", "issuer")


def plan_issue_errors(*, status: str, number: str, issued_on) -> dict:
    """What an issued plan lacks: a plan is issued under a number, on a date."""
    errors = {}
    if status == PlanStatus.ISSUED:
        if not (number or "").strip():
            errors["number"] = ERR_ISSUE_NEEDS_NUMBER
        if not issued_on:
            errors["issued_on"] = ERR_ISSUE_NEEDS_DATE
    return errors


def _check_issued(plan: Plan) -> None:
    errors = plan_issue_errors(status=plan.status, number=plan.number, issued_on=plan.issued_on)
    if errors:
        raise ValidationError(errors)


def _apply_rows(
    *, plan: Plan, model, rows, fields, ordered: bool = True, versioned: bool = False
) -> None:
    """Create, change or delete a plan's rows. Each row is a dict of ``fields`` with
    ``instance`` (None for a new row) and ``delete``; ``versioned`` (an edit form): a
    saved row also brings the ``version`` it was shown at, and is changed or deleted only
    if it is still that version."""
    many = [f.name for f in model._meta.many_to_many if f.name in fields]
    existing = {obj.pk: obj for obj in model.objects.filter(plan=plan).prefetch_related(*many)}
    order = 0
    for row in rows:
        instance = row.get("instance")
        if instance is not None and instance.pk not in existing:
            raise ValidationError(ERR_ROW_OF_ANOTHER_PLAN)
        obj = existing[instance.pk] if instance is not None else model(plan=plan)
        if row.get("delete"):
            if obj.pk:
                _claim_row(obj, row, versioned)
                obj.delete()
            continue
        changed = obj.pk is None
        for name in fields:
            if name in row and name not in many and getattr(obj, name) != row[name]:
                setattr(obj, name, row[name])
                changed = True
        if ordered:
            changed |= obj.order != order
            obj.order = order
            order += 1
        # Unchanged rows are left alone: a plan's edit page sends every row back.
        if changed:
            if obj.pk:
                _claim_row(obj, row, versioned)
            obj.full_clean()
            obj.save()
        for name in many:
            if name in row and {a.pk for a in getattr(obj, name).all()} != {
                a.pk for a in row[name]
            }:
                getattr(obj, name).set(row[name])


def _claim_row(obj, row: dict, versioned: bool) -> None:
    # A missing version is stale (0), never skipped: the edit form posts every row's.
    if versioned:
        version_claim(obj, row.get("version"), prefix=row.get("prefix", ""))


@transaction.atomic
def plan_update(
    *, plan: Plan, fields: dict, bases=(), targets=(), tasks=(), version: int | None = None
) -> Plan:
    """Change a plan's header and its bases, targets and tasks, all or nothing. A page
    made from an older version of the plan, or of a target or task it changes or deletes
    (each has its own, as they are also edited on pages of their own), is refused
    (``StaleVersion``)."""
    if version is not None:  # None: an internal caller, not an edit form
        version_claim(plan, version)
    for name in PLAN_FIELDS:
        if name in fields:
            setattr(plan, name, fields[name])
    _check_issued(plan)
    plan.full_clean(exclude=["source_file"])
    plan.save()
    for row in bases:
        if not row.get("delete") and not (row.get("reference") or row.get("parent")):
            raise ValidationError(ERR_BASIS_EMPTY)
    _apply_rows(plan=plan, model=PlanBasis, rows=bases, fields=BASIS_FIELDS, ordered=False)
    versioned = version is not None
    _apply_rows(plan=plan, model=Target, rows=targets, fields=TARGET_FIELDS, versioned=versioned)
    leads = dict(Task.objects.filter(plan=plan).values_list("pk", "lead_id"))
    _apply_rows(plan=plan, model=Task, rows=tasks, fields=TASK_FIELDS, versioned=versioned)
    _tell_new_leads(plan, leads)
    return plan


def _tell_new_leads(plan: Plan, leads_before: Mapping[int, int | None]) -> None:
    """The staff of an agency that now leads a task it did not lead before hear of it."""
    for task in Task.objects.filter(plan=plan, lead__isnull=False).select_related("lead"):
        if leads_before.get(task.pk) == task.lead_id:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            text = gettext("%(agency)s được giao chủ trì nhiệm vụ: %(task)s (%(plan)s)") % {
                "agency": task.lead,
                "task": str(task)[:200],
                "plan": plan,
            }
        notify(
            recipients=[m.user for m in people_of([task.lead], module=Module.PLANS)],
            kind=Kind.TASK_ASSIGNED,
            text=text,
            url=reverse("plans:task_detail", args=[task.pk]),
            key=f"{Kind.TASK_ASSIGNED}:{task.pk}:{task.lead_id}",
        )


# Copying a plan to the next period


class PlanExists(ValidationError):
    """Refused because the plan to create already exists: ``existing`` is it."""

    def __init__(self, message, existing: Plan):
        super().__init__(message)
        self.existing = existing


def _shift_years(title: str, years: dict[int, int]) -> str:
    pattern = re.compile(r"\b(" + "|".join(str(y) for y in years) + r")\b")
    return pattern.sub(lambda m: str(years[int(m.group(1))]), title)


def _copy_target(target: Target, plan: Plan, **changes) -> Target:
    # Every column is carried over (an indicator too), then the changes applied.
    copy = Target(
        **{
            f.attname: getattr(target, f.attname)
            for f in Target._meta.concrete_fields
            if not f.primary_key
        }
    )
    copy.plan = plan
    # A horizon the new plan's years reach means nothing more; another unit's team or
    # agency does not limit the new unit's figures.
    if copy.horizon_year and copy.horizon_year <= plan.year_to:
        copy.horizon_year = None
    if plan.unit_id != target.plan.unit_id:
        copy.limit_team = copy.limit_agency = None
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.full_clean()
    copy.save()
    return copy


def _copy_task(task: Task, plan: Plan, *, coordinating=None, **changes) -> Task:
    copy = Task(
        plan=plan,
        order=task.order,
        section=task.section,
        text=task.text,
        lead=task.lead,
        lead_name=task.lead_name,
        coordinating_names=list(task.coordinating_names),
        when=task.when,
    )
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.full_clean()
    copy.save()
    copy.coordinating.set(task.coordinating.all() if coordinating is None else coordinating)
    return copy


@transaction.atomic
def plan_copy_to_next_year(*, plan: Plan, user=None) -> Plan:
    """A draft for the period after ``plan``'s, of the same unit, with the same targets
    and tasks; numbers, dates and statuses start afresh. Bases are kept when they are
    references or plans still running then (last year's yearly parent plan is not)."""
    span = plan.year_to - plan.year_from + 1
    year_from, year_to = plan.year_from + span, plan.year_to + span
    existing = Plan.objects.filter(copied_from=plan, year_from=year_from).first()
    if existing is not None:
        raise PlanExists(ERR_COPY_EXISTS % {"year": year_from}, existing)
    copy = Plan(
        kind=plan.kind,
        unit=plan.unit,
        issuing_agency=plan.issuing_agency,
        issuer_name=plan.issuer_name,
        place=plan.place,
        year_from=year_from,
        year_to=year_to,
        title=_shift_years(plan.title, {plan.year_from: year_from, plan.year_to: year_to}),
        topics=list(plan.topics),
        status=PlanStatus.DRAFT,
        signer=plan.signer,
        signature_form=plan.signature_form,
        signer_title=plan.signer_title,
        recipients=plan.recipients,
        copied_from=plan,
        created_by=user,
    )
    copy.full_clean(exclude=["source_file"])
    copy.save()
    for basis in plan.bases.select_related("parent"):
        if basis.parent is None or basis.parent.year_to >= year_from:
            PlanBasis.objects.create(
                plan=copy,
                parent=basis.parent,
                reference=basis.reference,
                issued_on=basis.issued_on,
                issuer=basis.issuer,
            )
    for target in plan.targets.all():
        _copy_target(target, copy, deadline=None)
    for task in plan.tasks.prefetch_related("coordinating"):
        _copy_task(task, copy)
    return copy


# Deriving a plan for a unit below


def _derived_title(plan: Plan, unit: AdministrativeUnit) -> str:
    def as_written(match):
        name = unit.full_name
        return name[0].lower() + name[1:] if match.group(0)[0].islower() else name

    pattern = re.compile(re.escape(plan.unit.full_name), re.IGNORECASE)
    if pattern.search(plan.title):
        return pattern.sub(as_written, plan.title)
    name = unit.full_name
    return str(DERIVED_TITLE % {"title": plan.title, "unit": name[0].lower() + name[1:]})


@transaction.atomic
def plan_derive_for_unit(*, plan: Plan, unit: AdministrativeUnit, user=None) -> Plan:
    """A draft plan of a unit below ``plan``'s that implements it: its targets as a
    starting point (counts flagged for the unit to set its own), its tasks given to the
    unit's agency of the same sector when there is one, else left by name."""
    if unit.pk == plan.unit_id or not unit.path.startswith(plan.unit.path):
        raise ValidationError({"unit": ERR_DERIVE_NOT_BELOW})
    existing = Plan.objects.filter(unit=unit, bases__parent=plan).first()
    if existing is not None:
        raise PlanExists(ERR_DERIVE_EXISTS % {"unit": unit}, existing)
    warnings = [str(WARN_DERIVED)]
    child = Plan(
        kind=PlanKind.PLAN,
        unit=unit,
        year_from=plan.year_from,
        year_to=plan.year_to,
        title=_derived_title(plan, unit),
        topics=list(plan.topics),
        status=PlanStatus.DRAFT,
        created_by=user,
    )
    child.full_clean(exclude=["source_file"])
    child.save()
    PlanBasis.objects.create(
        plan=child,
        parent=plan,
        reference=plan.number,
        issued_on=plan.issued_on,
        issuer=plan.issuer_name,
    )
    same_sector: dict[int | None, Agency] = {}
    for agency in Agency.objects.filter(unit=unit, is_active=True).order_by("name"):
        same_sector.setdefault(agency.sector_id, agency)

    def local(agency):
        return same_sector.get(agency.sector_id) if agency else None

    for target in plan.targets.select_related("agency"):
        if target.measure == Measure.COUNT:
            statement = Truncator(target.statement).chars(120)
            warnings.append(str(WARN_COUNT_TARGET % {"statement": statement}))
        _copy_target(
            target,
            child,
            agency=local(target.agency),
            agency_name=str(target.agency) if target.agency else target.agency_name,
            deadline=None,
        )
    for task in plan.tasks.select_related("lead").prefetch_related("coordinating"):
        mapped = [(a, local(a)) for a in task.coordinating.all()]
        linked = {fold(a.name) for a, _mine in mapped}
        _copy_task(
            task,
            child,
            lead=local(task.lead),
            lead_name=str(task.lead) if task.lead else task.lead_name,
            coordinating=[mine for _theirs, mine in mapped if mine],
            # What stays by name: the document's names no agency stood for, and the
            # parent's agencies with no counterpart in the unit.
            coordinating_names=[
                *(n for n in task.coordinating_names if fold(n) not in linked),
                *(theirs.name for theirs, mine in mapped if mine is None),
            ],
        )
    child.import_warnings = warnings
    child.save(update_fields=["import_warnings"])
    return child


# A task given after the plan was issued (a steering committee's decision)


@transaction.atomic
def task_create(
    *, plan: Plan, text: str, lead: Agency | None, due_date=None, section: str = "", when=""
) -> Task:
    """Add a task at the end of ``plan``. The plan's version covers its tasks, so it moves
    on: an edit page made before the task was added is refused, never saved over it."""
    if lead is not None and lead.unit_id != plan.unit_id:
        raise ValidationError({"lead": ERR_TASK_LEAD_ELSEWHERE})
    last = plan.tasks.order_by("-order").values_list("order", flat=True).first()
    task = Task(
        plan=plan,
        order=0 if last is None else last + 1,
        text=text.strip(),
        lead=lead,
        lead_name=lead.name if lead else "",
        due_date=due_date,
        when=when or (f"{due_date:%d/%m/%Y}" if due_date else ""),
        section=section,
    )
    task.full_clean()
    task.save()
    Plan.objects.filter(pk=plan.pk).update(version=F("version") + 1)
    return task


# Progress of tasks


@transaction.atomic
def task_update_create(
    *, task: Task, author, written_on: datetime.date, text: str, status: str, agency=None
) -> TaskUpdate:
    """Record progress on a task; the task's status follows its latest update."""
    if written_on > timezone.localdate():
        raise ValidationError({"written_on": ERR_UPDATE_IN_FUTURE})
    update = TaskUpdate(
        task=task, author=author, agency=agency, written_on=written_on, text=text, status=status
    )
    update.full_clean()
    update.save()
    # The update just saved is there: `or update` only tells the type checker so.
    latest = task.updates.order_by("-written_on", "-id").first() or update
    task.status = latest.status
    task.save(update_fields=["status"])
    return update
