"""How many of the units expected to report did, over a window: the denominator every
percentage of a dashboard needs ('100% of the 6 communes that reported; 160 have not')."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from lanhmanh.geography.models import AdministrativeUnit, Level
from lanhmanh.indicators.registry import Window

from .models import COUNTED_STATUSES, Submission


@dataclass(frozen=True)
class Reach:
    reported: int
    expected: int

    @property
    def missing(self) -> int:
        return max(0, self.expected - self.reported)


def window_reach(user, unit: AdministrativeUnit, window: Window) -> Reach:
    """Communes under ``unit`` (itself, for a commune) that existed during ``window``, and
    how many of them have a report counted in the figures (approved or sent) whose period
    lies in it: two queries."""
    communes = (
        AdministrativeUnit.objects.subtree_of(unit)
        .filter(level=Level.COMMUNE)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=window.end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=window.start))
    )
    reported = (
        Submission.objects.visible_to(user)
        .filter(
            unit__in=communes.values("pk"),
            status__in=COUNTED_STATUSES,
            period_start__gte=window.start,
            period_end__lte=window.end,
        )
        .values("unit")
        .distinct()
        .count()
    )
    return Reach(reported=reported, expected=communes.count())
