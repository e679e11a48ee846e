"""The module's computed indicators, registered with the indicators registry.

Each is one aggregate query over the records under ``paths`` (unit path prefixes) dated
inside the ``window`` (both ends included):

- ``committee_meetings_held``: meetings of the steering committees (committee and
  coordination meetings, sơ kết and tổng kết reviews) held in the window; a breakdown
  ``meeting_kind:<kind>`` or the parameter ``kind`` narrows it to one kind;
- ``supervision_visits``: visits made in the window, counted where the visited unit is
  (a province's visit to a commune counts for both, as the commune is under the province);
- ``supervision_open_recommendations``: a stock — recommendations made by the window's
  end and not answered as done by then;
- ``commendations``: commendations decided in the window, by the unit that decided them;
  the parameter ``level`` or ``recipient`` (a recipient kind) narrows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Q

from lanhmanh.core.scoping import prefix_q
from lanhmanh.indicators.registry import Value, Window, register

from .models import Commendation, Meeting, Recommendation, SupervisionVisit


def _count(rows) -> Value:
    return Value(numerator=Decimal(rows.count()))


def meetings_in(paths: Sequence[str], window: Window, kind: str | None = None):
    rows = Meeting.objects.filter(
        prefix_q(paths, "unit__path"), held_on__gte=window.start, held_on__lte=window.end
    )
    return rows.filter(kind=kind) if kind else rows


@register("committee_meetings_held", parameters=("kind",))
def meetings_held(*, paths, window, disaggregation=None, kind=None) -> Value:
    if disaggregation:
        category, _sep, option = disaggregation.partition(":")
        if category != "meeting_kind" or (kind and option != kind):
            return Value(numerator=Decimal(0))
        kind = option
    return _count(meetings_in(paths, window, kind))


@register("supervision_visits")
def visits(*, paths, window, disaggregation=None) -> Value:
    rows = SupervisionVisit.objects.filter(
        prefix_q(paths, "supervised_unit__path"),
        visited_on__gte=window.start,
        visited_on__lte=window.end,
    )
    return _count(rows)


@register("supervision_open_recommendations")
def open_recommendations(*, paths, window, disaggregation=None) -> Value:
    """Made on or before the window's end and not answered as done by then."""
    rows = Recommendation.objects.filter(
        prefix_q(paths, "visit__supervised_unit__path"), visit__visited_on__lte=window.end
    ).filter(Q(done=False) | Q(answered_on__gt=window.end))
    return _count(rows)


@register("commendations", parameters=("level", "recipient"))
def commendations(*, paths, window, disaggregation=None, level=None, recipient=None) -> Value:
    rows = Commendation.objects.filter(
        prefix_q(paths, "unit__path"),
        decision_date__gte=window.start,
        decision_date__lte=window.end,
    )
    if level:
        rows = rows.filter(level=level)
    if recipient:
        rows = rows.filter(recipient_kind=recipient)
    return _count(rows)
