"""Reads of criminal cases, always through the user's scope."""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.inspections.models import Establishment, Hotspot
from lanhmanh.tips.models import Tip

from .bodies import bodies_of
from .models import STAGE_ORDER, CriminalArticle, CriminalCase, Stage

MODULE = Module.ENFORCEMENT


def case_list(user, *, stage: str = "", waiting: bool = False, article: str = ""):
    cases = CriminalCase.objects.visible_to(user).select_related("unit")
    if stage in Stage.values:
        cases = cases.filter(stage=stage)
    if article:
        cases = cases.filter(articles__code=article).distinct()
    if waiting:
        cases = waiting_cases(user, cases)
    return cases.prefetch_related("articles").order_by("-reported_on", "-pk")


def waiting_cases(user, cases=None):
    """Cases in the user's scope whose next stage is one of the user's bodies' to advance:
    what the to-do counts and the list it opens shows."""
    cases = cases if cases is not None else CriminalCase.objects.all()
    cases = cases.visible_to(user, action=WRITE)
    wanted = Q(pk__in=[])
    for body in bodies_of(user):
        wanted |= Q(pk__in=CriminalCase.objects.waiting_for(body).values("pk"))
    return cases.filter(wanted)


def stage_counts(user) -> list[tuple[Stage, int]]:
    """How many of the user's cases stand at each stage, in procedural order: one query."""
    found = dict(
        CriminalCase.objects.visible_to(user)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(stage, found.get(stage.value, 0)) for stage in STAGE_ORDER]


def totals(user) -> dict:
    return CriminalCase.objects.visible_to(user).aggregate(
        cases=Count("pk"),
        defendants_male=Sum("defendants_male", default=0),
        defendants_female=Sum("defendants_female", default=0),
        victims=Sum("victims", default=0),
        victims_children=Sum("victims_children", default=0),
        rings=Count("pk", filter=Q(ring_broken=True)),
        mobile=Count("pk", filter=Q(mobile_trial=True)),
    )


def writable_units(user):
    """Province and communes where the user may record a case."""
    return (
        AdministrativeUnit.objects.current()
        .filter(level__in=["province", "commune"])
        .visible_to(user, module=MODULE, action=WRITE)
        .order_by("path")
    )


def articles():
    return CriminalArticle.objects.filter(is_active=True)


def origin_choices(user):
    """Tips, establishments and hotspots a case may come from: those of the user's
    enforcement scope (the officers of a unit see where its cases came from)."""
    return {
        "tip": Tip.objects.visible_to(user, module=MODULE, action=WRITE).order_by("-pk"),
        "establishment": Establishment.objects.visible_to(
            user, module=MODULE, action=WRITE
        ).order_by("name"),
        "hotspot": Hotspot.objects.visible_to(user, module=MODULE, action=WRITE).order_by("name"),
    }
