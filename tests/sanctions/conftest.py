"""Sanction decisions on top of the test world: a police officer of Thanh Hóa and one of
phường Hạc Thành (enforcement officers), and a helper recording decisions through the
service."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from lanhmanh.accounts.models import Membership
from lanhmanh.accounts.roles import Role
from lanhmanh.inspections.models import ViolationType
from lanhmanh.sanctions import services
from lanhmanh.sanctions.models import OffenderKind, OffenderRole, Outcome

D167, D144, D282 = "167/2013/NĐ-CP", "144/2021/NĐ-CP", "282/2025/NĐ-CP"
DAY = datetime.date(2026, 3, 10)


def officer(username, unit, agency):
    user = get_user_model().objects.create_user(username=username, password="x")
    Membership.objects.create(user=user, unit=unit, agency=agency, role=Role.ENFORCEMENT_OFFICER)
    return user


@pytest.fixture
def sx(world):
    s = SimpleNamespace()
    s.th_officer = officer("th_police_officer", world.thanh_hoa, world.th_police)
    s.hac_thanh_officer = officer("hac_thanh_police", world.hac_thanh, world.hac_thanh_police)
    s.types = {(t.decree, t.description): t for t in ViolationType.objects.all()}
    s.buy = {d: s.types[(d, "Mua dâm")] for d in (D167, D144, D282)}
    s.sell = {d: s.types[(d, "Bán dâm")] for d in (D167, D144, D282)}
    s.conceal = {d: s.types[(d, "Che giấu, bảo kê hoạt động mại dâm")] for d in (D167, D144, D282)}

    def values(**extra):
        act = extra.pop("act_date", DAY)
        base = {
            "unit": world.hac_thanh,
            "act_date": act,
            "violation_type": s.buy[D282],
            "offender_kind": OffenderKind.PERSON,
            "role": OffenderRole.BUYER,
            "sex": "male",
            "age_band": "30_plus",
            "nationality": "vn",
            "outcome": Outcome.FINE,
            "decision_number": "12/QĐ-XPHC",
            "decision_date": act,
            "issuing_agency": world.hac_thanh_police,
            "fine_vnd": 1_500_000,
        }
        return base | extra

    def record(by=None, **extra):
        return services.sanction_decision_create(by=by or s.th_officer, **values(**extra))

    def place(name="Karaoke Sao Đêm"):
        from lanhmanh.inspections import services as inspections
        from lanhmanh.inspections.models import BusinessType

        return inspections.establishment_create(
            unit=world.hac_thanh,
            by=world.th_inspector,
            business_type=BusinessType.objects.get(code="karaoke"),
            name=name,
            address="12 Lê Lợi",
            status_since=datetime.date(2025, 8, 1),
        )

    s.values, s.record, s.place = values, record, place
    return s


@pytest.fixture
def two_roles(world):
    """Data officer of Lục Nam (Bắc Ninh) and tip handler of Thanh Hóa: neither opens
    the enforcement module."""
    return world.ln_officer_th_tips
