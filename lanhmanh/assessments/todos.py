"""The module's work on the home page: the self-assessments a commune still has to send
this year, and the assessments sent up that the user reviews. Each count is the number of
rows of the list its link opens (the same selector)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import REVIEW, WRITE, can
from lanhmanh.core.todos import Todo

from .models import FrameworkKind
from .selectors import Filters, classification


def todos(user, *, today: datetime.date) -> list[Todo]:
    if not can(user, Module.ASSESSMENTS):
        return []
    found = []
    base = reverse("assessments:assessment_list")
    for kind, label in FrameworkKind.choices:
        if can(user, Module.ASSESSMENTS, WRITE):
            rows = classification(user, Filters(year=today.year, kind=kind, todo=True))
            if rows:
                found.append(
                    Todo(
                        module=Module.ASSESSMENTS,
                        label=_("Tự đánh giá chưa gửi: %(kind)s") % {"kind": label},
                        count=len(rows),
                        url=f"{base}?{urlencode({'year': today.year, 'kind': kind, 'todo': 1})}",
                        # The year's classification closes with the year.
                        urgent=today.month == 12,
                    )
                )
        if can(user, Module.ASSESSMENTS, REVIEW):
            rows = classification(user, Filters(year=today.year, kind=kind, review=True))
            if rows:
                found.append(
                    Todo(
                        module=Module.ASSESSMENTS,
                        label=_("Bản đánh giá chờ thẩm định: %(kind)s") % {"kind": label},
                        count=len(rows),
                        url=f"{base}?{urlencode({'year': today.year, 'kind': kind, 'review': 1})}",
                    )
                )
    return found
