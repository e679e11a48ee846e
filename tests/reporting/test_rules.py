"""Rules of the reporting cycle: nobody approves the report they sent; entering for a
unit from above is allowed and the history says so; no report for a period that has not
started yet (ad hoc requests excepted)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lanhmanh.reporting import services
from lanhmanh.reporting.models import Action, Status, Submission
from lanhmanh.reporting.periods import PeriodKind, ad_hoc, is_future, month, year_period
from lanhmanh.reporting.requests import report_request_create
from lanhmanh.reporting.services import (
    submission_approve,
    submission_create,
    submission_save_values,
    submission_submit,
)
from tests.reporting.helpers import make_form

JAN = month(2026, 1)
FUTURE = month(2099, 1)


@pytest.fixture
def form(db):
    return make_form()


def filled(world, form, by, period=JAN):
    draft = submission_create(form=form, unit=world.hac_thanh, period=period, user=by)
    submission_save_values(
        submission=draft, values={"awareness_activities": "4"}, version=draft.version, user=by
    )
    return draft


# --- separation of duties -------------------------------------------------------------


def test_the_coordinator_who_sent_a_report_cannot_approve_it(world, form):
    draft = filled(world, form, world.th_coordinator)
    submission_submit(submission=draft, user=world.th_coordinator)
    with pytest.raises(ValidationError) as error:
        submission_approve(submission=draft, user=world.th_coordinator)
    assert error.value.code == "self_approval"
    assert Submission.objects.get(pk=draft.pk).status == Status.SUBMITTED
    submission_approve(submission=draft, user=world.th_admin)
    assert Submission.objects.get(pk=draft.pk).approved_by == world.th_admin


def test_not_even_the_national_administrator_approves_what_they_sent(world, form):
    draft = filled(world, form, world.national)
    submission_submit(submission=draft, user=world.national)
    with pytest.raises(ValidationError):
        submission_approve(submission=draft, user=world.national)


def test_the_page_offers_no_approval_to_the_sender_and_the_view_refuses_it(world, form, client_for):
    draft = filled(world, form, world.th_coordinator)
    submission_submit(submission=draft, user=world.th_coordinator)
    client = client_for(world.th_coordinator)
    page = client.get(reverse("reporting:submission_detail", args=[draft.pk])).content.decode()
    assert reverse("reporting:submission_approve", args=[draft.pk]) not in page
    response = client.post(
        reverse("reporting:submission_approve", args=[draft.pk]),
        {"version": Submission.objects.get(pk=draft.pk).version},
        follow=True,
    )
    assert str(services.SELF_APPROVAL) in response.content.decode()
    assert Submission.objects.get(pk=draft.pk).status == Status.SUBMITTED


# --- entering on behalf of a unit ------------------------------------------------------


def test_entering_for_a_unit_from_above_is_recorded_as_such(world, form):
    draft = filled(world, form, world.th_coordinator)
    submission_submit(submission=draft, user=world.th_coordinator)
    note = str(services.ON_BEHALF % {"unit": world.hac_thanh})
    events = list(draft.events.order_by("id").values_list("action", "user", "comment"))
    assert events == [
        (Action.CREATED, world.th_coordinator.pk, note),
        (Action.SAVED, world.th_coordinator.pk, note),
        (Action.SUBMITTED, world.th_coordinator.pk, note),
    ]


def test_the_units_own_officer_enters_without_a_note(world, form):
    draft = filled(world, form, world.hac_thanh_officer)
    submission_submit(submission=draft, user=world.hac_thanh_officer)
    assert set(draft.events.values_list("comment", flat=True)) == {""}


# --- periods that have not started ----------------------------------------------------


def test_a_period_is_future_when_its_window_starts_after_today():
    today = datetime.date(2026, 3, 20)
    assert not is_future(month(2026, 3), today)
    assert not is_future(month(2026, 4), today)  # the window 15/03–14/04 is running
    assert is_future(month(2026, 5), today)
    assert not is_future(year_period(2026), today)
    assert is_future(year_period(2027), today)
    assert not is_future(ad_hoc(datetime.date(2099, 1, 1), datetime.date(2099, 2, 1)), today)


def test_a_report_for_a_future_period_cannot_be_opened(world, form):
    with pytest.raises(ValidationError) as error:
        submission_create(form=form, unit=world.hac_thanh, period=FUTURE, user=world.national)
    assert error.value.code == "future"
    assert not Submission.objects.exists()


def future_row(world, form, status=Status.DRAFT, submitted_by=None):
    """A row for 2099 as the old code let anyone make it."""
    window = FUTURE.window
    return Submission.objects.create(
        form=form,
        unit=world.hac_thanh,
        period_kind=PeriodKind.MONTH,
        period_key=FUTURE.key,
        period_start=window.start,
        period_end=window.end,
        deadline=window.end,
        status=status,
        submitted_by=submitted_by,
        submitted_at=timezone.now() if submitted_by else None,
    )


def test_a_report_for_a_future_period_cannot_be_submitted_or_approved(world, form):
    draft = future_row(world, form)
    submission_save_values(
        submission=draft,
        values={"awareness_activities": "4"},
        version=draft.version,
        user=world.hac_thanh_officer,
    )
    with pytest.raises(ValidationError) as error:
        submission_submit(submission=draft, user=world.hac_thanh_officer)
    assert error.value.code == "future"
    sent = future_row(
        world, make_form("khac"), Status.SUBMITTED, submitted_by=world.hac_thanh_officer
    )
    with pytest.raises(ValidationError) as error:
        submission_approve(submission=sent, user=world.th_coordinator)
    assert error.value.code == "future"
    assert Submission.objects.get(pk=sent.pk).status == Status.SUBMITTED


def test_an_ad_hoc_request_may_name_dates_ahead(world):
    form = make_form("dot-xuat", periodicity=PeriodKind.AD_HOC)
    today = timezone.localdate()
    period = ad_hoc(today, today + datetime.timedelta(days=60))
    # An ad hoc period is opened only by a request asking the commune for the form.
    report_request_create(
        user=world.th_coordinator,
        unit=world.thanh_hoa,
        title="Báo cáo đột xuất",
        window_start=period.start,
        window_end=period.end,
        deadline=period.end + datetime.timedelta(days=10),
        units=[world.hac_thanh],
        form=form,
    )
    s = submission_create(form=form, unit=world.hac_thanh, period=period, user=world.national)
    assert s.period_key == period.key


def test_opening_a_future_report_on_screen_says_why_and_creates_nothing(world, form, client_for):
    response = client_for(world.hac_thanh_officer).post(
        reverse("reporting:submission_open"),
        {"form": form.pk, "unit": world.hac_thanh.pk, "period": FUTURE.key},
        follow=True,
    )
    assert response.status_code == 200
    assert str(services.FUTURE_PERIOD % {"period": FUTURE.label}) in response.content.decode()
    assert not Submission.objects.exists()


@pytest.mark.parametrize("key", ["2099-M01", "9999-M12", "9999-Y", "adhoc-9999-12-01-9999-12-31"])
def test_the_review_list_falls_back_to_the_period_due_for_a_future_one(
    world, form, client_for, key
):
    response = client_for(world.th_coordinator).get(
        reverse("reporting:review_list"), {"unit": world.thanh_hoa.pk, "period": key}
    )
    assert response.status_code == 200
    assert response.context["period"].key != key


@pytest.mark.parametrize("key", ["9999-M12", "1000-Y", "adhoc-9999-12-01-9999-12-31"])
def test_a_period_key_names_a_year_a_programme_can_concern(key):
    from lanhmanh.reporting.periods import period_from_key

    with pytest.raises(ValueError):
        period_from_key(key)
