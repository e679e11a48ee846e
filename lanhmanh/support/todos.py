"""Support's to-dos: open cases with a referral whose follow-up date has come, for the
case workers and supervisors who may open them (never a name: a count and a link)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from lanhmanh.accounts.roles import Module
from lanhmanh.core.todos import Todo

from . import access, selectors


def todos(user, *, today: datetime.date) -> list[Todo]:
    if not access.may_write(user):
        return []
    count = selectors.case_list(user, follow_up=selectors.FOLLOW_UP_DUE, today=today).count()
    return [
        Todo(
            Module.SUPPORT,
            _("Ca hỗ trợ đến ngày theo dõi chuyển gửi"),
            count,
            f"{reverse('support:case_list')}?follow_up={selectors.FOLLOW_UP_DUE}",
            urgent=True,
        )
    ]
