"""Reads for reporting screens: every one goes through the user's scope."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, can, memberships_for
from lanhmanh.core.history import merged_into
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.plans.models import Target

from .models import ReportForm, Status, Submission
from .periods import Period, period_containing


def submissions_visible_to(user):
    return Submission.objects.visible_to(user).select_related(
        "form", "unit", "agency", "submitted_by", "approved_by"
    )


def forms_for(unit: AdministrativeUnit, agency=None):
    """The active forms ``unit`` (or ``agency`` of it) reports on."""
    forms = ReportForm.objects.filter(active=True, unit_level=unit.level)
    if agency is None:
        return forms.filter(sector__isnull=True)
    return forms.filter(sector=agency.sector_id)


def period_due(form: ReportForm, on: datetime.date | None = None) -> Period | None:
    """The latest period of ``form`` whose window has closed by ``on``: the one being
    reported now (on 20 January, the January report, its window closed on the 14th)."""
    on = on or timezone.localdate()
    day = on
    for _step in range(400):
        period = period_containing(form.periodicity, day)
        if period and period.window.end < on:
            return period
        day -= datetime.timedelta(days=1)
    return None


@dataclass
class Completeness:
    """Who has reported on one form for one period, among the units below a unit."""

    period: Period
    expected: list[AdministrativeUnit] = field(default_factory=list)
    approved: list[Submission] = field(default_factory=list)
    on_time: list[Submission] = field(default_factory=list)
    late: list[Submission] = field(default_factory=list)
    waiting: list[Submission] = field(default_factory=list)  # drafts and returned reports
    missing: list[AdministrativeUnit] = field(default_factory=list)

    @property
    def not_sent(self) -> int:
        """Units with nothing sent yet: no report, or a draft or returned one."""
        return len(self.missing) + len(self.waiting)


def completeness(
    form: ReportForm, unit: AdministrativeUnit, period: Period, *, user
) -> Completeness:
    """Expected units are those of the form's level in ``unit``'s subtree that existed in
    the period's window; two queries. (Agency forms: one submission per unit counted.)
    Only the submissions ``user`` may see count."""
    window = period.window
    expected = list(
        AdministrativeUnit.objects.subtree_of(unit)
        .filter(level=form.unit_level)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=window.end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=window.start))
        .order_by("path")
    )
    submissions = {
        s.unit_id: s
        for s in Submission.objects.visible_to(user)
        .filter(form=form, period_key=period.key, unit__in=[u.pk for u in expected])
        .select_related("unit", "agency")
    }
    result = Completeness(period=period, expected=expected)
    for u in expected:
        s = submissions.get(u.pk)
        if s is None:
            result.missing.append(u)
        elif s.status in (Status.DRAFT, Status.RETURNED):
            result.waiting.append(s)
        else:
            (result.late if s.is_late else result.on_time).append(s)
            if s.status == Status.APPROVED:
                result.approved.append(s)
    return result


def reports_due(user) -> list[dict]:
    """One line per (form, unit, agency) the user reports on, for the period due now,
    with its submission when there is one."""
    lines = []
    for m in memberships_for(user, Module.REPORTING, WRITE):
        forms = list(forms_for(m.unit))
        if m.agency_id:
            forms += list(forms_for(m.unit, m.agency))
        for form in forms:
            period = period_due(form)
            if period is None:
                continue
            agency = m.agency if form.sector_id else None
            lines.append({"form": form, "unit": m.unit, "agency": agency, "period": period})
    unique: dict[tuple, dict] = {}
    for line in lines:
        key = (line["form"].pk, line["unit"].pk, line["agency"] and line["agency"].pk)
        unique.setdefault(key, line)
    lines = list(unique.values())
    if lines:
        q = Q(pk__in=[])
        for line in lines:
            q |= Q(
                form=line["form"],
                unit=line["unit"],
                agency=line["agency"],
                period_key=line["period"].key,
            )
        found = {
            (s.form_id, s.unit_id, s.agency_id, s.period_key): s
            for s in Submission.objects.visible_to(user).filter(q)
        }
        for line in lines:
            agency_id = line["agency"].pk if line["agency"] else None
            found_key = (line["form"].pk, line["unit"].pk, agency_id, line["period"].key)
            line["submission"] = found.get(found_key)
            line["deadline"] = line["form"].deadline(line["period"], line["unit"].level)
    return lines


def unit_targets(user, unit, year: int | None = None):
    """The targets of the plans of ``unit`` (and of the units merged into it) that ``user``
    may see: of the plans covering ``year``, or of every plan when ``year`` is None.
    ``user=None`` is the system's own read (documents made without a request)."""
    if user is not None and not can(user, Module.PLANS):
        return Target.objects.none()
    targets = Target.objects.all() if user is None else Target.objects.visible_to(user)
    targets = targets.filter(plan__unit__in=merged_into(unit))
    if year is not None:
        targets = targets.filter(plan__year_from__lte=year, plan__year_to__gte=year)
    return targets.select_related("plan", "plan__unit", "indicator").order_by(
        "plan__year_from", "plan__pk", "order", "pk"
    )
