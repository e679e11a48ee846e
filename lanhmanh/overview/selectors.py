"""What the leader's overview shows, read for one user at one unit (or the nation).

Every read goes through the door (``visible_to``, ``unit_or_404``, ``can``); figures of
reports come from the approved totals (``lanhmanh/reporting/totals.py``), so the overview
of the nation costs the same few queries as that of a commune, whatever the number of
units, targets or years stored. Query counts are asserted in tests/overview.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import READ, can, require_module, scope_for, unit_or_404, units_of
from lanhmanh.core.history import rollup_paths
from lanhmanh.geography.models import AdministrativeUnit, Level, Scheme, UnitChange
from lanhmanh.indicators.models import Aggregation, Indicator, Source
from lanhmanh.indicators.registry import Window
from lanhmanh.inspections.models import Establishment, Hotspot, Inspection, Violation
from lanhmanh.plans.models import Target
from lanhmanh.reporting.models import COUNTED_STATUSES, Submission
from lanhmanh.reporting.periods import month as month_period
from lanhmanh.reporting.periods import months_window
from lanhmanh.reporting.progress import ProgressStatus, progress_from, targets_progress
from lanhmanh.reporting.selectors import unit_targets
from lanhmanh.reporting.totals import approved_totals
from lanhmanh.tips.models import Tip

from .charts import Series

NATION_PATH = f"{Scheme.CURRENT}/"
# The indicators a leader follows month by month, in this order, when the catalogue has
# them as entered counts; the first entered counts of the catalogue otherwise.
KEY_CODES = (
    "awareness_activities",
    "inspections",
    "violations",
    "tips_received",
    "sex_workers_supported",
    "criminal_cases_detected",
)
KEY_COUNT = 4
MAP_LIMIT = 500
LIST_LIMIT = 15
LINEAGE_SECONDS = 3600
GOOD = (ProgressStatus.MET, ProgressStatus.ON_TRACK)


def nation() -> AdministrativeUnit:
    """The root of today's map: no unit row, the prefix of every current path."""
    return AdministrativeUnit(scheme=Scheme.CURRENT, code="", name=_("Toàn quốc"), path=NATION_PATH)


def overview_unit(user, pk=None) -> AdministrativeUnit:
    """The unit the overview shows: the one asked for inside the user's reporting scope,
    else the user's first reporting unit, else (national users) the nation."""
    require_module(user, Module.REPORTING)
    if pk:
        return unit_or_404(user, pk, Module.REPORTING)
    units = units_of(user, Module.REPORTING, READ)
    if units:
        return units[0]
    if scope_for(user, Module.REPORTING).everything:
        return nation()
    raise Http404


def is_nation(unit) -> bool:
    return unit.pk is None and unit.path == NATION_PATH


def lineage(paths) -> dict[str, list[str]]:
    """``rollup_paths`` of ``paths``, kept in the cache until the map's history changes
    (a walk through 11,314 changes costs a quarter of a second for the 34 provinces);
    the nation is every scheme's root."""
    result = {p: [f"{s}/" for s in Scheme.values] for p in paths if p == NATION_PATH}
    rest = sorted(p for p in paths if p != NATION_PATH)
    if rest:
        version = UnitChange.objects.aggregate(n=Count("pk"), last=Max("pk"))
        digest = hashlib.sha256("|".join(rest).encode()).hexdigest()
        key = f"overview:lineage:{version['n']}:{version['last']}:{digest}"
        found = cache.get(key)
        if found is None:
            found = rollup_paths(rest)
            cache.set(key, found, LINEAGE_SECONDS)
        result.update(found)
    return result


@dataclass
class Coverage:
    """Who reported for one month among the units expected to (communes existing then)."""

    label: str
    expected: int
    reported: int

    @property
    def missing(self) -> int:
        return self.expected - self.reported

    @property
    def percent(self) -> Decimal | None:
        if not self.expected:
            return None
        return (Decimal(100) * self.reported / self.expected).quantize(Decimal("0.1"))


@dataclass
class ChildRow:
    unit: AdministrativeUnit
    coverage: Coverage
    targets: int = 0
    good: int = 0  # targets met or on track

    @property
    def target_percent(self) -> Decimal | None:
        if not self.targets:
            return None
        return (Decimal(100) * self.good / self.targets).quantize(Decimal("0.1"))


@dataclass
class Trend:
    indicator: Indicator
    series: Series


