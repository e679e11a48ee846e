"""Reads of the module, through the user: cases for their workers, counts for the rest."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import small
from .models import (
    OUTREACH_CELLS,
    CaseStatus,
    Group,
    OutreachSession,
    Referral,
    ReferralStatus,
    Regime,
    ServiceType,
    Sex,
    SupportClient,
    SupportModel,
    SupportService,
    TeamKind,
    VictimSupport,
    VolunteerTeam,
)

# ``?follow_up=due``: open cases with a referral still under way whose follow-up date
# has come (the home page's to-do links here).
FOLLOW_UP_DUE = "due"


def case_list(
    user,
    *,
    status: str = "",
    group: str = "",
    follow_up: str = "",
    today: datetime.date | None = None,
):
    cases = SupportClient.objects.visible_to(user).select_related("unit")
    if status:
        cases = cases.filter(status=status)
    if group:
        cases = cases.filter(group=group)
    if follow_up == FOLLOW_UP_DUE:
        today = today or timezone.localdate()
        due = Referral.objects.filter(
            follow_up_on__lte=today,
            status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED],
        )
        cases = cases.filter(status=CaseStatus.OPEN, pk__in=due.values("client_id"))
    return cases.order_by("-opened_on", "-pk")


@dataclass
class Table:
    """One table of counts, already suppressed: rows of (label, [cells])."""

    title: str
    header: list[str]
    rows: list[tuple[str, list]] = field(default_factory=list)


def _sexes():
    return [Sex.FEMALE, Sex.MALE, Sex.OTHER]


def overview(user, year: int) -> list[Table]:
    """Counts of the year over every unit whose counts the user may see, each count of 1
    to 4 shown as '<5'. A fixed number of queries whatever the number of cases."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    cases = SupportClient.objects.counted_for(user)
    sexes = _sexes()
    tables = []

    opened = cases.filter(opened_on__range=(start, end))
    by = {
        (r["group"], r["sex"]): r["n"]
        for r in opened.values("group", "sex").annotate(n=Count("pk"))
    }
    t = Table(_("Ca hỗ trợ mở trong năm"), [_("Nhóm"), *[str(s.label) for s in sexes], _("Tổng")])
    for group in Group:
        cells = [by.get((group.value, s.value), 0) for s in sexes]
        t.rows.append((str(group.label), [small(c) for c in cells] + [small(sum(cells))]))
    tables.append(t)

    served = SupportService.objects.filter(client__in=cases, given_on__range=(start, end))
    by_type = {
        r["service_type"]: r["n"]
        for r in served.values("service_type").annotate(n=Count("client", distinct=True))
    }
    t = Table(_("Người được hỗ trợ theo dịch vụ"), [_("Dịch vụ"), _("Số người")])
    for st in ServiceType.objects.filter(is_active=True):
        t.rows.append((st.name, [small(by_type.get(st.pk, 0))]))
    total = served.aggregate(n=Count("client", distinct=True))["n"]
    t.rows.append((_("Tổng số người được hỗ trợ"), [small(total)]))
    tables.append(t)

    referrals = Referral.objects.filter(client__in=cases, sent_on__range=(start, end))
    by_status = {r["status"]: r["n"] for r in referrals.values("status").annotate(n=Count("pk"))}
    t = Table(_("Chuyển gửi trong năm"), [_("Tình trạng"), _("Số lượt")])
    for status in ReferralStatus:
        t.rows.append((str(status.label), [small(by_status.get(status.value, 0))]))
    tables.append(t)

    victims = cases.filter(group=Group.VICTIM)
    received = victims.filter(victim__received_on__range=(start, end)).count()
    supports = VictimSupport.objects.filter(
        victim__client__in=victims, given_on__range=(start, end)
    )
    by_regime = {
        r["regime"]: r["n"]
        for r in supports.values("regime").annotate(n=Count("victim", distinct=True))
    }
    t = Table(_("Nạn nhân bị mua bán"), [_("Nội dung"), _("Số người")])
    t.rows.append((_("Được tiếp nhận trong năm"), [small(received)]))
    for regime in Regime:
        t.rows.append((str(regime.label), [small(by_regime.get(regime.value, 0))]))
    tables.append(t)

    sessions = OutreachSession.objects.filter(
        counts_q(user), held_on__range=(start, end)
    ).aggregate(**{f: Sum(f) for f, _g, _s in OUTREACH_CELLS}, n=Count("pk"))
    t = Table(
        _("Tiếp cận cộng đồng (%(n)s buổi)") % {"n": sessions["n"]},
        [_("Nhóm"), str(Sex.FEMALE.label), str(Sex.MALE.label)],
    )
    for group in Group:
        cells = [sessions[f] or 0 for f, g, s in OUTREACH_CELLS if g == group.value]
        t.rows.append((str(group.label), [small(c) for c in cells]))
    tables.append(t)

    running = SupportModel.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=end), counts_q(user), started_on__lte=end
    )
    teams = VolunteerTeam.objects.filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=end),
        counts_q(user),
        established_on__lte=end,
    )
    t = Table(_("Mô hình và đội tình nguyện"), [_("Nội dung"), _("Số lượng")])
    # Registers name no person: their counts are shown as they are.
    t.rows.append(
        (_("Mô hình xây dựng mới trong năm"), [running.filter(started_on__gte=start).count()])
    )
    t.rows.append((_("Mô hình đang duy trì cuối năm"), [running.count()]))
    t.rows.append(
        (_("Đội công tác xã hội tình nguyện"), [teams.filter(kind=TeamKind.TEAM).count()])
    )
    t.rows.append(
        (_("Mạng lưới cộng tác viên"), [teams.filter(kind=TeamKind.COLLABORATORS).count()])
    )
    tables.append(t)
    return tables


def counts_q(user) -> Q:
    from .access import counts_scope

    return counts_scope(user).q("unit__path")


def writable_units(user, *, communes_only: bool = True):
    """Current units where the user writes support data: where new records may go."""
    from lanhmanh.accounts.roles import Module
    from lanhmanh.accounts.scope import scope_for
    from lanhmanh.geography.models import AdministrativeUnit, Level

    scope = scope_for(user, Module.SUPPORT, write=True)
    units = AdministrativeUnit.objects.current().filter(
        scope.q("path") if (scope.prefixes or scope.everything) else Q(pk__in=[])
    )
    if communes_only:
        units = units.filter(level=Level.COMMUNE)
    return units.select_related("parent").order_by("path")


def providers_for(user):
    from .models import Provider

    return Provider.objects.visible_to(user).filter(is_active=True).order_by("name")
