"""Inspections' to-dos: follow-up inspections past due, for those who make them."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from lanhmanh.accounts.roles import Module
from lanhmanh.core.todos import Todo

from . import selectors
from .access import may_write


def todos(user, *, today: datetime.date) -> list[Todo]:
    if not may_write(user):
        return []
    count = selectors.followups_overdue(user, on=today).count()
    return [
        Todo(
            Module.INSPECTIONS,
            _("Kiểm tra lại quá hạn"),
            count,
            reverse("inspections:followup_list"),
            urgent=True,
        )
    ]
