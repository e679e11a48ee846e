"""Safe reading of parameters, and the guards every request passes."""

import datetime

import pytest
from django.urls import reverse

from lanhmanh.core.params import MAX_ID, parse_choice, parse_date, parse_id, parse_int, parse_year

HUGE = "1" * 40


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), (" 7 ", 7), ("-3", -3), ("²", None), ("١٢", None), ("1.5", None), ("", None),
     (None, None), ("abc", None), (HUGE, None), ("1e3", None)],
)  # fmt: skip
def test_parse_int_takes_only_ascii_integers(value, expected):
    assert parse_int(value) == expected


def test_ids_and_years_stay_within_what_the_database_and_the_calendar_hold():
    assert parse_id(str(MAX_ID)) == MAX_ID
    assert parse_id(str(MAX_ID + 1)) is None
    assert parse_id("0") is None
    assert parse_year("2026") == 2026
    assert parse_year("9999") is None
    assert parse_year("9999", default=2026) == 2026


def test_dates_are_read_in_both_forms_and_impossible_ones_are_dropped():
    assert parse_date("2026-03-31") == datetime.date(2026, 3, 31)
    assert parse_date("31/03/2026") == datetime.date(2026, 3, 31)
    assert parse_date("2026-02-31") is None
    assert parse_date("9999-12-31") is None
    assert parse_date("x") is None


def test_choices_fall_back_to_the_default():
    assert parse_choice("a", [("a", "A"), ("b", "B")]) == "a"
    assert parse_choice("z", ["a", "b"], default="a") == "a"


def test_a_year_beyond_the_calendar_shows_the_unfiltered_list(world, client_for):
    client = client_for(world.th_inspector)
    response = client.get(reverse("inspections:inspection_list"), {"year": "9999"})
    assert response.status_code == 200
    response = client_for(world.th_coordinator).get(reverse("plans:plan_list"), {"year": "²"})
    assert response.status_code == 200


def test_a_40_digit_id_in_a_path_is_a_missing_page(world, client_for):
    client = client_for(world.national)
    for name in ["plans:plan_detail", "reporting:submission_detail", "geography:unit_detail"]:
        assert client.get(reverse(name, args=[int(HUGE)])).status_code == 404


def test_a_nul_character_in_a_parameter_is_a_bad_request(world, client_for):
    client = client_for(world.national)
    assert client.get(reverse("search"), {"q": "a\x00b"}).status_code == 400
    assert client.get(reverse("search"), {"q": "ab"}).status_code == 200
    response = client.post(
        reverse("reporting:submission_open"),
        "period=%00",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
