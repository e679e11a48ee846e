"""Reminder emails to data officers: a report due in a few days, or overdue.

``reminders_due(on=..., days_before=N)`` finds, for every active form (and every ad hoc
request, for the units it asks), the units whose
report of a recent period is not sent yet (missing, draft or returned) and whose deadline
is exactly N days after ``on`` (a reminder before the deadline) or already past (overdue;
the last ``OVERDUE_PERIODS`` periods only). ``reminders_send`` writes one email per data
officer listing all of theirs, through Django's email backend.

Sending is idempotent per day: each reminder sent is recorded (``ReminderSent``) as soon
as its email has gone, and a second run the same day sends only what the first did not, so
cron may retry safely.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from lanhmanh.accounts.roles import Role
from lanhmanh.accounts.scope import people_at
from lanhmanh.geography.models import AdministrativeUnit

from .models import EDITABLE_STATUSES, ReminderSent, ReportForm, ReportRequest, Submission
from .periods import Period
from .selectors import period_due

OVERDUE_PERIODS = 3
OVERDUE_DAYS = datetime.timedelta(days=90)  # ad hoc requests: overdue reminders this long
BEFORE, OVERDUE = "before", "overdue"


@dataclass(frozen=True)
class Reminder:
    user_id: int
    email: str
    form: ReportForm
    unit: AdministrativeUnit
    period: Period
    deadline: datetime.date
    kind: str
    user: object = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        return f"{self.user_id}:{self.form.pk}:{self.unit.pk}:{self.period.key}:{self.kind}"

    def line(self, on: datetime.date) -> str:
        days = abs((self.deadline - on).days)
        if self.kind == BEFORE:
            when = _("hạn gửi %(date)s (còn %(days)d ngày)")
        else:
            when = _("hạn gửi %(date)s (đã quá %(days)d ngày)")
        when = when % {"date": f"{self.deadline:%d/%m/%Y}", "days": days}
        return f"- {self.form.name} — {self.unit.full_name} — {self.period.label}: {when}"


def _periods(form: ReportForm, on: datetime.date, days_before: int) -> list[Period]:
    """The periods whose deadline may fall on ``on + days_before`` or be past: the one
    due by then and a few before it."""
    period = period_due(form, on + datetime.timedelta(days=days_before))
    found = []
    while period is not None and len(found) < OVERDUE_PERIODS + 1:
        found.append(period)
        period = period.previous()
    return found


def reminders_due(
    *, on: datetime.date, days_before: int, with_email_only: bool = True
) -> list[Reminder]:
    """Every reminder to send on ``on``: one per data officer and unsent report (only
    officers with an e-mail address unless ``with_email_only`` is False)."""
    found: list[Reminder] = []
    for form in ReportForm.objects.filter(active=True).select_related("sector"):
        for period in _periods(form, on, days_before):
            deadline = form.deadline(period, form.unit_level)
            if deadline == on + datetime.timedelta(days=days_before) and days_before > 0:
                kind = BEFORE
            elif deadline < on:
                kind = OVERDUE
            else:
                continue
            found += _unsent(form, period, deadline, kind, on, with_email_only=with_email_only)
    return found + _requested(on, days_before, with_email_only)


def _requested(on: datetime.date, days_before: int, with_email_only: bool = True) -> list[Reminder]:
    """Reminders of ad hoc requests, like periodic ones: before the deadline, and overdue
    (for ``OVERDUE_DAYS`` after it) to the units asked that have not sent."""
    before = on + datetime.timedelta(days=days_before)
    found: list[Reminder] = []
    requests = ReportRequest.objects.filter(
        Q(deadline=before) | Q(deadline__lt=on, deadline__gte=on - OVERDUE_DAYS)
    ).select_related("form", "form__sector")
    for request in requests:
        if request.deadline == before and days_before > 0:
            kind = BEFORE
        elif request.deadline < on:
            kind = OVERDUE
        else:
            continue
        found += _unsent(
            request.form,
            request.period,
            request.deadline,
            kind,
            on,
            units=request.units.all(),
            with_email_only=with_email_only,
        )
    return found


def _unsent(
    form, period: Period, deadline, kind: str, on, units=None, with_email_only: bool = True
) -> list[Reminder]:
    window = period.window
    if units is None:
        units = AdministrativeUnit.objects.filter(level=form.unit_level)
    units = {
        u.pk: u
        for u in units.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=window.end)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=window.start)
        )
    }
    sent = set(
        Submission.objects.filter(form=form, period_key=period.key)
        .exclude(status__in=EDITABLE_STATUSES)
        .values_list("unit_id", flat=True)
    )
    waiting = set(units) - sent
    if not waiting:
        return []
    officers = people_at(waiting, roles=[Role.DATA_OFFICER], on=on)
    if with_email_only:
        officers = officers.exclude(user__email="")
    if form.sector_id:
        officers = officers.filter(agency__sector=form.sector_id)
    return [
        Reminder(m.user_id, m.user.email, form, units[m.unit_id], period, deadline, kind, m.user)
        for m in officers
    ]


def _ledger(on: datetime.date) -> set[str]:
    return set(ReminderSent.objects.filter(sent_on=on).values_list("key", flat=True))


def _record(on: datetime.date, keys: set[str]) -> None:
    ReminderSent.objects.bulk_create(
        [ReminderSent(sent_on=on, key=key) for key in keys], ignore_conflicts=True
    )


@dataclass
class Outcome:
    emails: int
    reminders: int
    skipped: int  # already sent earlier the same day
    messages: list[tuple[str, str, str]]  # (to, subject, body)


def reminders_send(*, on: datetime.date, days_before: int = 2, dry_run: bool = False) -> Outcome:
    """Send (or, with ``dry_run``, only compose) the reminders of ``on``."""
    with translation.override(settings.LANGUAGE_CODE):
        due = reminders_due(on=on, days_before=days_before)
        done = _ledger(on)
        todo = [r for r in due if r.key not in done]
        by_user: dict[int, list[Reminder]] = defaultdict(list)
        for r in todo:
            by_user[r.user_id].append(r)
        messages = []
        for items in by_user.values():
            items.sort(key=lambda r: (r.deadline, r.unit.path, r.form.code))
            overdue = any(r.kind == OVERDUE for r in items)
            subject = (
                _("Nhắc gửi báo cáo (có báo cáo quá hạn)") if overdue else _("Nhắc hạn gửi báo cáo")
            )
            body = "\n".join(
                [
                    _("Kính gửi đồng chí,"),
                    "",
                    _("Các báo cáo sau chưa được gửi:"),
                    *[r.line(on) for r in items],
                    "",
                    _("Vui lòng đăng nhập hệ thống Lành Mạnh, mục Báo cáo, để nhập và gửi."),
                    _("(Thư tự động, không trả lời thư này.)"),
                ]
            )
            messages.append((items[0].email, subject, body))
            if not dry_run:
                send_mail(f"[Lành Mạnh] {subject}", body, None, [items[0].email])
                _record(on, {r.key for r in items})
    return Outcome(len(messages), len(todo), len(due) - len(todo), messages)
