"""The pages of the load test stay cheap: their texts are made once per distinct value
and their query counts do not grow with the rows they show (docs/PERFORMANCE.md)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.reporting.helpers import make_form


@pytest.fixture
def form(db):
    return make_form()


def _overdue_rows(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<td class="text-nowrap">(\d\d/\d\d/\d{4}) <span[^>]*>\(([^)]*)\)', page)


def test_the_overdue_list_says_each_deadline_and_how_late(world, form, client_for):
    client = client_for(world.th_coordinator)
    page = client.get(reverse("reporting:overdue_list")).content.decode()
    rows = _overdue_rows(page)
    assert rows
    today = timezone.localdate()
    for deadline, late in rows:
        day, month, year = (int(x) for x in deadline.split("/"))
        days = (today - datetime.date(year, month, day)).days
        assert days > 0 and late == f"quá {days} ngày"


def test_the_overdue_list_speaks_english_too(world, form, client_for):
    client = client_for(world.th_coordinator)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    rows = _overdue_rows(client.get(reverse("reporting:overdue_list")).content.decode())
    assert rows and all(re.fullmatch(r"\d+ days? overdue", late) for _d, late in rows)


def test_the_overdue_list_costs_the_same_queries_for_more_communes(
    world, form, client_for, django_assert_num_queries
):
    from lanhmanh.geography.models import AdministrativeUnit

    client = client_for(world.th_coordinator)
    client.get(reverse("reporting:overdue_list"))  # the session settles
    for i in range(30):
        AdministrativeUnit.objects.create(
            scheme="2025",
            code=f"168{i:02d}",
            name=f"Xã Thử {i}",
            kind="xa",
            level="commune",
            parent=world.thanh_hoa,
        )
    with django_assert_num_queries(15):  # as with three communes (test_views_review)
        page = client.get(reverse("reporting:overdue_list")).content.decode()
    assert "Xã Thử 29" in page
