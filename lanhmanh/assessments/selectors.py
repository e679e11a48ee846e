"""Reads of the module, always through the user's scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import REVIEW, WRITE, get_visible_or_404, scope_for, units_of
from lanhmanh.geography.models import AdministrativeUnit, Level
from lanhmanh.reporting.models import COUNTED_STATUSES, Submission

from .models import Assessment, Framework, FrameworkKind, FrameworkVersion, Status

MODULE = Module.ASSESSMENTS
OPEN_FOR_COMMUNE = (Status.DRAFT, Status.RETURNED)


@dataclass
class Row:
    """One commune on the province's list: this year's assessment and last year's."""

    unit: AdministrativeUnit
    assessment: Assessment | None
    previous: Assessment | None

    @property
    def change(self) -> str:
        """'new' (recognised this year), 'lost', 'up', 'down', 'same' or '' (unknown)."""
        now, before = self.assessment, self.previous
        klass = now.result_class if now and now.status == Status.APPROVED else None
        if klass is None:
            return ""
        was = before.result_class if before and before.status == Status.APPROVED else None
        was_healthy = bool(was and was.healthy)
        if klass.healthy and not was_healthy:
            return "new"
        if was_healthy and not klass.healthy:
            return "lost"
        if was is None:
            return ""
        if klass.order < was.order:
            return "up"
        if klass.order > was.order:
            return "down"
        return "same"


@dataclass(frozen=True)
class Filters:
    year: int
    kind: str = FrameworkKind.PROSTITUTION
    unit: AdministrativeUnit | None = None
    status: str = ""
    klass: str = ""
    todo: bool = False  # communes of the user's own memberships still to assess this year
    review: bool = False  # submitted assessments the user reviews


def this_year() -> int:
    return timezone.localdate().year


def communes(user, unit=None):
    rows = (
        AdministrativeUnit.objects.visible_to(user, module=MODULE)
        .current()
        .filter(level=Level.COMMUNE)
        .select_related("parent")
        .order_by("path")
    )
    return rows.within(unit) if unit is not None else rows


def writable_communes(user):
    """Current communes the user may self-assess (or assess for)."""
    return (
        AdministrativeUnit.objects.visible_to(user, module=MODULE, action=WRITE)
        .current()
        .filter(level=Level.COMMUNE)
        .select_related("parent")
        .order_by("path")
    )


def own_communes(user) -> list:
    """Communes where the user holds a writing membership themselves: where the
    self-assessment is theirs to do."""
    return [
        u for u in units_of(user, MODULE, WRITE) if u.level == Level.COMMUNE and u.valid_to is None
    ]


def classification(user, filters: Filters) -> list[Row]:
    """The communes of the scope with their assessment of the year and of the year before,
    narrowed by the filters; three queries whatever the number of communes."""
    units = list(communes(user, filters.unit))
    if filters.todo:
        own = {u.pk for u in own_communes(user)}
        units = [u for u in units if u.pk in own]
    found = (
        Assessment.objects.visible_to(user)
        .filter(unit__in=[u.pk for u in units], kind=filters.kind)
        .filter(year__in=[filters.year, filters.year - 1])
        .select_related("result_class", "framework_version")
    )
    by_key = {(a.unit_id, a.year): a for a in found}
    reviews = scope_for(user, MODULE, action=REVIEW)
    rows = []
    for unit in units:
        a = by_key.get((unit.pk, filters.year))
        row = Row(unit, a, by_key.get((unit.pk, filters.year - 1)))
        if filters.todo and a is not None and a.status not in OPEN_FOR_COMMUNE:
            continue
        if filters.review and not (
            a is not None and a.status == Status.SUBMITTED and reviews.covers_below(unit.path)
        ):
            continue
        if filters.status and (a is None or a.status != filters.status):
            continue
        klass = a.result_class if a is not None else None
        if filters.klass and (klass is None or klass.code != filters.klass):
            continue
        rows.append(row)
    return rows


def class_counts(rows: list[Row]) -> tuple[list[tuple[str, int, bool]], int]:
    """(class name, communes, healthy) of the approved rows, in the classes' order, then
    the communes not yet classified."""
    counts: dict[tuple, int] = {}
    pending = 0
    for row in rows:
        a = row.assessment
        if a and a.status == Status.APPROVED and a.result_class:
            key = (a.result_class.order, a.result_class.name, a.result_class.healthy)
            counts[key] = counts.get(key, 0) + 1
        else:
            pending += 1
    found = [(name, n, healthy) for (_, name, healthy), n in sorted(counts.items())]
    return found, pending


def assessment_for_page(user, pk) -> Assessment:
    queryset = Assessment.objects.select_related(
        "unit",
        "unit__parent",
        "framework_version__framework",
        "result_class",
        "submitted_by",
        "approved_by",
    )
    return get_visible_or_404(queryset, user, pk=pk)


def answers_of(assessment: Assessment):
    return assessment.answers.select_related("criterion").order_by("criterion__order", "pk")


def history_of(user, unit, kind: str | None = None):
    rows = (
        Assessment.objects.visible_to(user)
        .filter(unit=unit)
        .select_related("result_class", "framework_version__framework")
        .order_by("-year", "kind")
    )
    return rows.filter(kind=kind) if kind else rows


def frameworks(user):
    return Framework.objects.visible_to(user).select_related("unit").order_by("kind", "pk")


def framework_for_page(user, pk) -> Framework:
    return get_visible_or_404(Framework.objects.select_related("unit"), user, pk=pk)


def version_of(framework: Framework, number: int | None) -> FrameworkVersion | None:
    versions = framework.versions.prefetch_related("criteria", "classes")
    if number:
        return versions.filter(number=number).first()
    return versions.order_by("-number").first()


def year_reports(user, unit, year: int):
    """The commune's reports of the year, sent or approved, as evidence beside the
    criteria; read through the reporting module's scope, so every one listed opens."""
    return (
        Submission.objects.visible_to(user, module=Module.REPORTING)
        .filter(unit=unit, period_end__year=year, status__in=COUNTED_STATUSES)
        .select_related("form")
        .order_by("period_start", "form__name")
    )
