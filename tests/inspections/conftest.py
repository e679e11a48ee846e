"""Records of the inspections module on top of the test world: two establishments in
phường Hạc Thành and one in xã Quảng Ngọc (Thanh Hóa), one in xã Lục Nam (Bắc Ninh);
team 178 of Thanh Hóa gets a third member so an inspection can be lawful."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from lanhmanh.inspections import services
from lanhmanh.inspections.models import BusinessType, ViolationType
from lanhmanh.organizations.models import TeamMember
from tests.conftest import kept


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    """``hour`` o'clock on ``day``, or a minute ago when that is still to come today."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    return min(moment, timezone.now() - datetime.timedelta(minutes=1))


@kept()
def records(world):
    r = SimpleNamespace()
    types = {t.code: t for t in BusinessType.objects.all()}
    r.karaoke, r.hotel = types["karaoke"], types["hotel"]
    TeamMember.objects.create(
        team=world.th_team, agency=world.th_police, full_name="Phạm Văn Cường", card_number="C3"
    )
    r.members = list(world.th_team.members.all())
    r.buy_sex = ViolationType.objects.get(decree="282/2025/NĐ-CP", description="Mua dâm")
    # Concealing under the decree in force today, and under the one before 15 Dec 2025.
    conceal = "Che giấu, bảo kê hoạt động mại dâm"
    r.conceal = ViolationType.objects.get(decree="282/2025/NĐ-CP", description=conceal)
    r.conceal_144 = ViolationType.objects.get(decree="144/2021/NĐ-CP", description=conceal)
    r.since = datetime.date(2025, 8, 1)

    def establishment(unit, name, address, business_type=None, **extra):
        return services.establishment_create(
            unit=unit,
            by=world.th_inspector,
            business_type=business_type or r.karaoke,
            name=name,
            address=address,
            status_since=extra.pop("status_since", r.since),
            **extra,
        )

    r.establishment = establishment
    r.sao_dem = establishment(
        world.hac_thanh, "Karaoke Sao Đêm", "12 Lê Lợi", licence_number="2801234567"
    )
    r.binh_minh = establishment(world.hac_thanh, "Khách sạn Bình Minh", "5 Trần Phú", r.hotel)
    r.hoa_sen = establishment(world.quang_ngoc, "Nhà nghỉ Hoa Sen", "Thôn 3", r.hotel)
    r.bn_place = services.establishment_create(
        unit=world.luc_nam,
        by=world.bn_coordinator,
        business_type=r.karaoke,
        name="Karaoke Lục Nam",
        address="Quốc lộ 31",
        status_since=r.since,
    )
    return r


@pytest.fixture
def record_inspection(world, records):
    """``record_inspection(establishment, day, **extra)`` through the service."""

    def record(establishment, day, **extra):
        extra.setdefault("members_present", records.members)
        return services.inspection_record(
            establishment=establishment,
            team=extra.pop("team", world.th_team),
            by=world.th_inspector,
            started_at=at(day),
            **extra,
        )

    return record
