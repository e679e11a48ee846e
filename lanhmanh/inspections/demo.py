"""Demo records of the inspections module: a register of a few hundred establishments in
the demo province's communes, a year of inspections by its team 178 with violations and
fines, follow-ups (some overdue), an approved quarterly plan, and a handful of hotspots
with their histories.

Deterministic (a fixed random seed) and run once: if the communes already have
establishments, nothing is added.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from lanhmanh.organizations.models import Agency

from . import services
from .models import (
    BusinessType,
    ChecklistVersion,
    Establishment,
    Hotspot,
    HotspotPatrol,
    HotspotStatus,
    InspectionKind,
    RiskLevel,
    Sanction,
    ViolationType,
)

SEED = 178
PER_COMMUNE = 50
INSPECTIONS = 240
STREETS = [
    "Lê Lợi",
    "Trần Phú",
    "Quang Trung",
    "Bà Triệu",
    "Hàm Nghi",
    "Lê Lai",
    "Nguyễn Trãi",
    "Phan Chu Trinh",
    "Hai Bà Trưng",
    "Tống Duy Tân",
    "Đại lộ Lê Lợi",
    "Quốc lộ 1A",
]
NAMES = [
    "Hoàng Gia",
    "Sao Mai",
    "Bình Minh",
    "Hoa Sen",
    "Thiên Đường",
    "Phương Đông",
    "Ánh Dương",
    "Biển Xanh",
    "Hải Âu",
    "Kim Long",
    "Ngọc Lan",
    "Thanh Xuân",
    "Hương Quê",
    "Trăng Vàng",
]
OWNERS = [
    "Lê Văn Hùng",
    "Nguyễn Thị Hà",
    "Trịnh Văn Nam",
    "Phạm Thị Thu",
    "Hoàng Văn Đức",
    "Mai Thị Hạnh",
    "Lưu Văn Tài",
    "Đỗ Thị Hằng",
]
HOTSPOTS = [
    ("Khu vực bờ sông Đông Hương", ["eliminated", "watch"]),
    ("Công viên trung tâm (khu phía Tây)", ["eliminated", "reactivated"]),
    ("Đoạn Quốc lộ 1A gần bến xe", []),
    ("Bãi tắm khu C", ["eliminated", "watch", "reactivated", "eliminated"]),
    ("Khu nhà trọ ven chợ đầu mối", ["eliminated"]),
]  # fmt: skip


@dataclass
class InspectionsDemo:
    establishments: int = 0
    inspections: int = 0
    hotspots: int = 0


@transaction.atomic
def inspections_demo_build(province, communes, team) -> InspectionsDemo:
    result = InspectionsDemo()
    if Establishment.objects.filter(unit__in=communes).exists():
        patrols_demo_build(province, communes)  # demo databases made before patrols
        return result
    rng = random.Random(SEED)  # noqa: S311 - demo data, reproducible on purpose
    today = timezone.localdate()
    by = None
    establishments = _register(rng, communes, today, by)
    result.establishments = len(establishments)
    result.inspections = _inspections(rng, team, establishments, today, by)
    result.hotspots = _hotspots(rng, province, communes, today, by)
    result.hotspots += patrols_demo_build(province, communes)
    return result


def _register(rng, communes, today, by) -> list[Establishment]:
    types = list(BusinessType.objects.filter(is_active=True).exclude(code="other"))
    created = []
    for commune in communes:
        for i in range(PER_COMMUNE):
            business_type = rng.choice(types)
            licence_date = today - datetime.timedelta(days=rng.randint(400, 3000))
            establishment = services.establishment_create(
                unit=commune,
                by=by,
                business_type=business_type,
                name=f"{business_type.name} {rng.choice(NAMES)} {i + 1}",
                address=f"{rng.randint(1, 300)} {rng.choice(STREETS)}",
                licence_number=f"{commune.code}{i:04d}",
                licence_date=licence_date,
                owner_name=rng.choice(OWNERS),
                phone=f"09{rng.randint(10_000_000, 99_999_999)}",
                risk_level=rng.choices(RiskLevel.values, weights=[5, 3, 2])[0],
            )
            if rng.random() < 0.6:
                services.commitment_add(
                    establishment=establishment,
                    signed_on=licence_date + datetime.timedelta(days=rng.randint(10, 300)),
                    signed_by=establishment.owner_name,
                    document_number=f"{i + 1:02d}/CK",
                )
            if rng.random() < 0.05:
                services.establishment_status_change(
                    establishment=establishment,
                    by=by,
                    status=rng.choice(["suspended", "closed"]),
                    since=today - datetime.timedelta(days=rng.randint(1, 200)),
                )
            created.append(establishment)
    return created


def _inspections(rng, team, establishments, today, by) -> int:
    members = list(team.members.all())
    if len(members) < 3:
        return 0
    version = ChecklistVersion.objects.filter(is_active=True).order_by("-number").first()
    items = list(version.items.all()) if version else []
    violation_types = list(ViolationType.objects.of_organisations())
    plan = services.inspection_plan_create(
        team=team,
        by=by,
        title=f"Kế hoạch kiểm tra cơ sở kinh doanh dịch vụ nhạy cảm năm {today.year}",
        number=f"15/KH-ĐKT178 ({today.year})",
        period_start=datetime.date(today.year, 1, 1),
        period_end=datetime.date(today.year, 12, 31),
        establishments=rng.sample(establishments, min(80, len(establishments))),
    )
    services.inspection_plan_approve(
        plan=plan, approved_by="Nguyễn Văn An", approved_on=datetime.date(today.year, 1, 1)
    )
    planned = {e.pk for e in plan.establishments.all()}
    count = 0
    for _ in range(INSPECTIONS):
        establishment = rng.choice(establishments)
        day = today - datetime.timedelta(days=rng.randint(1, 365))
        started_at = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(rng.randint(8, 22), rng.choice([0, 30])))
        )
        unannounced = rng.random() < 0.3
        in_plan = establishment.pk in planned and day.year == today.year and not unannounced
        violations = _violations(rng, violation_types, day)
        services.inspection_record(
            establishment=establishment,
            team=team,
            by=by,
            started_at=started_at,
            members_present=rng.sample(members, rng.randint(3, len(members))),
            kind=InspectionKind.UNANNOUNCED if unannounced else InspectionKind.PLANNED,
            plan=plan if in_plan else None,
            trigger=rng.choice(["tip", "request", "complaint"]) if unannounced else "",
            checks={item: rng.choices(["ok", "not_ok", "na"], [8, 1, 1])[0] for item in items},
            findings="Phát hiện vi phạm, đã lập biên bản." if violations else "Chấp hành tốt.",
            record_number=f"{count + 1:03d}/BB-ĐKT" if violations else "",
            remedial_measures="Yêu cầu chấn chỉnh, khắc phục ngay." if violations else "",
            follow_up_due=day + datetime.timedelta(days=30) if violations else None,
            violations=violations,
        )
        count += 1
    return count


def _violations(rng, violation_types, day) -> list[dict]:
    in_force = [
        v
        for v in violation_types
        if (not v.valid_from or v.valid_from <= day) and (not v.valid_to or day <= v.valid_to)
    ]
    if not in_force or rng.random() > 0.2:
        return []
    vt = rng.choice(in_force)
    fine = (
        rng.randrange(vt.fine_min, vt.fine_max + 1, 500_000)
        if vt.fine_max > vt.fine_min
        else vt.fine_min
    )
    return [
        {
            "violation_type": vt,
            "sanction": Sanction.FINE,
            "fine_vnd": min(fine, vt.fine_max),
            "decision_number": f"{rng.randint(1, 300)}/QĐ-XPHC",
        }
    ]


def _hotspots(rng, province, communes, today, by) -> int:
    police = Agency.objects.filter(unit=province, sector__code="police").first()
    for n, (name, steps) in enumerate(HOTSPOTS):
        on = today - datetime.timedelta(days=330 - n * 10)
        hotspot = services.hotspot_create(
            unit=communes[n % len(communes)], by=by, name=name, on=on, agency=police
        )
        for step in steps:
            on += datetime.timedelta(days=rng.randint(20, 60))
            if on > today:
                break
            services.hotspot_status_change(
                hotspot=hotspot, by=by, status=HotspotStatus(step), on=on, agency=police
            )
    return len(HOTSPOTS)


SUSPECTED = "Đoạn đường ven biển giữa hai xã (điểm nghi)"
# (days ago, hotspot name, what the patrol saw, activity seen)
PATROLS = [
    (40, SUSPECTED, "Hai phụ nữ đứng ven đường sau 22 giờ, có xe máy dừng lại trao đổi.", True),
    (26, SUSPECTED, "Không phát hiện người đứng đường; một quán nước mở khuya.", False),
    (12, SUSPECTED, "Ba người đứng mời khách, bỏ đi khi thấy lực lượng tuần tra.", True),
    (50, "Đoạn Quốc lộ 1A gần bến xe", "Có người môi giới mời khách gần bến xe.", True),
    (20, "Đoạn Quốc lộ 1A gần bến xe", "Đã nhắc nhở các hộ kinh doanh, không thấy mời khách.",
     False),
    (8, "Bãi tắm khu C", "Khu vực vắng, đã treo biển cảnh báo.", False),
]  # fmt: skip


def patrols_demo_build(province, communes) -> int:
    """A suspected point spanning two communes and a few months of patrol visits to it and
    to two other hotspots; returns the hotspots made (0 when they are there already)."""
    if len(communes) < 3 or Hotspot.objects.filter(name=SUSPECTED).exists():
        return 0
    today = timezone.localdate()
    police = Agency.objects.filter(unit=province, sector__code="police").first()
    if police is None:
        return 0
    suspected = services.hotspot_create(
        unit=communes[1],
        communes=[communes[2]],
        by=None,
        name=SUSPECTED,
        on=today - datetime.timedelta(days=45),
        agency=police,
        suspected=True,
        description="Đoạn đường dài khoảng 2 km nằm trên địa bàn hai xã.",
    )
    hotspots = {h.name: h for h in Hotspot.objects.filter(unit__in=communes)}
    hotspots[SUSPECTED] = suspected
    HotspotPatrol.objects.bulk_create(
        HotspotPatrol(
            hotspot=hotspots[name],
            on=today - datetime.timedelta(days=days),
            agency=police,
            observed=observed,
            activity_seen=seen,
        )
        for days, name, observed, seen in PATROLS
        if name in hotspots
    )
    return 1
