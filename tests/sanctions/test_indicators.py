"""The register counts itself: persons sanctioned by role, sex and age, decisions, fines
imposed and collected, and the share of offenders handled, over the test world."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanhmanh.indicators.models import Indicator
from lanhmanh.indicators.registry import Window, registered_codes
from lanhmanh.indicators.values import indicator_value
from lanhmanh.sanctions.models import OffenderRole, Outcome, SanctionDecision

from .conftest import D282

pytestmark = pytest.mark.django_db
MARCH = Window(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
CODES = [
    "sanctions_decisions",
    "sanctions_persons_sanctioned",
    "sanctions_fines_imposed",
    "sanctions_fines_collected",
    "sanctions_offenders_handled_share",
]


def value(code, unit, window=MARCH, disaggregation=None):
    return indicator_value(Indicator.objects.get(code=code), unit, window, disaggregation)


@pytest.fixture
def march(world, sx):
    """Hạc Thành: two buyers fined (one paid), a young seller fined; Quảng Ngọc: a buyer
    still under review; Lục Nam (Bắc Ninh): a buyer fined."""
    sx.record(paid_vnd=1_500_000, paid_on=datetime.date(2026, 3, 12))
    sx.record(fine_vnd=2_000_000)
    sx.record(violation_type=sx.sell[D282], role=OffenderRole.SELLER, sex="female",
              age_band="16_17", fine_vnd=300_000)  # fmt: skip
    sx.record(unit=world.quang_ngoc, outcome=Outcome.PENDING, decision_number="",
              decision_date=None, fine_vnd=None)  # fmt: skip
    sx.record(by=world.bn_coordinator, unit=world.luc_nam, issuing_agency=None)


def test_the_codes_are_registered_and_in_the_catalogue():
    assert set(CODES) <= set(registered_codes())
    assert Indicator.objects.filter(code__in=CODES, source="computed").count() == len(CODES)


def test_persons_sanctioned_by_role_sex_and_age(world, march):
    assert value("sanctions_persons_sanctioned", world.thanh_hoa).numerator == 3
    assert value("sanctions_persons_sanctioned", world.bac_ninh).numerator == 1
    by = {
        key: value("sanctions_persons_sanctioned", world.thanh_hoa, disaggregation=key).numerator
        for key in ("offender_role:buyer", "offender_role:seller", "sex:female", "sex:male",
                    "age_group:16_17")
    }  # fmt: skip
    assert by == {"offender_role:buyer": 2, "offender_role:seller": 1, "sex:female": 1,
                  "sex:male": 2, "age_group:16_17": 1}  # fmt: skip
    april = Window(datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))
    assert value("sanctions_persons_sanctioned", world.thanh_hoa, april).numerator == 0


def test_fines_imposed_and_collected_and_decisions(world, march):
    assert value("sanctions_fines_imposed", world.thanh_hoa).numerator == 3_800_000
    assert value("sanctions_fines_collected", world.thanh_hoa).numerator == 1_500_000
    assert value("sanctions_decisions", world.hac_thanh).numerator == 3
    assert value("sanctions_decisions", world.quang_ngoc).numerator == 0


def test_offenders_handled_is_a_share_of_those_detected(world, march):
    share = value("sanctions_offenders_handled_share", world.thanh_hoa)
    assert (share.numerator, share.denominator) == (3, 4)


@pytest.mark.parametrize("code", CODES)
def test_a_computation_does_not_grow_with_the_number_of_decisions(world, sx, march, code):
    indicator = Indicator.objects.get(code=code)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            indicator_value(indicator, world.thanh_hoa, MARCH)
        return len(captured)

    few = queries()
    for n in range(12):
        sx.record(decision_number=f"{n}/QĐ", paid_vnd=1_000_000, paid_on=datetime.date(2026, 3, 20))
    assert SanctionDecision.objects.count() == 17
    assert queries() == few
