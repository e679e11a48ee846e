"""Notifications: written when the action commits, e-mailed by each user's choice, once
per key; reports returned and approved, reports due in three days, tasks and tips
assigned."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from lanhmanh.notifications.models import Kind, Notification
from lanhmanh.notifications.services import deliver, email_preference_set, notify
from lanhmanh.plans.models import Plan, Task
from lanhmanh.plans.services import plan_update
from lanhmanh.reporting.models import Status
from lanhmanh.reporting.notices import reports_due_notify
from lanhmanh.reporting.periods import month
from lanhmanh.reporting.services import submission_approve, submission_return
from lanhmanh.tips import services as tip_services
from tests.inspections.conftest import records  # noqa: F401 - fixture of tips
from tests.reporting.helpers import make_form, other_reviewer, report
from tests.tips.conftest import tips  # noqa: F401 - fixture

JAN = month(2026, 1)


@pytest.fixture
def emails(world):
    for user in (world.hac_thanh_officer, world.th_coordinator, world.th_tips):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return world


@pytest.fixture
def sent(emails):
    form = make_form()
    return report(
        emails.hac_thanh_officer,
        form,
        emails.hac_thanh,
        JAN,
        {"awareness_activities": "4"},
        status=Status.SUBMITTED,
    )


def test_a_returned_report_notifies_its_writer_after_commit(
    emails, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission_return(submission=sent, user=emails.th_coordinator, comment="Thiếu số liệu")
    note = Notification.objects.get(recipient=emails.hac_thanh_officer)
    assert note.kind == Kind.REPORT_RETURNED and not note.read
    assert "Thiếu số liệu" in note.text
    assert note.url == reverse("reporting:submission_detail", args=[sent.pk])
    assert [m.to for m in mail.outbox] == [[emails.hac_thanh_officer.email]]


def test_a_refused_action_notifies_nobody(emails, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        submission_return(submission=sent, user=emails.th_coordinator, comment="")
    assert not Notification.objects.exists()


def test_an_approved_report_notifies_by_email_only_when_chosen(
    emails, sent, django_capture_on_commit_callbacks
):
    email_preference_set(user=emails.hac_thanh_officer, kinds=[Kind.REPORT_RETURNED])
    with django_capture_on_commit_callbacks(execute=True):
        submission_approve(submission=sent, user=other_reviewer(emails.hac_thanh_officer))
    assert Notification.objects.get(recipient=emails.hac_thanh_officer).kind == Kind.REPORT_APPROVED
    assert mail.outbox == []


def test_the_same_key_notifies_once(world):
    first = deliver([world.th_tips], Kind.TIP_ASSIGNED, "Tin 1", "/tips/", key="k:1")
    again = deliver([world.th_tips], Kind.TIP_ASSIGNED, "Tin 1", "/tips/", key="k:1")
    assert len(first) == 1 and again == []
    assert Notification.objects.filter(recipient=world.th_tips).count() == 1


def test_inactive_users_and_repeats_are_skipped(world, django_capture_on_commit_callbacks):
    world.th_social.is_active = False
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[world.th_tips, world.th_tips, world.th_social, None],
            kind=Kind.TIP_ASSIGNED,
            text="x",
            url="/",
        )
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["th_tips"]


def test_reports_due_in_three_days_are_notified_once_a_day(emails):
    form = make_form()  # monthly, due three days after the window closes
    on = None
    for day in range(1, 60):
        candidate = datetime.date(2026, 1, 1) + datetime.timedelta(days=day)
        from lanhmanh.reporting.reminders import BEFORE, reminders_due

        if any(
            r.kind == BEFORE and r.form == form
            for r in reminders_due(on=candidate, days_before=3, with_email_only=False)
        ):
            on = candidate
            break
    assert on is not None
    first = reports_due_notify(on=on)
    assert first >= 1
    assert reports_due_notify(on=on) == 0
    out = io.StringIO()
    call_command("notify_reports_due", "--date", on.isoformat(), stdout=out)
    assert "Đã tạo 0 thông báo" in out.getvalue()
    note = Notification.objects.filter(recipient=emails.hac_thanh_officer).get()
    assert note.kind == Kind.REPORT_DUE and form.name in note.text


def test_a_new_lead_agency_hears_of_its_task(world, django_capture_on_commit_callbacks):
    plan = Plan.objects.create(
        unit=world.thanh_hoa, number="7/KH-UBND", year_from=2026, year_to=2026, title="KH"
    )
    task = Task.objects.create(plan=plan, order=0, text="Tuyên truyền")
    with django_capture_on_commit_callbacks(execute=True):
        plan_update(
            plan=plan,
            fields={},
            tasks=[{"instance": task, "text": task.text, "lead": world.th_health}],
        )
    note = Notification.objects.get(recipient=world.th_coordinator)
    assert note.kind == Kind.TASK_ASSIGNED and "Tuyên truyền" in note.text
    # Saving the plan again with the same lead tells nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        plan_update(
            plan=plan,
            fields={},
            tasks=[{"instance": task, "text": task.text, "lead": world.th_health}],
        )
    assert Notification.objects.count() == 1


def test_an_assigned_handler_hears_of_the_tip_without_the_senders_details(
    emails,
    tips,  # noqa: F811 - fixture
    django_capture_on_commit_callbacks,
):
    tip = tips.tip
    with django_capture_on_commit_callbacks(execute=True):
        tip_services.tip_triage(
            tip=tip,
            by=emails.th_tips,
            version=tip.version,
            category=tip.category,
            urgency=tip.urgency,
            unit=emails.thanh_hoa,
            handlers=[emails.th_tips],
        )
    note = Notification.objects.get(recipient=emails.th_tips)
    assert note.kind == Kind.TIP_ASSIGNED and tip.reference in note.text
    for secret in ("Nguyễn Văn Dân", "0912345678", "Nhà nghỉ"):
        assert secret not in note.text
        assert all(secret not in m.body for m in mail.outbox)


def test_the_bell_shows_unread_and_opening_marks_read(world, client_for):
    note = Notification.objects.create(
        recipient=world.hac_thanh_officer,
        kind=Kind.REPORT_RETURNED,
        text="Trả lại: biểu X",
        url=reverse("reporting:my_reports"),
    )
    client = client_for(world.hac_thanh_officer)
    bell = client.get(reverse("notifications:bell")).content.decode()
    assert "Trả lại: biểu X" in bell and "lm-bell-count" in bell
    response = client.get(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == note.url
    note.refresh_from_db()
    assert note.read
    assert "lm-bell-count" not in client.get(reverse("notifications:bell")).content.decode()


def test_a_foreign_address_is_never_followed(world, client_for):
    note = Notification.objects.create(
        recipient=world.th_tips,
        kind=Kind.TIP_ASSIGNED,
        text="x",
        url="//evil.example/",
    )
    response = client_for(world.th_tips).get(reverse("notifications:open", args=[note.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_preferences_are_saved_per_user(world, client_for):
    client = client_for(world.th_tips)
    client.post(reverse("notifications:preferences"), {"kinds": [Kind.TIP_ASSIGNED]})
    from lanhmanh.notifications.services import email_kinds

    assert email_kinds(world.th_tips) == {Kind.TIP_ASSIGNED}
    assert email_kinds(world.th_social) == set(Kind.values)
