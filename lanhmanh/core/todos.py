"""What a user has to do now, as each module sees it.

A module that gives its users work to do (reports due, tips near their deadline,
assessments to review) offers it through ``lanhmanh/<app>/todos.py``, a module with one
function::

    def todos(user, *, today: datetime.date) -> list[Todo]: ...

The home page gathers them; it is the only reader, so modules never import each other
for it. Every count must equal the number of rows on the page ``url`` opens for the same
user, and the function must respect the user's scope (it reads through ``visible_to``).
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone


@dataclass(frozen=True)
class Todo:
    module: str  # a Module value: the home groups and orders by it
    label: str  # translated, e.g. "Báo cáo bị trả lại"
    count: int
    url: str  # the list that shows exactly these rows
    urgent: bool = False  # overdue or due within days: shown first and highlighted


def gather(user, *, today: datetime.date | None = None) -> list[Todo]:
    """Every installed app's to-dos for the user, urgent first, empty ones left out."""
    today = today or timezone.localdate()
    found: list[Todo] = []
    for config in apps.get_app_configs():
        # Core holds this interface under the same module name: it is no provider.
        if not config.name.startswith("lanhmanh.") or config.name == "lanhmanh.core":
            continue
        try:
            provider = importlib.import_module(f"{config.name}.todos")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.todos":
                raise
            continue
        items: Iterable[Todo] = provider.todos(user, today=today)
        found.extend(item for item in items if item.count)
    return sorted(found, key=lambda item: (not item.urgent, item.module, item.label))
