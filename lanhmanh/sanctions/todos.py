"""The register's to-dos for the home page: fines unpaid past their due date, counted
exactly as the list the link opens (status 'quá hạn nộp phạt') counts them."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, can
from lanhmanh.core.todos import Todo

from . import selectors


def todos(user, *, today: datetime.date) -> list[Todo]:
    if not can(user, Module.ENFORCEMENT, WRITE):
        return []
    rows = selectors.decision_list(user, selectors.Filters(status=selectors.OVERDUE, today=today))
    url = f"{reverse('sanctions:decision_list')}?status={selectors.OVERDUE}"
    return [
        Todo(
            module=Module.ENFORCEMENT,
            label=_("Quyết định phạt tiền quá hạn nộp"),
            count=rows.count(),
            url=url,
            urgent=True,
        )
    ]
