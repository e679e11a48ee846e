"""What reporting tells people through the bell and by e-mail: a report returned or
approved (to whoever writes the unit's reports), a report due in three days."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lanhmanh.accounts.roles import Role
from lanhmanh.accounts.scope import people_at
from lanhmanh.notifications.models import Kind
from lanhmanh.notifications.services import deliver, notify

from .models import Submission
from .reminders import BEFORE, reminders_due

DUE_DAYS = 3


def _writers(submission: Submission) -> list:
    """Who sent the report and the unit's data officers (of its agency, for an agency's
    report)."""
    officers = people_at([submission.unit], roles=[Role.DATA_OFFICER])
    if submission.agency_id:
        officers = officers.filter(agency=submission.agency_id)
    return [submission.submitted_by, *(m.user for m in officers)]


def report_returned(submission: Submission) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        text = _("Báo cáo bị trả lại: %(report)s. Lý do: %(comment)s") % {
            "report": submission,
            "comment": submission.returned_comment,
        }
    notify(
        recipients=_writers(submission),
        kind=Kind.REPORT_RETURNED,
        text=text,
        url=reverse("reporting:submission_detail", args=[submission.pk]),
        key=f"{Kind.REPORT_RETURNED}:{submission.pk}:{submission.version}",
    )


def report_approved(submission: Submission) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        text = _("Báo cáo đã được duyệt: %(report)s") % {"report": submission}
    notify(
        recipients=_writers(submission),
        kind=Kind.REPORT_APPROVED,
        text=text,
        url=reverse("reporting:submission_detail", args=[submission.pk]),
        key=f"{Kind.REPORT_APPROVED}:{submission.pk}:{submission.version}",
    )


def reports_due_notify(*, on: datetime.date, days_before: int = DUE_DAYS) -> int:
    """One notification per data officer and report due in ``days_before`` days and not
    sent; keyed by user, form, unit, period and day, so a second run the same day adds
    nothing. Returns how many were created."""
    created = 0
    url = reverse("reporting:my_reports")
    with translation.override(settings.LANGUAGE_CODE):
        for reminder in reminders_due(on=on, days_before=days_before, with_email_only=False):
            if reminder.kind != BEFORE:
                continue
            text = _("Còn %(days)d ngày đến hạn gửi báo cáo: %(line)s") % {
                "days": days_before,
                "line": reminder.line(on).lstrip("- "),
            }
            key = (
                f"{Kind.REPORT_DUE}:{reminder.form.pk}:{reminder.unit.pk}:"
                f"{reminder.period.key}:{on.isoformat()}"
            )
            created += len(deliver([reminder.user], Kind.REPORT_DUE, text, url, key))
    return created
