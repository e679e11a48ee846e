"""Inspection plans with the chair's approval; hotspots and their status history."""

import datetime

from django.urls import reverse

from lanhmanh.inspections.models import Hotspot, InspectionPlan
from lanhmanh.inspections.services import hotspots as hotspot_rules
from lanhmanh.inspections.services import inspections as rules
from tests.queries import SIGNED_IN_REQUEST


def test_an_inspector_plans_a_quarter_and_records_the_approval(
    world, records, record_inspection, client_for
):
    client = client_for(world.th_inspector)
    url = reverse("inspections:plan_create", args=[world.th_team.pk])
    data = {
        "title": "Kế hoạch kiểm tra quý I/2026",
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        "establishments": [records.sao_dem.pk, records.hoa_sen.pk],
    }
    response = client.post(url, data)
    plan = InspectionPlan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    assert not plan.is_approved
    approve = reverse("inspections:plan_approve", args=[plan.pk])
    client.post(approve, {"approved_by": "Nguyễn Văn An", "approved_on": "2025-12-28"})
    plan.refresh_from_db()
    assert (plan.approved_by, plan.approved_on) == ("Nguyễn Văn An", datetime.date(2025, 12, 28))
    record_inspection(records.sao_dem, datetime.date(2026, 1, 15), plan=plan)
    response = client.get(plan.get_absolute_url())
    assert response.context["visited"] == 1
    assert "1 / 2" in response.content.decode()


def test_a_plan_ends_after_it_starts(world, records, client_for):
    url = reverse("inspections:plan_create", args=[world.th_team.pk])
    data = {"title": "X", "period_start": "2026-03-01", "period_end": "2026-01-01"}
    response = client_for(world.th_inspector).post(url, data)
    assert str(rules.PLAN_DATES_REVERSED) in response.content.decode()


def test_a_plan_lists_only_establishments_of_the_teams_area(world, records, client_for):
    url = reverse("inspections:plan_create", args=[world.th_team.pk])
    data = {
        "title": "X",
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        "establishments": [records.bn_place.pk],
    }
    response = client_for(world.th_inspector).post(url, data)
    assert "establishments" in response.context["form"].errors
    assert not InspectionPlan.objects.exists()


def test_the_plan_list_runs_a_fixed_number_of_queries(
    world, records, client_for, django_assert_num_queries
):
    from lanhmanh.inspections.services import inspection_plan_create

    for month in range(1, 13):
        inspection_plan_create(
            team=world.th_team,
            by=world.th_inspector,
            title=f"Tháng {month}",
            period_start=datetime.date(2026, month, 1),
            period_end=datetime.date(2026, month, 28),
        )
    client = client_for(world.th_leader)
    with django_assert_num_queries(SIGNED_IN_REQUEST + 3):
        response = client.get(reverse("inspections:plan_list"))
    assert len(response.context["page"]) == 12


def test_a_hotspot_goes_through_its_history(world, records, client_for):
    client = client_for(world.th_inspector)
    response = client.post(
        reverse("inspections:hotspot_create"),
        {
            "unit": world.hac_thanh.pk,
            "name": "Khu vực bờ sông Đông Hương",
            "on": "2025-08-01",
            "latitude": "19.807",
            "longitude": "105.776",
            "agency": world.th_police.pk,
        },
    )
    hotspot = Hotspot.objects.get()
    assert response["Location"] == hotspot.get_absolute_url()
    status = reverse("inspections:hotspot_status", args=[hotspot.pk])
    for data in (
        {"status": "eliminated", "on": "2025-09-10", "agency": world.th_police.pk},
        {"status": "watch", "on": "2025-09-11"},
        {"status": "reactivated", "on": "2025-11-01", "note": "Tái hoạt động"},
    ):
        hotspot.refresh_from_db()
        client.post(status, {**data, "version": hotspot.version})
    hotspot.refresh_from_db()
    assert hotspot.status == "reactivated"
    page = client.get(hotspot.get_absolute_url()).content.decode()
    assert "Đã xóa bỏ" in page and "Đang theo dõi" in page and "Hoạt động trở lại" in page
    assert "Công an tỉnh Thanh Hóa" in page


def test_a_hotspot_cannot_jump_to_watch_while_active(world, records, client_for):
    from lanhmanh.inspections.services import hotspot_create

    hotspot = hotspot_create(
        unit=world.hac_thanh, by=world.th_inspector, name="Công viên", on=datetime.date(2025, 8, 1)
    )
    response = client_for(world.th_inspector).post(
        reverse("inspections:hotspot_status", args=[hotspot.pk]),
        {"status": "watch", "on": "2025-09-01", "version": hotspot.version},
    )
    expected = str(hotspot_rules.TRANSITION_NOT_ALLOWED) % {
        "old": "Đang hoạt động",
        "new": "Đang theo dõi",
    }
    assert expected in response.content.decode()


def test_coordinates_come_in_pairs(world, records, client_for):
    response = client_for(world.th_inspector).post(
        reverse("inspections:hotspot_create"),
        {"unit": world.hac_thanh.pk, "name": "X", "on": "2025-08-01", "latitude": "19.8"},
    )
    assert str(hotspot_rules.COORDINATES_INCOMPLETE) in response.content.decode()


def test_the_hotspot_list_filters_and_runs_a_fixed_number_of_queries(
    world, records, client_for, django_assert_num_queries
):
    from lanhmanh.inspections.services import hotspot_create

    for i in range(25):
        hotspot_create(
            unit=world.quang_ngoc, by=world.th_inspector, name=f"Điểm {i:02d}",
            on=datetime.date(2025, 8, 1),
        )  # fmt: skip
    client = client_for(world.th_leader)
    with django_assert_num_queries(SIGNED_IN_REQUEST + 2):
        response = client.get(reverse("inspections:hotspot_list"), {"status": "active"})
    assert len(response.context["page"]) == 25
    response = client.get(reverse("inspections:hotspot_list"), {"status": "eliminated"})
    assert list(response.context["page"]) == []
