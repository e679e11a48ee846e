"""The one value interface: an indicator's value for a unit and a window.

Callers (dashboard, target progress, report documents) never know where a figure comes
from. For an ``entered`` indicator it is the sum of the figures of the submissions

- of the unit's subtree and of every unit that turned into it (a 2026 province includes
  the 2004-code province, districts and communes merged into it; a new commune includes
  the old communes it was formed from; a commune split between several new ones counts
  whole for each of them, the conversion table does not say how to share its figures);
- whose period's cut-off window lies inside the requested window;
- approved, or submitted and waiting for approval: those make the value ``provisional``
  (a province sees this month's figures before every commune has been approved; drafts
  and returned submissions never count).

Counts sum; percentages sum numerators and denominators and divide last; stocks
(``aggregation = last``) take each unit's figure of its last period inside the window,
for the units that still existed at the window's end.
For a ``computed`` indicator the registered function gets the same path prefixes and the
window. Engine-neutral ORM only: the same queries run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, F, Max, Q, Sum
from django.db.models import Window as Over

from lanhmanh.core.history import ancestor_paths, rollup_paths
from lanhmanh.core.scoping import prefix_q
from lanhmanh.geography.models import AdministrativeUnit

from .models import Aggregation, Indicator, Source
from .registry import NO_DATA, NO_LIMITS, Limits, Value, Window, compute, entered_figures


def _indicators(indicators) -> list[Indicator]:
    items = list(indicators)
    codes = [i for i in items if isinstance(i, str)]
    if not codes:
        return items
    # A code names its current edition; older editions are reached through their rows.
    by_code = {i.code: i for i in Indicator.objects.filter(code__in=codes, current=True)}
    missing = [c for c in codes if c not in by_code]
    if missing:
        raise Indicator.DoesNotExist(f"Unknown indicators: {', '.join(missing)}")
    return [by_code[i] if isinstance(i, str) else i for i in items]


def units_under(prefixes: Sequence[str]):
    """The ids of the units whose path starts with one of ``prefixes``, as a subquery.

    Filtering figures by ``unit__in=units_under(...)`` tests the prefixes once per unit
    (thousands) instead of once per joined figure (millions): the OR of LIKEs is the
    expensive part of a national roll-up on SQLite."""
    return AdministrativeUnit.objects.filter(prefix_q(prefixes, "path")).values("id")


def _entered_rows(
    indicators: list[Indicator],
    prefixes,
    window: Window,
    disaggregation: str,
    by_unit: bool = False,
    limits: Limits = NO_LIMITS,
) -> list[dict]:
    """The aggregates of the submitted figures of ``indicators``: per indicator (and per
    submitting unit's path when ``by_unit``), in one query: the flows (counts, amounts,
    ratios summed over the window) and the stocks (each unit's last figure). ``limits``
    keep one agency's reports, or those of one level's units; reports are not made by
    teams, so a team limit finds none."""
    entered = entered_figures()

    if limits.team:
        return []
    only = {}
    if limits.agency:
        only["submission__agency"] = limits.agency
    if limits.level:
        only["submission__unit__level"] = limits.level

    def counted(units):
        return entered.model.objects.filter(
            submission__status__in=entered.counted,
            submission__period_start__gte=window.start,
            submission__period_end__lte=window.end,
            submission__unit__in=units,
            disaggregation=disaggregation,
            **only,
        )

    flows = [i.pk for i in indicators if i.aggregation not in (Aggregation.LAST, Aggregation.MAX)]
    stocks = [i.pk for i in indicators if i.is_stock]
    maxima = [i.pk for i in indicators if i.aggregation == Aggregation.MAX]
    group = ["indicator"] + (["submission__unit__path"] if by_unit else [])
    sums = {
        "num": Sum("numerator"),
        "den": Sum("denominator"),
        "pending": Count("pk", filter=Q(submission__status=entered.pending)),
    }
    parts = []
    if flows:
        parts.append(
            counted(units_under(prefixes))
            .filter(indicator__in=flows)
            .order_by()
            .values(*group)
            .annotate(**sums)
        )
    if stocks:
        # A stock counts once per unit: the figure of its last period inside the window,
        # found in one pass by a window function over (indicator, unit), and only for units
        # that still existed when the window closed (the stock of a unit merged away on
        # 1 July 2025 lives on in its successor's figures).
        existed = units_under(prefixes).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=window.end)
        )
        last = (
            counted(existed)
            .filter(indicator__in=stocks)
            .annotate(
                last_end=Over(
                    Max("submission__period_end"),
                    partition_by=[F("indicator"), F("submission__unit")],
                )
            )
            .filter(submission__period_end=F("last_end"))
            .values("pk")
        )
        parts.append(
            entered.model.objects.filter(pk__in=last).order_by().values(*group).annotate(**sums)
        )
    rows = []
    if parts:
        # One round trip whatever the mix of indicators.
        rows = list(parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0])
    if maxima:
        rows += _maximum_rows(counted(units_under(prefixes)).filter(indicator__in=maxima), by_unit)
    return rows


def _maximum_rows(values, by_unit: bool) -> list[dict]:
    """A 'maximum' indicator: each unit's largest figure in the window, summed over units."""
    per_unit = (
        values.order_by()
        .values("indicator", "submission__unit__path")
        .annotate(
            num=Max("numerator"),
            den=Max("denominator"),
            pending=Count("pk", filter=Q(submission__status="submitted")),
        )
    )
    if by_unit:
        return list(per_unit)
    totals: dict[int, dict] = {}
    for row in per_unit:
        total = totals.setdefault(
            row["indicator"], {"indicator": row["indicator"], "num": 0, "den": None, "pending": 0}
        )
        total["num"] += row["num"] or 0
        if row["den"] is not None:
            total["den"] = (total["den"] or 0) + row["den"]
        total["pending"] += row["pending"]
    return list(totals.values())


def _value(indicator: Indicator, row) -> Value:
    if row is None:
        return NO_DATA
    den = (row["den"] or Decimal(0)) if indicator.is_ratio else None
    return Value(row["num"] or Decimal(0), den, provisional=bool(row["pending"]))


def _computed(
    indicator: Indicator,
    prefixes,
    window: Window,
    disaggregation: str,
    limits: Limits = NO_LIMITS,
) -> Value:
    value = compute(
        indicator.computation_code,
        paths=prefixes,
        window=window,
        disaggregation=disaggregation or None,
        limits=limits,
        parameters=indicator.parameters,
    )
    # None: the module that computes it is not installed (yet)
    return NO_DATA if value is None else value


def indicator_values(
    indicators,
    unit: AdministrativeUnit,
    window: Window,
    disaggregation: str | None = None,
    limits: Limits = NO_LIMITS,
) -> dict[str, Value]:
    """Values of several indicators (rows or codes) for ``unit`` over ``window``, by code:
    one query for every entered indicator together, one call per computed one, whatever
    the number of units below. ``limits`` count only an agency's, a team's or a level's
    part (a target of the province's team 178)."""
    items = _indicators(indicators)
    prefixes = rollup_paths([unit.path])[unit.path]
    key = disaggregation or ""
    entered = [i for i in items if i.source == Source.ENTERED]
    rows = {}
    if entered:
        found = _entered_rows(entered, prefixes, window, key, limits=limits)
        rows = {r["indicator"]: r for r in found}
    result: dict[str, Value] = {}
    for indicator in items:
        if indicator.source == Source.ENTERED:
            result[indicator.code] = _value(indicator, rows.get(indicator.pk))
        else:
            result[indicator.code] = _computed(indicator, prefixes, window, key, limits)
    return result


def indicator_value(
    indicator, unit: AdministrativeUnit, window: Window, disaggregation: str | None = None
) -> Value:
    """The value of one indicator (row or code) for ``unit`` over ``window``;
    ``disaggregation`` is a key like 'sex:female' (None or '' for the total)."""
    item = _indicators([indicator])[0]
    return indicator_values([item], unit, window, disaggregation)[item.code]


def child_units(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The units a breakdown of ``unit`` shows: its children, today's if it is current."""
    children = unit.children.all()
    if unit.is_current:
        children = children.filter(valid_to__isnull=True)
    return list(children.order_by("path"))


def children_values(
    indicator, unit: AdministrativeUnit, window: Window, disaggregation: str | None = None
) -> list[tuple[AdministrativeUnit, Value]]:
    """``indicator`` for each child of ``unit`` (each with the units merged into it), in
    path order. Entered: one aggregate query for all children; computed: one call each."""
    return units_values(indicator, unit, child_units(unit), window, disaggregation)


def units_at_level(unit: AdministrativeUnit, level: str, window: Window):
    """The units of ``level`` under ``unit`` that existed during ``window``, in path
    order: the communes a target 'for each commune' is measured over."""
    return list(
        AdministrativeUnit.objects.subtree_of(unit)
        .filter(level=level)
        .exclude(path=unit.path)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=window.end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=window.start))
        .order_by("path")
    )


