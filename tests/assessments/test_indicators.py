"""The healthy-commune indicators follow the approved assessments: the count and share at
the window's end, the communes newly recognised and those that lost it against the year
before; the number of queries does not grow with the communes."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanhmanh.indicators.models import Indicator
from lanhmanh.indicators.registry import Window, compute

pytestmark = pytest.mark.django_db

CODES = (
    "assessed_healthy_communes",
    "assessed_healthy_communes_share",
    "assessed_healthy_communes_new",
    "assessed_healthy_communes_lost",
)


def values(world, window, paths=None):
    paths = paths or [world.thanh_hoa.path]
    return {code: compute(code, paths=paths, window=window) for code in CODES}


def test_the_catalogue_rows_say_computed():
    assert set(Indicator.objects.filter(code__in=CODES).values_list("source", flat=True)) == {
        "computed"
    }


def test_counts_share_new_and_lost(world, frame):
    year = frame.year
    last = datetime.date(year - 1, 12, 10)
    on = datetime.date(year, 11, 20)
    window = Window(datetime.date(year - 1, 12, 15), datetime.date(year, 12, 14))
    # Hạc Thành: healthy both years. Quảng Ngọc: loses it. Quảng Bình: gains it.
    frame.approved(unit=world.hac_thanh, year=year - 1, on=last)
    frame.approved(unit=world.hac_thanh, on=on)
    frame.approved(unit=world.quang_ngoc, year=year - 1, on=last)
    frame.approved(unit=world.quang_ngoc, on=on, support=Decimal(0), steering=Decimal(0))
    frame.approved(unit=world.quang_binh, year=year - 1, on=last, no_hotspot=False)
    frame.approved(unit=world.quang_binh, on=on)
    found = values(world, window)
    assert found["assessed_healthy_communes"].numerator == 2
    share = found["assessed_healthy_communes_share"]
    assert (share.numerator, share.denominator) == (2, 3)
    assert found["assessed_healthy_communes_new"].numerator == 1
    assert found["assessed_healthy_communes_lost"].numerator == 1
    # At the end of last year's window: the classes of last year.
    before = values(world, Window(datetime.date(year - 2, 12, 15), datetime.date(year - 1, 12, 14)))
    assert before["assessed_healthy_communes"].numerator == 2
    # One commune's path: its own figure.
    mine = values(world, window, [world.quang_binh.path])
    assert mine["assessed_healthy_communes"].numerator == 1
    assert mine["assessed_healthy_communes_share"].denominator == 1
    # Other provinces see nothing of it.
    assert values(world, window, [world.bac_ninh.path])["assessed_healthy_communes"].numerator == 0


def test_an_assessment_not_approved_does_not_count(world, frame):
    frame.submit(frame.fill(frame.create()))
    window = Window(datetime.date(frame.year, 1, 1), datetime.date(frame.year, 12, 31))
    assert values(world, window)["assessed_healthy_communes"].numerator == 0


def test_the_queries_do_not_grow_with_the_communes(world, frame):
    window = Window(datetime.date(frame.year, 1, 1), datetime.date(frame.year, 12, 31))
    frame.approved(unit=world.hac_thanh)
    with CaptureQueriesContext(connection) as one:
        values(world, window)
    frame.approved(unit=world.quang_ngoc)
    frame.approved(unit=world.quang_binh)
    frame.approved(unit=world.quang_binh, year=frame.year - 1)
    with CaptureQueriesContext(connection) as three:
        found = values(world, window)
    assert found["assessed_healthy_communes"].numerator == 3
    assert len(three.captured_queries) == len(one.captured_queries) <= 6
