"""The module's computed indicators: meetings held, supervision visits, open
recommendations (a stock at the window's end), commendations; one query each, whatever
the number of records."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanhmanh.committees import services
from lanhmanh.committees.models import CommendationLevel, MeetingKind, RecipientKind
from lanhmanh.indicators.models import Indicator, Source
from lanhmanh.indicators.registry import Window, compute
from lanhmanh.indicators.values import indicator_value

from .conftest import DAY

MARCH = Window(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
YEAR = Window(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
CODES = [
    "committee_meetings_held",
    "supervision_visits",
    "supervision_open_recommendations",
    "commendations",
]


def value(code, unit, window=MARCH):
    return indicator_value(Indicator.objects.get(code=code), unit, window).numerator


def test_the_catalogue_holds_the_computed_rows(world):
    rows = Indicator.objects.filter(code__in=CODES, current=True)
    assert {r.code: r.source for r in rows} == dict.fromkeys(CODES, Source.COMPUTED)


def test_values_count_where_and_when(world, board):
    assert value("committee_meetings_held", world.thanh_hoa) == 1
    assert value("committee_meetings_held", world.hac_thanh) == 0
    assert value("committee_meetings_held", world.bac_ninh) == 0
    assert value("supervision_visits", world.thanh_hoa) == 1
    assert value("supervision_visits", world.hac_thanh) == 1  # counted where it went
    assert value("supervision_visits", world.quang_ngoc) == 0
    assert value("commendations", world.thanh_hoa) == 1
    assert (
        value(
            "commendations",
            world.thanh_hoa,
            Window(DAY.replace(month=4), DAY.replace(month=4, day=30)),
        )
        == 0
    )


def test_open_recommendations_are_a_stock_at_the_windows_end(world, board):
    assert value("supervision_open_recommendations", world.thanh_hoa) == 2
    services.recommendation_answer(
        recommendation=board.overdue,
        by=board.ward_coordinator,
        version=1,
        answer="Xong",
        done=True,
        answered_on=datetime.date(2026, 4, 20),
    )
    # Done in April: still open at the end of March, closed at the end of the year.
    assert value("supervision_open_recommendations", world.thanh_hoa) == 2
    assert value("supervision_open_recommendations", world.thanh_hoa, YEAR) == 1
    before = Window(datetime.date(2026, 1, 1), datetime.date(2026, 2, 28))
    assert value("supervision_open_recommendations", world.thanh_hoa, before) == 0


def test_parameters_narrow_meetings_and_commendations(world, board):
    paths = [world.thanh_hoa.path]
    assert (
        compute(
            "committee_meetings_held",
            paths=paths,
            window=MARCH,
            parameters={"kind": MeetingKind.YEAR_END},
        ).numerator
        == 0
    )
    assert (
        compute(
            "committee_meetings_held",
            paths=paths,
            window=MARCH,
            parameters={"kind": MeetingKind.COMMITTEE},
        ).numerator
        == 1
    )
    assert (
        compute(
            "commendations",
            paths=paths,
            window=MARCH,
            parameters={"level": CommendationLevel.NATIONAL},
        ).numerator
        == 0
    )
    assert (
        compute(
            "commendations",
            paths=paths,
            window=MARCH,
            parameters={"recipient": RecipientKind.AGENCY},
        ).numerator
        == 1
    )


@pytest.mark.parametrize("code", CODES)
def test_a_computation_does_not_grow_with_the_records(world, board, code):
    indicator = Indicator.objects.get(code=code)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            indicator_value(indicator, world.thanh_hoa, MARCH)
        return len(captured)

    few = queries()
    by = world.th_coordinator
    for n in range(6):
        meeting = services.meeting_create(
            unit=world.thanh_hoa,
            by=by,
            kind=MeetingKind.COORDINATION,
            held_on=DAY,
            title=f"Giao ban {n}",
        )
        services.visit_create(
            unit=world.thanh_hoa,
            supervised_unit=world.quang_ngoc,
            by=by,
            visited_on=DAY,
            findings="x",
            recommendations=[("Kiến nghị", DAY)],
        )
        services.commendation_create(
            unit=world.thanh_hoa,
            by=by,
            recipient_kind=RecipientKind.PERSON,
            person_name=f"Người {n}",
            person_position="Công an viên",
            reason="x",
            award="Giấy khen",
            decision_number=f"{n}/QĐ",
            decision_date=DAY,
            level=CommendationLevel.PROVINCE,
            review_year=2025,
            review=None,
        )
        assert meeting.pk
    assert queries() == few
    assert value(code, world.thanh_hoa) > 1