def units_values(
    indicator,
    unit: AdministrativeUnit,
    members: Sequence[AdministrativeUnit],
    window: Window,
    disaggregation: str | None = None,
    limits: Limits = NO_LIMITS,
) -> list[tuple[AdministrativeUnit, Value]]:
    """``indicator`` for each of ``members`` (units under ``unit``, each with the units
    merged into it), in their order. Entered: one aggregate query for all of them;
    computed: one call each (the registry's computation, with the same ``limits``)."""
    item = _indicators([indicator])[0]
    # The parent's own lineage bounds the query; the members' sort its rows out.
    lineage = rollup_paths([unit.path, *[m.path for m in members]])
    key = disaggregation or ""
    if item.source != Source.ENTERED:
        return [(m, _computed(item, lineage[m.path], window, key, limits)) for m in members]
    owners: dict[str, list[str]] = defaultdict(list)
    for member in members:
        for prefix in lineage[member.path]:
            owners[prefix].append(member.path)
    totals: dict[str, Value] = {}
    rows = _entered_rows([item], lineage[unit.path], window, key, by_unit=True, limits=limits)
    for row in rows:
        value = _value(item, row)
        roots = {
            r for a in ancestor_paths(row["submission__unit__path"]) for r in owners.get(a, ())
        }
        for root in roots:
            totals[root] = totals[root] + value if root in totals else value
    return [(m, totals.get(m.path, NO_DATA)) for m in members]
