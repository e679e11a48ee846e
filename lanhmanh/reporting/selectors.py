"""Reads for reporting screens: every one goes through the user's scope."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, can, memberships_for, units_of
from lanhmanh.core.history import merged_into
from lanhmanh.geography.models import AdministrativeUnit, Level
from lanhmanh.organizations.models import InspectionTeam
from lanhmanh.plans.models import Target

from .models import Reporter, ReportForm, Status, Submission
from .periods import Period, period_containing


def submissions_visible_to(user):
    return Submission.objects.visible_to(user).select_related(
        "form", "unit", "agency", "submitted_by", "approved_by"
    )


def _ancestor_paths(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def forms_for(unit: AdministrativeUnit, agency=None):
    """The current active forms ``unit`` (or ``agency`` of it) reports on: national forms
    and those of the units it belongs to, for its level, for every unit of the level or
    for the units named on the form."""
    forms = ReportForm.objects.filter(active=True, current=True, unit_level=unit.level)
    forms = forms.filter(Q(owner__isnull=True) | Q(owner__path__in=_ancestor_paths(unit.path)))
    named = ReportForm.units.through.objects.filter(reportform_id=OuterRef("pk"))
    forms = forms.filter(~Exists(named) | Exists(named.filter(administrativeunit_id=unit.pk)))
    if agency is None:
        return forms.filter(sector__isnull=True).exclude(reporter=Reporter.TEAM)
    return forms.filter(sector=agency.sector_id)


def team_forms_for(unit: AdministrativeUnit):
    """The current forms the team 178 of ``unit`` reports on."""
    forms = ReportForm.objects.filter(
        active=True, current=True, unit_level=unit.level, reporter=Reporter.TEAM
    )
    forms = forms.filter(Q(owner__isnull=True) | Q(owner__path__in=_ancestor_paths(unit.path)))
    named = ReportForm.units.through.objects.filter(reportform_id=OuterRef("pk"))
    return forms.filter(~Exists(named) | Exists(named.filter(administrativeunit_id=unit.pk)))


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
    # A form for some units only expects those; asked in the same query.
    named = ReportForm.units.through.objects.filter(reportform_id=form.pk)
    expected = list(
        AdministrativeUnit.objects.subtree_of(unit)
        .filter(level=form.unit_level)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=window.end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=window.start))
        .filter(~Exists(named) | Exists(named.filter(administrativeunit_id=OuterRef("pk"))))
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
    """One line per (form, unit, agency or team) the user reports on, for the period due
    now, with its submission when there is one."""
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
        # A team 178 reports too: its unit's reporting officers fill its report in.
        team_forms = list(team_forms_for(m.unit))
        teams = InspectionTeam.objects.filter(unit=m.unit, dissolved_on__isnull=True)
        for form in team_forms:
            period = period_due(form)
            for team in list(teams) if period else []:
                lines.append(
                    {"form": form, "unit": m.unit, "agency": None, "team": team, "period": period}
                )
    unique: dict[tuple, dict] = {}
    for line in lines:
        line.setdefault("team", None)
        key = (
            line["form"].pk,
            line["unit"].pk,
            line["agency"] and line["agency"].pk,
            line["team"] and line["team"].pk,
        )
        unique.setdefault(key, line)
    lines = list(unique.values())
    if lines:
        q = Q(pk__in=[])
        for line in lines:
            q |= Q(
                form=line["form"],
                unit=line["unit"],
                agency=line["agency"],
                team=line["team"],
                period_key=line["period"].key,
            )
        found = {
            (s.form_id, s.unit_id, s.agency_id, s.team_id, s.period_key): s
            for s in Submission.objects.visible_to(user).filter(q)
        }
        for line in lines:
            agency_id = line["agency"].pk if line["agency"] else None
            team_id = line["team"].pk if line["team"] else None
            found_key = (line["form"].pk, line["unit"].pk, agency_id, team_id, line["period"].key)
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
        # A target with a horizon ('95% by 2020' in a 2018 plan) runs until that year.
        targets = targets.filter(plan__year_from__lte=year).filter(
            Q(plan__year_to__gte=year) | Q(horizon_year__gte=year)
        )
    return targets.select_related("plan", "plan__unit", "indicator").order_by(
        "plan__year_from", "plan__pk", "order", "pk"
    )


LEVEL_ORDER = [Level.PROVINCE, Level.DISTRICT, Level.COMMUNE]
# How many past periods the overdue list looks back, per form.
OVERDUE_PERIODS = 3


def forms_below(unit):
    """Forms reported by the units below ``unit`` (and agencies' forms at the unit)."""
    below = LEVEL_ORDER[LEVEL_ORDER.index(unit.level) + 1 :] if unit.level in LEVEL_ORDER else []
    forms = ReportForm.objects.filter(active=True, current=True).select_related("sector")
    forms = forms.filter(Q(owner__isnull=True) | Q(owner__path__in=_ancestor_paths(unit.path)))
    return [
        f for f in forms if f.unit_level in below or (f.sector_id and f.unit_level == unit.level)
    ]


def overdue_lines(user, unit, *, today: datetime.date) -> list[dict]:
    """Reports past their deadline and not sent (missing, draft or returned) for the last
    ``OVERDUE_PERIODS`` periods of every form reported from below ``unit``."""
    lines: list[dict] = []
    for form in forms_below(unit) if unit else []:
        period = period_due(form, today)
        for _i in range(OVERDUE_PERIODS):
            if period is None:
                break
            deadline = form.deadline(period, form.unit_level)
            if deadline < today:
                result = completeness(form, unit, period, user=user)
                common = {"form": form, "period": period, "deadline": deadline}
                lines += [{**common, "unit": u, "submission": None} for u in result.missing]
                lines += [{**common, "unit": s.unit, "submission": s} for s in result.waiting]
            period = period.previous()
    for line in lines:
        line["days"] = (today - line["deadline"]).days
    return lines


def returned_reports(user):
    """Reports of the user's own units (where they write reports) sent back to them."""
    units = units_of(user, Module.REPORTING, WRITE)
    return (
        submissions_visible_to(user)
        .filter(unit__in=units, status=Status.RETURNED)
        .order_by("deadline", "unit__path", "pk")
    )


def due_unsent(user) -> list[dict]:
    """The lines of the reports due now (``reports_due`` and ad hoc requests) that are not
    started or still drafts (returned ones are ``returned_reports``)."""
    from .requests import requests_due

    lines = reports_due(user) + requests_due(set(units_of(user, Module.REPORTING, WRITE)))
    return [
        line
        for line in lines
        if line["submission"] is None or line["submission"].status == Status.DRAFT
    ]


def waiting_approval(user) -> list[Submission]:
    """Submitted reports the user may approve or return (``can_review``'s rule)."""
    from .services import can_review

    submitted = (
        submissions_visible_to(user)
        .filter(status=Status.SUBMITTED)
        .select_related("unit__parent")
        .order_by("submitted_at", "unit__path", "pk")
    )
    return [s for s in submitted if can_review(user, s)]
