"""Ad hoc report requests: the province (or its steering committee) asks its communes for a
report on a form or a few indicators, for a window of its own, by a deadline; each commune
finds it in its reports due, answers with an ordinary submission, and the request shows
who has answered; reminders go out like periodic ones."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lanhmanh.accounts.models import Membership
from lanhmanh.accounts.roles import Role
from lanhmanh.indicators.models import Indicator
from lanhmanh.indicators.values import indicator_value
from lanhmanh.organizations.models import Agency, Sector
from lanhmanh.reporting import requests as service
from lanhmanh.reporting.models import ReportRequest, Submission
from lanhmanh.reporting.periods import ad_hoc
from lanhmanh.reporting.reminders import reminders_send
from lanhmanh.reporting.services import (
    NOT_REQUESTED,
    submission_create,
    submission_return,
    submission_save_values,
    submission_submit,
)
from tests.reporting.helpers import make_form

START, END = datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)
DEADLINE = datetime.date(2026, 3, 5)


@pytest.fixture
def form(db):
    return make_form()


@pytest.fixture
def steering(world):
    return Agency.objects.create(
        unit=world.thanh_hoa,
        sector=Sector.objects.get(code="steering_committee"),
        name="Ban Chỉ đạo 138 tỉnh Thanh Hóa",
    )


def ask(world, form=None, units=None, **extra):
    args = {
        "user": world.th_coordinator,
        "unit": world.thanh_hoa,
        "title": "Báo cáo nhanh tháng cao điểm",
        "window_start": START,
        "window_end": END,
        "deadline": DEADLINE,
        "units": units if units is not None else [world.hac_thanh, world.quang_ngoc],
        "form": form,
        "indicators": [],
    }
    return service.report_request_create(**{**args, **extra})


def answer(world, request, unit, value, user=None):
    user = user or world.national
    submission = submission_create(form=request.form, unit=unit, period=request.period, user=user)
    submission_save_values(
        submission=submission,
        values={"awareness_activities": str(value)},
        version=submission.version,
        user=user,
    )
    return submission_submit(submission=submission, user=user)


def test_a_request_on_a_form_is_answered_by_ordinary_submissions(world, form, steering):
    request = ask(world, form, agency=steering)
    assert request.asked_by == "Ban Chỉ đạo 138 tỉnh Thanh Hóa"
    assert request.period == ad_hoc(START, END)
    submission = answer(world, request, world.hac_thanh, 4)
    # The window is the request's own, whatever the form's periodicity; the deadline too.
    assert (submission.period_start, submission.period_end) == (START, END)
    assert submission.deadline == DEADLINE
    assert submission.period_key == "adhoc-2026-02-01-2026-02-28"
    result = service.request_completeness(request)
    assert [s.unit for s in result.late] == [world.hac_thanh]  # sent today, after 5 March
    assert result.missing == [world.quang_ngoc]
    # Its figures count like any report's.
    assert indicator_value("awareness_activities", world.thanh_hoa, request.period.window) == (
        indicator_value("awareness_activities", world.hac_thanh, request.period.window)
    )
    # A unit not asked cannot answer; nor can a period nobody asked for.
    with pytest.raises(ValidationError) as error:
        submission_create(
            form=form, unit=world.quang_binh, period=request.period, user=world.national
        )
    assert NOT_REQUESTED in error.value.messages


def test_a_request_on_indicators_makes_its_own_form(world):
    indicator = Indicator.objects.get(code="awareness_activities")
    request = ask(world, indicators=[indicator])
    assert not request.form.active
    assert list(request.form.indicators.all()) == [indicator]
    assert request.form.unit_level == "commune"
    answer(world, request, world.quang_ngoc, 1)
    assert service.request_completeness(request).late[0].unit == world.quang_ngoc


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": " "}, "title"),
        ({"form": None}, "form"),  # neither a form nor indicators
        ({"window_end": START - datetime.timedelta(days=1)}, "window_end"),
        ({"deadline": END}, "deadline"),
        ({"units": []}, "units"),
    ],
)
def test_a_bad_request_is_refused_whole(world, form, changes, field):
    args = {"form": form, **changes}
    form_arg = args.pop("form")
    with pytest.raises(ValidationError) as error:
        if "title" in args:
            service.report_request_create(
                user=world.th_coordinator,
                unit=world.thanh_hoa,
                window_start=START,
                window_end=END,
                deadline=DEADLINE,
                units=[world.hac_thanh],
                form=form_arg,
                **args,
            )
        else:
            ask(world, form_arg, **args)
    assert field in error.value.message_dict
    assert not ReportRequest.objects.exists()


def test_only_units_below_of_the_forms_level_are_asked(world, form):
    with pytest.raises(ValidationError) as error:
        ask(world, form, units=[world.hac_thanh, world.luc_nam])
    assert "units" in error.value.message_dict
    with pytest.raises(ValidationError):
        ask(world, form, units=[world.thanh_hoa])


def test_only_coordinators_and_administrators_of_the_unit_ask(world, form):
    for user in (world.th_leader, world.hac_thanh_officer, world.bn_coordinator):
        with pytest.raises(PermissionDenied):
            service.report_request_create(
                user=user,
                unit=world.thanh_hoa,
                title="X",
                window_start=START,
                window_end=END,
                deadline=DEADLINE,
                units=[world.hac_thanh],
                form=form,
            )


def test_the_request_is_in_the_communes_reports_due(world, form, client_for):
    request = ask(world, form)
    client = client_for(world.hac_thanh_officer)
    page = client.get(reverse("reporting:my_reports")).content.decode()
    assert "Báo cáo nhanh tháng cao điểm" in page and "Đột xuất" in page
    response = client.post(
        reverse("reporting:submission_open"),
        {"form": form.pk, "unit": world.hac_thanh.pk, "period": request.period.key},
    )
    submission = Submission.objects.get(unit=world.hac_thanh, period_key=request.period.key)
    assert response.url == reverse("reporting:submission_detail", args=[submission.pk])
    # Quảng Bình was not asked: its officer has no such line.
    other = Membership.objects.create(
        user=world.nobody, unit=world.quang_binh, role=Role.DATA_OFFICER
    )
    assert other.pk
    page = client_for(world.nobody).get(reverse("reporting:my_reports")).content.decode()
    assert "Báo cáo nhanh tháng cao điểm" not in page


def test_a_returned_answer_keeps_its_first_timeliness(world, form):
    request = ask(world, form)
    submission = answer(world, request, world.hac_thanh, 2)
    first = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    Submission.objects.filter(pk=submission.pk).update(first_submitted_at=first)
    submission.refresh_from_db()
    returned = submission_return(submission=submission, user=world.th_coordinator, comment="Sửa")
    submission_submit(submission=returned, user=world.national)
    assert [s.unit for s in service.request_completeness(request).on_time] == [world.hac_thanh]


def test_reminders_go_to_the_units_asked(world, form, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.hac_thanh_officer.email = "hac.thanh@example.vn"
    world.hac_thanh_officer.save()
    ask(world, form, units=[world.hac_thanh])
    outcome = reminders_send(on=DEADLINE - datetime.timedelta(days=2), days_before=2)
    lines = [m for m in mail.outbox if "hac.thanh@example.vn" in m.to]
    window = "Từ 01/02/2026 đến 28/02/2026"
    assert lines and window in lines[0].body
    assert outcome.reminders >= 1
    mail.outbox.clear()
    reminders_send(on=DEADLINE + datetime.timedelta(days=1), days_before=2)
    assert any(window in m.body for m in mail.outbox)  # overdue, not sent yet
    mail.outbox.clear()
    answer(world, ReportRequest.objects.get(), world.hac_thanh, 1)
    reminders_send(on=DEADLINE + datetime.timedelta(days=2), days_before=2)
    assert not any(window in m.body for m in mail.outbox)


def test_the_request_pages(world, form, client_for):
    client = client_for(world.th_coordinator)
    response = client.post(
        reverse("reporting:request_create"),
        {
            "unit": world.thanh_hoa.pk,
            "title": "Số liệu tuyên truyền dịp Tết",
            "form": form.pk,
            "window_start": "2026-01-15",
            "window_end": "2026-02-14",
            "deadline": "2026-02-20",
            "all_units": "on",
        },
    )
    request = ReportRequest.objects.get()
    assert response.url == request.get_absolute_url()
    assert set(request.units.all()) == {world.hac_thanh, world.quang_ngoc, world.quang_binh}
    page = client.get(request.get_absolute_url()).content.decode()
    assert page.count('data-status="missing"') == 3
    listing = client.get(reverse("reporting:request_list")).content.decode()
    assert "Số liệu tuyên truyền dịp Tết" in listing and "0/3" in listing
