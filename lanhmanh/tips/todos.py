"""Tips' to-dos: open tips past their deadline or near it, for their handlers."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from lanhmanh.accounts.permissions import can_write
from lanhmanh.accounts.roles import Module
from lanhmanh.core.todos import Todo

from . import selectors


def todos(user, *, today: datetime.date) -> list[Todo]:
    if not can_write(user, Module.TIPS):
        return []
    url = reverse("tips:tip_list")
    return [
        Todo(
            Module.TIPS,
            _("Tin báo quá hạn xử lý"),
            selectors.tips_for(user, due="overdue").count(),
            f"{url}?due=overdue",
            urgent=True,
        ),
        Todo(
            Module.TIPS,
            _("Tin báo sắp đến hạn xử lý"),
            selectors.tips_for(user, due="near").count(),
            f"{url}?due=near",
            urgent=True,
        ),
    ]
