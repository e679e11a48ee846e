"""Records dated before 1 July 2025 are entered on the units of their date (a province
loading last years' inspections), within the user's scope, and a pre-2025 plan's computed
indicators count them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lanhmanh.indicators.values import indicator_value
from lanhmanh.inspections import services
from lanhmanh.inspections.models import Establishment
from lanhmanh.inspections.selectors import teams_for
from lanhmanh.inspections.services.common import COMMUNE_REQUIRED, PAST_UNIT_DATE
from lanhmanh.reporting.progress import plan_window

from .conftest import at

LAST_YEAR = datetime.date(2024, 6, 1)


@pytest.fixture
def old_place(world, records):
    return services.establishment_create(
        unit=world.old_quang_ngoc,
        by=world.th_inspector,
        business_type=records.karaoke,
        name="Karaoke Phố Cũ",
        address="Thôn 1",
        status_since=datetime.date(2023, 1, 1),
    )


def test_an_old_commune_takes_an_establishment_of_its_time(world, old_place):
    assert old_place.unit == world.old_quang_ngoc
    with pytest.raises(ValidationError) as error:
        services.establishment_create(
            unit=world.old_quang_ngoc,
            by=world.th_inspector,
            business_type=old_place.business_type,
            name="Nhà nghỉ Mới",
            address="Thôn 2",
        )  # no date: today, after the commune ended
    assert COMMUNE_REQUIRED in error.value.messages
    with pytest.raises(ValidationError) as error:
        services.establishment_create(
            unit=world.old_quang_ngoc,
            by=world.th_inspector,
            business_type=old_place.business_type,
            name="Nhà nghỉ Mới",
            address="Thôn 2",
            status_since=datetime.date(2025, 8, 1),
        )
    assert PAST_UNIT_DATE in error.value.messages


def test_last_years_inspection_counts_in_the_old_plan(world, records, old_place):
    # Today's province team inspected it in 2024, before the commune was merged.
    assert world.th_team in list(teams_for(world.th_inspector, old_place))
    services.inspection_record(
        establishment=old_place,
        team=world.th_team,
        by=world.th_inspector,
        started_at=at(LAST_YEAR),
        members_present=records.members,
    )
    with pytest.raises(ValidationError) as error:
        services.inspection_record(
            establishment=old_place,
            team=world.th_team,
            by=world.th_inspector,
            started_at=at(datetime.date(2025, 9, 1)),
            members_present=records.members,
        )
    assert PAST_UNIT_DATE in error.value.messages
    old_plan = type("P", (), {"year_from": 2024, "year_to": 2024})()
    window = plan_window(old_plan)
    assert indicator_value("inspections", world.old_thanh_hoa, window).numerator == 1
    assert indicator_value("establishments_inspected", world.old_thanh_hoa, window).numerator == 1


def test_the_form_offers_old_communes_in_the_scope_only(world, records, client_for):
    url = reverse("inspections:establishment_create")
    client = client_for(world.th_coordinator)
    page = client.get(url).content.decode()
    assert "trước 01/07/2025" in page and "status_since" in page
    response = client.post(
        url,
        {
            "unit": world.old_quang_ngoc.pk,
            "business_type": records.karaoke.pk,
            "name": "Karaoke Ngày Xưa",
            "address": "Thôn 5",
            "risk_level": "medium",
            "status_since": "2024-03-01",
        },
    )
    assert response.status_code == 302
    assert Establishment.objects.get(name="Karaoke Ngày Xưa").unit == world.old_quang_ngoc
    # An old commune of another province is not offered to Thanh Hóa.
    response = client.post(
        url,
        {
            "unit": world.old_luc_nam.pk,
            "business_type": records.karaoke.pk,
            "name": "Karaoke Khác",
            "address": "Thôn 6",
            "risk_level": "medium",
            "status_since": "2024-03-01",
        },
    )
    assert response.status_code == 200
    assert not Establishment.objects.filter(name="Karaoke Khác").exists()
