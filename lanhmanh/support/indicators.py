"""The module's computed indicators and their catalogue rows (loaded by a data migration).

Each computation is one aggregate query over the records under ``paths`` for ``window``
(both ends included). Cases count under the commune where they were opened; anonymised
cases still count: anonymisation drops who, never how many.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from lanhmanh.indicators.registry import Value, Window, register

from .catalogue import SERVICE_TYPES
from .models import (
    OUTREACH_CELLS,
    Group,
    OutreachSession,
    Referral,
    ReferralStatus,
    SupportClient,
    SupportModel,
    SupportService,
    TeamKind,
    Victim,
    VolunteerTeam,
)

SUPPORT_SERVICE = "support_service"


def _row(code, name, definition, unit_of_measure, *, aggregation="sum", dis=(), **extra):
    return {
        "code": code,
        "name": name,
        "definition": definition,
        "measure": extra.get("measure", "count"),
        "unit_of_measure": unit_of_measure,
        "numerator_label": extra.get("numerator", ""),
        "denominator_label": extra.get("denominator", ""),
        "aggregation": aggregation,
        "source": "computed",
        "disaggregations": list(dis),
        "topic": extra.get("topic", "prostitution"),
    }


CATALOGUE = [
    _row(
        "support_people_reached",
        "Số lượt người được tiếp cận cộng đồng (sổ tiếp cận)",
        "Tổng số lượt người bán dâm, nạn nhân và người có nguy cơ được tiếp cận trong các "
        "buổi tiếp cận cộng đồng ghi trong kỳ.",
        "lượt người",
        dis=["sex"],
    ),
    _row(
        "support_clients_supported",
        "Số người được hỗ trợ (ca hỗ trợ)",
        "Số người (ca) được cung cấp ít nhất một dịch vụ hỗ trợ trong kỳ; theo dịch vụ: số "
        "người được cung cấp dịch vụ đó.",
        "người",
        dis=["sex", SUPPORT_SERVICE],
    ),
    _row(
        "support_clients_supported_share",
        "Tỷ lệ người bán dâm được hỗ trợ (ca hỗ trợ)",
        "Số người bán dâm có ca hỗ trợ được cung cấp ít nhất một dịch vụ trong kỳ, trên số "
        "người bán dâm có ca hỗ trợ đang mở trong kỳ.",
        "%",
        aggregation="ratio",
        measure="percent",
        numerator="Số người bán dâm được cung cấp dịch vụ",
        denominator="Số người bán dâm có ca hỗ trợ",
    ),
    _row(
        "support_referrals_completed",
        "Số lượt chuyển gửi hoàn thành",
        "Số lượt chuyển gửi đến cơ sở cung cấp dịch vụ được ghi nhận hoàn thành trong kỳ.",
        "lượt",
    ),
    _row(
        "victims_received",
        "Số nạn nhân bị mua bán được tiếp nhận",
        "Số nạn nhân bị mua bán được tiếp nhận trong kỳ (kể cả từ nước ngoài trở về).",
        "người",
        dis=["sex"],
        topic="trafficking",
    ),
    _row(
        "victims_supported",
        "Số nạn nhân bị mua bán được hỗ trợ",
        "Số nạn nhân được hưởng ít nhất một chế độ hỗ trợ theo Luật Phòng, chống mua bán "
        "người trong kỳ.",
        "người",
        dis=["sex"],
        topic="trafficking",
    ),
    _row(
        "support_models_started",
        "Số mô hình hỗ trợ xây dựng mới (sổ mô hình)",
        "Số mô hình hỗ trợ bắt đầu hoạt động trong kỳ, theo sổ mô hình.",
        "mô hình",
    ),
    _row(
        "support_models_running",
        "Số mô hình hỗ trợ đang duy trì (sổ mô hình)",
        "Số mô hình hỗ trợ đang hoạt động vào cuối kỳ, theo sổ mô hình.",
        "mô hình",
        aggregation="last",
    ),
    _row(
        "volunteer_teams",
        "Số đội công tác xã hội tình nguyện",
        "Số đội công tác xã hội tình nguyện đang hoạt động vào cuối kỳ.",
        "đội",
        aggregation="last",
    ),
]
DISAGGREGATION = (SUPPORT_SERVICE, "Dịch vụ hỗ trợ", SERVICE_TYPES)


def under(lookup: str, paths: Sequence[str]) -> Q:
    q = Q(pk__in=[])
    for prefix in paths:
        q |= Q(**{f"{lookup}__startswith": prefix})
    return q


def _count(n) -> Value:
    """A count of register rows (models, teams): names nobody."""
    return Value(numerator=Decimal(n or 0))


def _people(n) -> Value:
    """A count of people: every output shows 1 to 4 as '<5'."""
    return Value(numerator=Decimal(n or 0), hides_small=True)


def _dimension(disaggregation: str | None) -> tuple[str, str]:
    dim, _sep, member = (disaggregation or "").partition(":")
    return dim, member


@register("support_people_reached")
def people_reached(*, paths, window: Window, disaggregation=None) -> Value:
    dim, member = _dimension(disaggregation)
    cells = [f for f, _g, sex in OUTREACH_CELLS if dim != "sex" or sex == member]
    sessions = OutreachSession.objects.filter(
        under("unit__path", paths), held_on__gte=window.start, held_on__lte=window.end
    )
    totals = sessions.aggregate(**{f: Sum(f) for f in cells})
    return _people(sum(v or 0 for v in totals.values()))


def _served(paths, window):
    return SupportService.objects.filter(
        under("client__unit__path", paths), given_on__gte=window.start, given_on__lte=window.end
    )


@register("support_clients_supported")
def clients_supported(*, paths, window: Window, disaggregation=None) -> Value:
    dim, member = _dimension(disaggregation)
    services = _served(paths, window)
    if dim == "sex":
        services = services.filter(client__sex=member)
    elif dim == SUPPORT_SERVICE:
        services = services.filter(service_type__code=member)
    return _people(services.aggregate(n=Count("client", distinct=True))["n"])


def _open_during(paths, window):
    return SupportClient.objects.filter(
        under("unit__path", paths),
        Q(closed_on__isnull=True) | Q(closed_on__gte=window.start),
        opened_on__lte=window.end,
    )


@register("support_clients_supported_share")
def clients_supported_share(*, paths, window: Window, disaggregation=None) -> Value:
    served = SupportService.objects.filter(
        client=OuterRef("pk"), given_on__gte=window.start, given_on__lte=window.end
    )
    counts = (
        _open_during(paths, window)
        .filter(group=Group.SEX_WORKER)
        .aggregate(cases=Count("pk"), served=Count("pk", filter=Q(Exists(served))))
    )
    return Value(
        numerator=Decimal(counts["served"] or 0),
        denominator=Decimal(counts["cases"] or 0),
        hides_small=True,
    )


@register("support_referrals_completed")
def referrals_completed(*, paths, window: Window, disaggregation=None) -> Value:
    return _people(
        Referral.objects.filter(
            under("client__unit__path", paths),
            status=ReferralStatus.COMPLETED,
            status_on__gte=window.start,
            status_on__lte=window.end,
        ).count()
    )


@register("victims_received")
def victims_received(*, paths, window: Window, disaggregation=None) -> Value:
    dim, member = _dimension(disaggregation)
    victims = Victim.objects.filter(
        under("client__unit__path", paths),
        received_on__gte=window.start,
        received_on__lte=window.end,
    )
    if dim == "sex":
        victims = victims.filter(client__sex=member)
    return _people(victims.count())


@register("victims_supported")
def victims_supported(*, paths, window: Window, disaggregation=None) -> Value:
    dim, member = _dimension(disaggregation)
    victims = Victim.objects.filter(
        under("client__unit__path", paths),
        supports__given_on__gte=window.start,
        supports__given_on__lte=window.end,
    )
    if dim == "sex":
        victims = victims.filter(client__sex=member)
    return _people(victims.aggregate(n=Count("pk", distinct=True))["n"])


@register("support_models_started")
def models_started(*, paths, window: Window, disaggregation=None) -> Value:
    return _count(
        SupportModel.objects.filter(
            under("unit__path", paths),
            started_on__gte=window.start,
            started_on__lte=window.end,
        ).count()
    )


@register("support_models_running")
def models_running(*, paths, window: Window, disaggregation=None) -> Value:
    return _count(
        SupportModel.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=window.end),
            under("unit__path", paths),
            started_on__lte=window.end,
        ).count()
    )


@register("volunteer_teams")
def volunteer_teams(*, paths, window: Window, disaggregation=None) -> Value:
    return _count(
        VolunteerTeam.objects.filter(
            Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=window.end),
            under("unit__path", paths),
            kind=TeamKind.TEAM,
            established_on__lte=window.end,
        ).count()
    )
