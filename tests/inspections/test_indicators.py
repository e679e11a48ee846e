"""The module's computed indicators, through the registry, on a fixed history."""

import datetime
from decimal import Decimal

import pytest

from lanhmanh.indicators.registry import Value, Window, computation, registered_codes
from lanhmanh.inspections import services
from lanhmanh.inspections.models import Sanction

CODES = [
    "establishments_at_risk",
    "establishments_inspected",
    "establishments_inspected_share",
    "inspections",
    "inspections_unannounced",
    "violations",
    "fines_vnd",
    "establishments_committed",
    "followups_overdue",
    "hotspots_active",
    "hotspots_eliminated",
    "hotspots_reactivated",
]
Q3 = Window(datetime.date(2025, 6, 15), datetime.date(2025, 9, 14))
Q4 = Window(datetime.date(2025, 9, 15), datetime.date(2025, 12, 14))
YEAR = Window(datetime.date(2024, 12, 15), datetime.date(2025, 12, 14))


def value(code, world_unit, window):
    return computation(code)(paths=[world_unit.path], window=window)


def count(n):
    return Value(Decimal(n))


def test_every_code_is_registered():
    assert set(CODES) <= set(registered_codes())


@pytest.fixture
def history(world, records, record_inspection):
    """In Q3 (to 14 Sep 2025): two inspections of Sao Đêm, one unannounced, a fine of
    6,000,000 and a warning-free fine of 1,000,000; in Q4 one of Hoa Sen. Bình Minh
    closes on 1 Oct 2025."""
    fine = {"violation_type": records.conceal_144, "sanction": Sanction.FINE}
    record_inspection(
        records.sao_dem,
        datetime.date(2025, 8, 20),
        violations=[{**fine, "fine_vnd": 6_000_000}, {**fine, "fine_vnd": 5_000_000}],
        follow_up_due=datetime.date(2025, 9, 1),
    )
    record_inspection(
        records.sao_dem, datetime.date(2025, 9, 10), kind="unannounced", trigger="tip"
    )
    record_inspection(records.hoa_sen, datetime.date(2025, 10, 5))
    services.establishment_status_change(
        establishment=records.binh_minh,
        by=world.th_inspector,
        status="closed",
        since=datetime.date(2025, 10, 1),
    )
    services.commitment_add(
        establishment=records.sao_dem, signed_on=datetime.date(2025, 9, 1), signed_by="Chủ"
    )
    services.commitment_add(
        establishment=records.binh_minh,
        signed_on=datetime.date(2025, 8, 1),
        signed_by="Chủ",
        valid_until=datetime.date(2026, 8, 1),
    )
    return records


def test_establishments_at_risk_follow_the_status_history(world, history):
    assert value("establishments_at_risk", world.thanh_hoa, Q3) == count(3)
    assert value("establishments_at_risk", world.thanh_hoa, Q4) == count(2)
    # Not yet registered before 1 Aug 2025.
    early = Window(datetime.date(2025, 1, 1), datetime.date(2025, 7, 1))
    assert value("establishments_at_risk", world.thanh_hoa, early) == count(0)


def test_establishments_inspected_are_distinct(world, history):
    assert value("establishments_inspected", world.thanh_hoa, Q3) == count(1)
    assert value("establishments_inspected", world.thanh_hoa, YEAR) == count(2)
    assert value("establishments_inspected", world.hac_thanh, YEAR) == count(1)


def test_the_share_is_inspected_of_at_risk(world, history):
    share = value("establishments_inspected_share", world.thanh_hoa, YEAR)
    assert share == Value(Decimal(2), Decimal(2))
    q3 = value("establishments_inspected_share", world.thanh_hoa, Q3)
    assert q3 == Value(Decimal(1), Decimal(3))


def test_inspections_violations_and_fines(world, history):
    assert value("inspections", world.thanh_hoa, Q3) == count(2)
    assert value("inspections", world.thanh_hoa, YEAR) == count(3)
    assert value("inspections_unannounced", world.thanh_hoa, YEAR) == count(1)
    assert value("violations", world.thanh_hoa, Q3) == count(2)
    assert value("fines_vnd", world.thanh_hoa, Q3) == count(11_000_000)
    assert value("fines_vnd", world.thanh_hoa, Q4) == count(0)


def test_commitments_count_where_valid_and_operating(world, history):
    assert value("establishments_committed", world.thanh_hoa, Q3) == count(2)
    # Bình Minh closed on 1 Oct: its commitment no longer counts.
    assert value("establishments_committed", world.thanh_hoa, Q4) == count(1)


def test_followups_overdue_at_the_end_of_the_window(world, history, record_inspection):
    assert value("followups_overdue", world.thanh_hoa, Q3) == count(1)
    record_inspection(
        history.sao_dem,
        datetime.date(2025, 10, 1),
        follow_up_of=history.sao_dem.inspections.get(follow_up_due__isnull=False),
    )
    assert value("followups_overdue", world.thanh_hoa, Q3) == count(1)
    assert value("followups_overdue", world.thanh_hoa, Q4) == count(0)


def test_hotspots_through_their_history(world, records):
    spot = services.hotspot_create(
        unit=world.hac_thanh, by=world.th_inspector, name="Bờ sông", on=datetime.date(2025, 7, 1)
    )
    services.hotspot_status_change(
        hotspot=spot, by=world.th_inspector, status="eliminated", on=datetime.date(2025, 8, 1)
    )
    services.hotspot_status_change(
        hotspot=spot, by=world.th_inspector, status="reactivated", on=datetime.date(2025, 10, 1)
    )
    services.hotspot_create(
        unit=world.quang_ngoc, by=world.th_inspector, name="Chợ", on=datetime.date(2025, 9, 1)
    )
    assert value("hotspots_active", world.thanh_hoa, Q3) == count(1)
    assert value("hotspots_active", world.thanh_hoa, Q4) == count(2)
    assert value("hotspots_eliminated", world.thanh_hoa, Q3) == count(1)
    assert value("hotspots_eliminated", world.thanh_hoa, Q4) == count(0)
    assert value("hotspots_reactivated", world.thanh_hoa, Q4) == count(1)
    assert value("hotspots_active", world.bac_ninh, Q4) == count(0)


def test_the_old_province_paths_reach_nothing_new_and_no_path_reaches_nothing(world, history):
    assert value("inspections", world.bac_ninh, YEAR) == count(0)
    assert computation("inspections")(paths=[], window=YEAR) == count(0)
    both = computation("inspections")(
        paths=[world.hac_thanh.path, world.quang_ngoc.path], window=YEAR
    )
    assert both == count(3)


@pytest.mark.parametrize("code", CODES)
def test_each_computation_is_one_query(world, history, code, django_assert_num_queries):
    with django_assert_num_queries(1):
        computation(code)(paths=[world.thanh_hoa.path], window=YEAR)