@dataclass
class MapData:
    hotspots: list = field(default_factory=list)
    hotspot_counts: list = field(default_factory=list)
    tips: list = field(default_factory=list)
    tip_counts: list = field(default_factory=list)
    inspected: list = field(default_factory=list)
    inspected_count: int = 0
    with_violations: int = 0
    shows_hotspots: bool = False
    shows_tips: bool = False

    @property
    def points(self) -> list[dict]:
        """What the map script draws (only what has coordinates), for ``json_script``."""
        found = [
            {
                "lat": float(h.latitude),
                "lng": float(h.longitude),
                "kind": "hotspot",
                "status": h.status,
                "label": f"{h.name} · {h.get_status_display()}",
            }
            for h in self.hotspots
            if h.latitude is not None and h.longitude is not None
        ]
        found += [
            {
                "lat": float(t.latitude),
                "lng": float(t.longitude),
                "kind": "tip",
                "status": t.status,
                "label": f"{t.reference} · {t.get_status_display()}",
            }
            for t in self.tips
        ]
        return found


def _children(unit) -> list[AdministrativeUnit]:
    if is_nation(unit):
        children = AdministrativeUnit.objects.filter(
            scheme=Scheme.CURRENT, level=Level.PROVINCE, valid_to__isnull=True
        )
    else:
        children = unit.children.all()
        if unit.is_current:
            children = children.filter(valid_to__isnull=True)
    return list(children.order_by("path"))


def last_closed_month(today: datetime.date):
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return month_period(first.year, first.month)


def coverage(user, unit, children, period) -> tuple[Coverage, dict[int, Coverage]]:
    """Reports of ``period`` (any commune form) among the communes under ``unit`` that
    existed in it, for the unit and for each child: two queries."""
    window = period.window
    communes = list(
        AdministrativeUnit.objects.subtree_of(unit.path)
        .filter(level=Level.COMMUNE)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=window.end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=window.start))
        .values_list("pk", "path")
    )
    reported = set(
        Submission.objects.visible_to(user)
        .filter(
            unit__in=AdministrativeUnit.objects.subtree_of(unit.path)
            .filter(level=Level.COMMUNE)
            .values("pk"),
            period_start=window.start,
            period_end=window.end,
            status__in=COUNTED_STATUSES,
        )
        .order_by()
        .values_list("unit_id", flat=True)
        .distinct()
    )
    label = period.label
    total = Coverage(label, len(communes), sum(1 for pk, _p in communes if pk in reported))
    per_child = {}
    for child in children:
        mine = [pk for pk, path in communes if path.startswith(child.path)]
        per_child[child.pk] = Coverage(label, len(mine), sum(1 for pk in mine if pk in reported))
    return total, per_child


def key_indicators(user) -> list[Indicator]:
    flows = list(
        Indicator.objects.visible_to(user)
        .current()
        .active()
        .filter(source=Source.ENTERED, aggregation=Aggregation.SUM)
        .order_by("order", "code")
    )
    chosen = [i for code in KEY_CODES for i in flows if i.code == code]
    rest = [i for i in flows if i not in chosen]
    return (chosen + rest)[:KEY_COUNT]


