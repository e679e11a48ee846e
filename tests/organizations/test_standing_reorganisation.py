"""The provincial standing role moved from the labour to the health department on
1 March 2025 (the reorganisation of the provincial departments), not on 1 July 2025."""

import datetime

import pytest

from lanhmanh.organizations import services
from lanhmanh.organizations.models import StandingAgency


@pytest.mark.django_db
def test_an_old_province_has_labour_then_health_as_standing_agency(world):
    assert world.old_thanh_hoa.valid_to == datetime.date(2025, 6, 30)
    # As the demo does: the usual agencies of the old province as they were in 2021.
    services.agencies_create_usual(unit=world.old_thanh_hoa, on=datetime.date(2021, 1, 1))
    rows = [
        (s.agency.sector.code, s.valid_from, s.valid_to)
        for s in StandingAgency.objects.filter(unit=world.old_thanh_hoa).order_by("valid_from")
    ]
    assert rows[-2:] == [
        ("labour", rows[-2][1], datetime.date(2025, 2, 28)),
        ("health", datetime.date(2025, 3, 1), datetime.date(2025, 6, 30)),
    ]


@pytest.mark.django_db
def test_a_new_province_has_its_health_department_from_its_first_day(world):
    services.agencies_create_usual(unit=world.bac_ninh)
    rows = list(StandingAgency.objects.filter(unit=world.bac_ninh))
    assert [(s.agency.name, s.valid_from) for s in rows] == [
        ("Sở Y tế", world.bac_ninh.valid_from or datetime.date(2000, 1, 1))
    ]
