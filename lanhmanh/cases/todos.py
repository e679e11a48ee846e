"""Cases waiting for the user's body: the stage that comes next is theirs to record."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from lanhmanh.accounts.roles import Module
from lanhmanh.core.todos import Todo

from .selectors import waiting_cases


def todos(user, *, today: datetime.date) -> list[Todo]:
    # The same rows as the list it opens (case_list with waiting=1).
    count = waiting_cases(user).count()
    url = f"{reverse('cases:case_list')}?waiting=1"
    return [Todo(Module.ENFORCEMENT, _("Vụ án chờ cơ quan bạn xử lý"), count, url)]
