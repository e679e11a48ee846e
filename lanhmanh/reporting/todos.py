"""Reporting's to-dos: reports to send (due now, returned), reports to approve, reports
overdue below the user's unit. Each count is the row count of the list it links to."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import REVIEW, WRITE, can, units_of
from lanhmanh.core.todos import Todo

from . import selectors
from .views import SHOW_DUE, SHOW_RETURNED

URGENT_DAYS = 3


def todos(user, *, today: datetime.date) -> list[Todo]:
    found: list[Todo] = []
    if not can(user, Module.REPORTING):
        return found
    mine = reverse("reporting:my_reports")
    if units_of(user, Module.REPORTING, WRITE):
        returned = selectors.returned_reports(user).count()
        found.append(
            Todo(
                Module.REPORTING,
                _("Báo cáo bị trả lại, cần sửa"),
                returned,
                f"{mine}?show={SHOW_RETURNED}",
                urgent=True,
            )
        )
        due = selectors.due_unsent(user)
        soon = today + datetime.timedelta(days=URGENT_DAYS)
        found.append(
            Todo(
                Module.REPORTING,
                _("Báo cáo kỳ này chưa gửi"),
                len(due),
                f"{mine}?show={SHOW_DUE}",
                urgent=any(line["deadline"] <= soon for line in due),
            )
        )
    reviewing = units_of(user, Module.REPORTING, REVIEW)
    if reviewing:
        waiting = len(selectors.waiting_approval(user))
        found.append(
            Todo(
                Module.REPORTING,
                _("Báo cáo chờ duyệt"),
                waiting,
                f"{reverse('reporting:review_list')}?show=waiting",
                urgent=True,
            )
        )
        overdue = len(selectors.overdue_lines(user, reviewing[0], today=today))
        found.append(
            Todo(
                Module.REPORTING,
                _("Báo cáo quá hạn của cấp dưới"),
                overdue,
                reverse("reporting:overdue_list"),
            )
        )
    return found
