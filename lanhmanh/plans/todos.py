"""Plans' to-dos: open tasks led by the user's agencies due by the end of the month."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import can
from lanhmanh.core.todos import Todo

from . import selectors
from .selectors import DUE_THIS_MONTH


def todos(user, *, today: datetime.date) -> list[Todo]:
    if not can(user, Module.PLANS):
        return []
    agencies = selectors.my_agencies(user)
    if not agencies:
        return []
    tasks = selectors.tasks_due_this_month(user, agencies, today=today)
    count = tasks.count()
    overdue = tasks.filter(due_date__lt=today).exists() if count else False
    return [
        Todo(
            Module.PLANS,
            _("Nhiệm vụ chủ trì đến hạn trong tháng"),
            count,
            f"{reverse('plans:my_tasks')}?due={DUE_THIS_MONTH}",
            urgent=overdue,
        )
    ]
