"""A report form may count activities instead of asking for them: its computed rows show
the figures of the activity register for the report's unit and period, read-only, and
only the other rows are typed, saved and required."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lanhmanh.activities import services
from lanhmanh.activities.models import ActivityKind, Channel
from lanhmanh.reporting.excel import template_xlsx
from lanhmanh.reporting.models import Status
from lanhmanh.reporting.services import submission_create, submission_submit
from tests.reporting.helpers import make_form

ROWS = [
    ("awareness_activities", [], True),
    ("activities_awareness_held", [], True),
    ("activities_awareness_reached", ["sex"], False),
]


@pytest.fixture
def draft(world):
    form = make_form(code="xa-hoat-dong", rows=ROWS)
    from lanhmanh.reporting.selectors import period_due

    period = period_due(form)
    for n, people in enumerate((40, 25)):
        services.activity_create(
            by=world.th_coordinator,
            kind=ActivityKind.objects.get(code="communication_event"),
            title=f"Tuyên truyền {n}",
            start_date=period.window.start,
            unit=world.hac_thanh,
            channel=Channel.IN_PERSON,
            on_prostitution=True,
            participants=people,
            participants_female=people - 10,
        )
    return submission_create(
        form=form, unit=world.hac_thanh, period=period, user=world.hac_thanh_officer
    )


def test_the_entry_screen_shows_the_counted_figures_read_only(world, draft, client_for):
    page = client_for(world.hac_thanh_officer).get(
        reverse("reporting:submission_detail", args=[draft.pk])
    )
    html = page.content.decode()
    assert 'name="v:awareness_activities"' in html
    assert 'name="v:activities_awareness_held"' not in html
    cells = {c.key: c for c in page.context["sheet"].cells}
    assert cells["activities_awareness_held"].computed
    assert cells["activities_awareness_held"].numerator == "2"
    assert cells["activities_awareness_reached"].numerator == "65"
    assert cells["activities_awareness_reached|sex:female"].numerator == "45"


def test_only_typed_rows_are_saved_and_required(world, draft, client_for):
    client = client_for(world.hac_thanh_officer)
    response = client.post(
        reverse("reporting:submission_detail", args=[draft.pk]),
        {
            "version": draft.version,
            "action": "save",
            "v:awareness_activities": "3",
            "v:activities_awareness_held": "99",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert {v.indicator.code for v in draft.values.all()} == {"awareness_activities"}
    submission_submit(submission=draft, user=world.hac_thanh_officer)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_the_excel_template_shows_the_counted_figures_without_asking_them(world, draft):
    sheet = load_workbook(io.BytesIO(template_xlsx(draft))).active
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=1) if r[0].value}
    held = rows["activities_awareness_held"]
    assert held[4].value == 2
    assert held[4].fill.fgColor.rgb != rows["awareness_activities"][4].fill.fgColor.rgb