def trends(user, unit, year: int, by: str) -> list[Trend]:
    """Each key indicator by month (or quarter) of ``year`` against ``year - 1``, from the
    approved totals: two queries. A report counts in the month (quarter) its cut-off
    window ends in (a month's window runs from the 15th of the month before); reports over
    longer periods do not fit one and are left out (a quarter's report shows by quarter)."""
    indicators = key_indicators(user)
    window = Window(months_window(year - 1, 1, 12).start, months_window(year, 1, 12).end)
    prefixes = {unit.path: lineage([unit.path])[unit.path]}
    found = approved_totals(prefixes, indicators, window, by_period=True)[unit.path]
    quarterly = by == "quarter"
    buckets, per, longest = (4, 3, 93) if quarterly else (12, 1, 31)
    sums = {(i.pk, y): [Decimal(0)] * buckets for i in indicators for y in (year - 1, year)}
    for (pk, start, end), value in found.items():
        if (end - start).days >= longest or (end.year, pk) not in {
            (y, pk) for y in (year - 1, year)
        }:
            continue
        sums[pk, end.year][(end.month - 1) // per] += value.numerator
    labels = [f"Q{q}" for q in range(1, 5)] if quarterly else [f"{m:02d}" for m in range(1, 13)]
    return [
        Trend(i, Series(labels, sums[i.pk, year - 1], sums[i.pk, year], year - 1, year))
        for i in indicators
    ]


def own_targets(user, unit, year: int, today: datetime.date) -> list:
    """This year's targets of the unit's plans with their progress (as on the plan's
    page: one value query per plan)."""
    if is_nation(unit):
        return []
    targets = list(unit_targets(user, unit, year))
    return targets_progress(targets, on=min(today, datetime.date(year, 12, 31)))


def children_targets(user, children, year: int, today: datetime.date) -> dict[int, tuple]:
    """For each child unit: (targets of its plans for ``year``, targets met or on track),
    from the approved totals: three queries whatever the number of units and targets.
    Stocks and computed indicators are not in the totals: their targets count as without
    figures (the child's own page measures them)."""
    if not children or not can(user, Module.PLANS):
        return {}
    lineages = lineage([c.path for c in children])
    targets = list(
        Target.objects.visible_to(user)
        .filter(
            plan__unit__in=AdministrativeUnit.objects.filter(
                pk__in=[c.pk for c in children]
            ).values("pk"),
            plan__year_from__lte=year,
            plan__year_to__gte=year,
            indicator__isnull=False,
            each_level="",
        )
        .select_related("plan", "plan__unit", "indicator")
    )
    on = min(today, datetime.date(year, 12, 31))
    window = Window(datetime.date(year, 1, 1), on)
    indicators = {t.indicator_id: t.indicator for t in targets}.values()
    totals = (
        approved_totals({c.pk: lineages[c.path] for c in children}, indicators, window)
        if targets
        else {}
    )
    result: dict[int, list[int]] = {}
    for t in targets:
        row = result.setdefault(t.plan.unit_id, [0, 0])
        row[0] += 1
        summed = t.indicator.source == Source.ENTERED and not t.indicator.is_stock
        value = totals.get(t.plan.unit_id, {}).get(t.indicator_id) if summed else None
        if progress_from(t, value, on).status in GOOD:
            row[1] += 1
    return {pk: tuple(v) for pk, v in result.items()}


def ranked_children(user, unit, year, today, period) -> tuple[Coverage, list[ChildRow]]:
    children = _children(unit)
    total, per_child = coverage(user, unit, children, period)
    by_targets = children_targets(user, children, year, today)
    rows = [ChildRow(c, per_child[c.pk], *by_targets.get(c.pk, (0, 0))) for c in children]
    return total, rows


def map_data(user, unit, year: int) -> MapData:
    """Hotspots and tips with their status (points where they have coordinates), and
    the establishments inspected this year, each through its module's scope."""
    data = MapData()
    below = AdministrativeUnit.objects.subtree_of(unit.path).values("pk")
    if can(user, Module.INSPECTIONS):
        data.shows_hotspots = True
        hotspots = Hotspot.objects.visible_to(user).filter(unit__in=below)
        data.hotspot_counts = _counts(hotspots, Hotspot)
        data.hotspots = list(hotspots.select_related("unit").order_by("status", "name")[:MAP_LIMIT])
        inspected = (
            Establishment.objects.visible_to(user)
            .filter(unit__in=below)
            .filter(
                Exists(
                    Inspection.objects.filter(establishment=OuterRef("pk"), started_at__year=year)
                )
            )
        )
        found = inspected.aggregate(
            n=Count("pk"),
            v=Count(
                "pk",
                filter=Q(
                    Exists(
                        Violation.objects.filter(
                            inspection__establishment=OuterRef("pk"),
                            inspection__started_at__year=year,
                        )
                    )
                ),
            ),
        )
        data.inspected_count, data.with_violations = found["n"], found["v"]
        data.inspected = list(
            inspected.select_related("unit")
            .annotate(last=Max("inspections__started_at"))
            .order_by("-last")[:LIST_LIMIT]
        )
    if can(user, Module.TIPS):
        data.shows_tips = True
        tips = Tip.objects.visible_to(user).filter(commune__in=below)
        data.tip_counts = _counts(tips, Tip)
        data.tips = list(
            tips.filter(latitude__isnull=False, longitude__isnull=False)
            .select_related("commune")
            .order_by("-pk")[:MAP_LIMIT]
        )
    return data


def _counts(queryset, model) -> list[tuple[str, str, int]]:
    labels = dict(model._meta.get_field("status").choices)
    found = dict(queryset.order_by().values_list("status").annotate(n=Count("pk")))
    return [(code, labels[code], found[code]) for code in labels if found.get(code)]


def overview(user, unit, *, today: datetime.date, by: str = "month", rank: str = "") -> dict:
    """Everything the overview page (or its part on the leader's home) shows."""
    year = today.year
    period = last_closed_month(today)
    total, children = ranked_children(user, unit, year, today, period)
    if rank == "targets":
        children.sort(key=lambda r: (r.target_percent is None, -(r.target_percent or 0)))
    else:
        children.sort(key=lambda r: (r.coverage.percent is None, -(r.coverage.percent or 0)))
    return {
        "unit": unit,
        "title": _("Toàn quốc") if is_nation(unit) else str(unit),
        "nation": is_nation(unit),
        "year": year,
        "today": today,
        "by": "quarter" if by == "quarter" else "month",
        "rank": "targets" if rank == "targets" else "coverage",
        "targets": own_targets(user, unit, year, today),
        "trends": trends(user, unit, year, by),
        "coverage": total,
        "children": children,
        "map": map_data(user, unit, year),
    }
