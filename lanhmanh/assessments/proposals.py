"""Answers the system proposes from what it already knows about a commune's year, each
with the records it was read from. The assessor confirms or overrides with a reason.

Every read goes through the other modules' querysets with ``visible_to(user,
module=ASSESSMENTS)``: an assessor sees the facts about the communes they assess, never
more (tips are counted, never linked: their pages belong to the tip handlers).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.accounts.roles import Module
from lanhmanh.activities.models import Activity, ActivityGroup
from lanhmanh.inspections.models import Establishment, Hotspot
from lanhmanh.inspections.models.establishments import EstablishmentStatus
from lanhmanh.inspections.models.hotspots import ACTIVE_STATUSES
from lanhmanh.tips.models import OPEN as OPEN_TIPS
from lanhmanh.tips.models import Tip

from .models import Rule, Source

MODULE = Module.ASSESSMENTS
MAX_LINKS = 8


@dataclass
class Proposal:
    passed: bool
    share: Decimal  # 0..1: the part of the criterion met, for a points criterion
    text: str
    evidence: list[dict] = field(default_factory=list)

    def points(self, max_points: Decimal | None) -> Decimal | None:
        if max_points is None:
            return None
        return (max_points * self.share).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _link(label: str, url: str = "") -> dict:
    return {"label": str(label), "url": url}


def _quarters_due(year: int, today: datetime.date) -> list[int]:
    """The quarters of ``year`` that have begun by ``today`` (all four for a past year)."""
    if year < today.year:
        return [1, 2, 3, 4]
    if year > today.year:
        return []
    return list(range(1, (today.month - 1) // 3 + 2))


def no_active_hotspot(user, unit, year, today) -> Proposal:
    active = list(
        Hotspot.objects.visible_to(user, module=MODULE)
        .within(unit)
        .filter(status__in=ACTIVE_STATUSES)
        .order_by("name")[:MAX_LINKS]
    )
    if not active:
        return Proposal(
            True,
            Decimal(1),
            _("Sổ tụ điểm không có tụ điểm nào đang hoạt động trên địa bàn."),
            [_link(_("Danh sách tụ điểm"), reverse("inspections:hotspot_list"))],
        )
    return Proposal(
        False,
        Decimal(0),
        _("Có %(n)s tụ điểm đang hoạt động trên địa bàn.") % {"n": len(active)},
        [_link(h.name, h.get_absolute_url()) for h in active],
    )


def awareness_each_quarter(user, unit, year, today) -> Proposal:
    due = _quarters_due(year, today)
    rows = (
        Activity.objects.visible_to(user, module=MODULE)
        .within(unit)
        .filter(kind__group=ActivityGroup.AWARENESS, start_date__year=year)
        .order_by("start_date", "pk")
        .values_list("pk", "title", "start_date")
    )
    first_of: dict[int, tuple] = {}
    for pk, title, start in rows:
        first_of.setdefault((start.month - 1) // 3 + 1, (pk, title, start))
    held = [q for q in due if q in first_of]
    share = Decimal(len(held)) / Decimal(len(due)) if due else Decimal(1)
    evidence = [
        _link(
            f"{_('Quý')} {q}: {first_of[q][1]} ({first_of[q][2]:%d/%m/%Y})",
            reverse("activities:activity_detail", args=[first_of[q][0]]),
        )
        for q in held
    ]
    evidence.append(
        _link(
            _("Các hoạt động của năm trên địa bàn"),
            f"{reverse('activities:activity_list')}?unit={unit.pk}"
            f"&start={year}-01-01&end={year}-12-31",
        )
    )
    missing = [q for q in due if q not in first_of]
    text = _("Có hoạt động tuyên truyền trong %(held)s/%(due)s quý đã qua.") % {
        "held": len(held),
        "due": len(due),
    }
    if missing:
        text += " " + _("Chưa có ở quý: %(q)s.") % {"q": ", ".join(map(str, missing))}
    return Proposal(not missing, share, text, evidence)


def establishments_committed(user, unit, year, today) -> Proposal:
    operating = (
        Establishment.objects.visible_to(user, module=MODULE)
        .within(unit)
        .filter(status=EstablishmentStatus.OPERATING)
    )
    total = operating.count()
    if not total:
        return Proposal(True, Decimal(1), _("Sổ cơ sở không có cơ sở nào đang hoạt động."))
    missing = list(operating.filter(commitments__isnull=True).order_by("name")[:MAX_LINKS])
    uncommitted = operating.filter(commitments__isnull=True).count()
    committed = total - uncommitted
    text = _("%(c)s/%(n)s cơ sở đang hoạt động đã ký cam kết.") % {"c": committed, "n": total}
    evidence = [
        _link(_("Chưa ký: %(name)s") % {"name": e.name}, e.get_absolute_url()) for e in missing
    ]
    evidence.append(
        _link(
            _("Sổ cơ sở của địa bàn"), f"{reverse('inspections:establishment_list')}?unit={unit.pk}"
        )
    )
    return Proposal(uncommitted == 0, Decimal(committed) / Decimal(total), text, evidence)


def tips_closed(user, unit, year, today) -> Proposal:
    tips = Tip.objects.visible_to(user, module=MODULE).within(unit).filter(received_at__year=year)
    total = tips.count()
    if not total:
        return Proposal(True, Decimal(1), _("Không có tin báo nào về địa bàn trong năm."))
    still_open = tips.filter(status__in=OPEN_TIPS).count()
    text = _("%(c)s/%(n)s tin báo trong năm đã được giải quyết.") % {
        "c": total - still_open,
        "n": total,
    }
    return Proposal(still_open == 0, Decimal(total - still_open) / Decimal(total), text)


PROPOSERS = {
    Source.NO_ACTIVE_HOTSPOT: no_active_hotspot,
    Source.AWARENESS_EACH_QUARTER: awareness_each_quarter,
    Source.ESTABLISHMENTS_COMMITTED: establishments_committed,
    Source.TIPS_CLOSED: tips_closed,
}


def propose(criterion, *, user, unit, year, today=None) -> Proposal | None:
    """The proposal for ``criterion`` at ``unit`` in ``year``, or None when the system
    knows nothing about it."""
    func = PROPOSERS.get(criterion.source)
    if func is None:
        return None
    proposal = func(user, unit, year, today or timezone.localdate())
    if criterion.rule == Rule.PASS_FAIL:
        proposal.share = Decimal(1) if proposal.passed else Decimal(0)
    return proposal
