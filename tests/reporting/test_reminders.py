"""send_reminders: emails to data officers before the deadline and after it, once a day."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from lanhmanh.reporting.models import Status
from lanhmanh.reporting.periods import month
from tests.reporting.helpers import make_form, report

JAN = month(2026, 1)  # window 15/12/2025 – 14/01/2026, deadline 17/01/2026


@pytest.fixture
def form(world):
    world.hac_thanh_officer.email = "canbo@hacthanh.example"
    world.hac_thanh_officer.save()
    return make_form()


@pytest.fixture
def earlier_sent(world, form):
    """The reports of October to December 2025 were sent: only January's is pending."""
    for m in (10, 11, 12):
        report(
            world.hac_thanh_officer,
            form,
            world.hac_thanh,
            month(2025, m),
            {"awareness_activities": "1"},
            status=Status.SUBMITTED,
        )


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_it_reminds_the_officer_two_days_before_the_deadline(world, form, earlier_sent):
    output = run("--date", "2026-01-15", "--days-before", "2")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["canbo@hacthanh.example"]
    assert "Nhắc hạn gửi báo cáo" in message.subject
    assert "Phường Hạc Thành — Tháng 1/2026: hạn gửi 17/01/2026 (còn 2 ngày)" in message.body
    assert "Đã gửi 1 thư nhắc (1 báo cáo)" in output


def test_it_sends_nothing_twice_the_same_day(world, form, earlier_sent):
    run("--date", "2026-01-15")
    output = run("--date", "2026-01-15")
    assert len(mail.outbox) == 1
    assert "Đã gửi 0 thư nhắc (0 báo cáo); 1 đã nhắc trước đó trong ngày." in output
    run("--date", "2026-01-16", "--days-before", "1")
    assert len(mail.outbox) == 2  # another day, another reminder


def test_overdue_reports_are_listed_after_the_deadline(world, form):
    run("--date", "2026-01-20")
    [message] = mail.outbox
    assert "có báo cáo quá hạn" in message.subject
    assert "Tháng 1/2026: hạn gửi 17/01/2026 (đã quá 3 ngày)" in message.body
    # the three periods before it, never sent, are overdue too
    assert "Tháng 12/2025: hạn gửi 17/12/2025 (đã quá 34 ngày)" in message.body
    assert "Tháng 10/2025" in message.body
    assert "Tháng 9/2025" not in message.body


def test_a_report_sent_on_time_gets_no_reminder(world, form, earlier_sent):
    report(
        world.hac_thanh_officer,
        form,
        world.hac_thanh,
        JAN,
        {"awareness_activities": "1"},
        status=Status.SUBMITTED,
    )
    run("--date", "2026-01-15")
    assert mail.outbox == []


def test_a_returned_report_is_still_reminded(world, form, earlier_sent):
    submission = report(
        world.hac_thanh_officer,
        form,
        world.hac_thanh,
        JAN,
        {"awareness_activities": "1"},
        status=Status.SUBMITTED,
    )
    from lanhmanh.reporting.services import submission_return

    submission_return(submission=submission, user=world.th_coordinator, comment="Sai số liệu")
    run("--date", "2026-01-15")
    assert len(mail.outbox) == 1


def test_dry_run_lists_and_sends_nothing(world, form, earlier_sent):
    output = run("--date", "2026-01-15", "--dry-run")
    assert mail.outbox == []
    assert "canbo@hacthanh.example" in output
    assert "Chạy thử: 1 thư (1 báo cáo), chưa gửi." in output
    run("--date", "2026-01-15")
    assert len(mail.outbox) == 1  # the dry run recorded nothing


def test_officers_of_other_units_and_roles_get_nothing(world, form, earlier_sent):
    world.th_leader.email = "lanhdao@example.org"
    world.th_leader.save()
    run("--date", "2026-01-15")
    assert [m.to for m in mail.outbox] == [["canbo@hacthanh.example"]]


def test_a_bad_date_is_refused(world, form):
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        run("--date", "15/01/2026")
