"""The committee's work for the home page: recommendations the user's unit must answer
(urgent when one is overdue), and overdue ones the user's unit made and follows up. Each
count is the number of rows of the linked list."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import can
from lanhmanh.core.todos import Todo

from . import selectors


def todos(user, *, today: datetime.date) -> list[Todo]:
    if not can(user, Module.COMMITTEE):
        return []
    url = reverse("committees:recommendation_list")
    to_answer = selectors.recommendations_to_answer(user)
    answer_count = to_answer.count()
    items = []
    if answer_count:
        items.append(
            Todo(
                module=Module.COMMITTEE,
                label=_("Kiến nghị giám sát cần trả lời"),
                count=answer_count,
                url=f"{url}?show=to_answer",
                urgent=to_answer.filter(due_date__lt=today).exists(),
            )
        )
    overdue = selectors.recommendations_overdue_made(user, today).count()
    if overdue:
        items.append(
            Todo(
                module=Module.COMMITTEE,
                label=_("Kiến nghị giám sát quá hạn chưa thực hiện"),
                count=overdue,
                url=f"{url}?show=overdue",
                urgent=True,
            )
        )
    return items
