"""The register's computed indicators, registered with the indicators registry.

Each computation is one aggregate query over the decisions under ``paths`` (unit path
prefixes) for the ``window`` (both ends included):

- decisions and persons sanctioned count the decisions (fine or warning) issued in the
  window, by their decision date; persons break down by role (``offender_role:buyer``),
  sex (``sex:female``) and age band (``age_group:16_17``);
- fines imposed sum the fines decided in the window, fines collected what was paid in it;
- offenders handled is a share: of the offenders detected in the window (by the date of
  the act), those whose record was decided or referred to the criminal bodies — the
  '100% số đối tượng vi phạm bị phát hiện đều được xử lý' of the plans.

A computation may be narrowed to a role (``role``) or to the level of the unit where the
act took place (``level``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, Q, Sum

from lanhmanh.core.scoping import prefix_q
from lanhmanh.indicators.registry import Value, Window, register

from .models import (
    DECIDED,
    HANDLED,
    AgeBand,
    OffenderKind,
    OffenderRole,
    Outcome,
    SanctionDecision,
    Sex,
)

PARAMS = ("role", "level")
# Breakdown keys → the filter they stand for.
BREAKDOWNS = {
    **{f"offender_role:{r}": Q(role=r) for r in OffenderRole.values},
    **{f"sex:{s}": Q(sex=s) for s in Sex.values if s != Sex.UNKNOWN},
    **{f"age_group:{a}": Q(age_band=a) for a in AgeBand.values if a != AgeBand.UNKNOWN},
}


def decisions_under(paths: Sequence[str], **params):
    rows = SanctionDecision.objects.filter(prefix_q(list(paths), "unit__path"))
    if params.get("role"):
        rows = rows.filter(role=params["role"])
    if params.get("level"):
        rows = rows.filter(unit__level=params["level"])
    return rows


def _decided_in(paths, window: Window, **params):
    return decisions_under(paths, **params).filter(
        outcome__in=DECIDED,
        decision_date__gte=window.start,
        decision_date__lte=window.end,
    )


def _narrow(rows, disaggregation: str | None):
    """The rows of one breakdown option; None when the breakdown is not one of ours."""
    if not disaggregation:
        return rows
    q = BREAKDOWNS.get(disaggregation)
    return None if q is None else rows.filter(q)


def _count(rows) -> Value:
    if rows is None:
        return Value(numerator=Decimal(0))
    return Value(numerator=Decimal(rows.aggregate(n=Count("pk"))["n"] or 0))


@register("sanctions_decisions", params=PARAMS)
def decisions(*, paths, window, disaggregation=None, **params) -> Value:
    return _count(_narrow(_decided_in(paths, window, **params), disaggregation))


@register("sanctions_persons_sanctioned", params=PARAMS)
def persons_sanctioned(*, paths, window, disaggregation=None, **params) -> Value:
    rows = _decided_in(paths, window, **params).filter(offender_kind=OffenderKind.PERSON)
    return _count(_narrow(rows, disaggregation))


@register("sanctions_fines_imposed", params=PARAMS)
def fines_imposed(*, paths, window, disaggregation=None, **params) -> Value:
    rows = _narrow(
        _decided_in(paths, window, **params).filter(outcome=Outcome.FINE), disaggregation
    )
    total = rows.aggregate(n=Sum("fine_vnd"))["n"] if rows is not None else 0
    return Value(numerator=Decimal(total or 0))


@register("sanctions_fines_collected", params=PARAMS)
def fines_collected(*, paths, window, disaggregation=None, **params) -> Value:
    rows = decisions_under(paths, **params).filter(
        outcome=Outcome.FINE, paid_on__gte=window.start, paid_on__lte=window.end
    )
    rows = _narrow(rows, disaggregation)
    total = rows.aggregate(n=Sum("paid_vnd"))["n"] if rows is not None else 0
    return Value(numerator=Decimal(total or 0))


@register("sanctions_offenders_handled_share", params=PARAMS)
def offenders_handled(*, paths, window, disaggregation=None, **params) -> Value:
    rows = decisions_under(paths, **params).filter(
        act_date__gte=window.start, act_date__lte=window.end
    )
    rows = _narrow(rows, disaggregation)
    if rows is None:
        return Value(numerator=Decimal(0), denominator=Decimal(0))
    found = rows.aggregate(detected=Count("pk"), handled=Count("pk", filter=Q(outcome__in=HANDLED)))
    return Value(numerator=Decimal(found["handled"]), denominator=Decimal(found["detected"]))
