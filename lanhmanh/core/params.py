"""Reading query parameters safely: every helper returns a value of the right type and
range, or the default; none raises. A view that filters by ``?year=9999``, a 40-digit
``?unit=`` or ``?year=²`` (a Unicode digit ``str.isdigit`` accepts and ``int`` refuses)
therefore shows its unfiltered page instead of a server error.

Path arguments are guarded centrally by ``lanhmanh.core.guards.RequestGuardMiddleware``.
"""

from __future__ import annotations

import datetime
import re

# What a database integer column holds (PostgreSQL bigint, SQLite INTEGER).
MAX_ID = 2**63 - 1
# Years a programme, a plan or a report can concern.
MIN_YEAR, MAX_YEAR = 1900, 2100
_INTEGER = re.compile(r"[+-]?[0-9]{1,19}", re.ASCII)
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def parse_int(
    value, *, default: int | None = None, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    """``value`` as an int within [minimum, maximum], else ``default``."""
    text = str(value).strip() if value is not None else ""
    if not _INTEGER.fullmatch(text):
        return default
    number = int(text)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return default
    return number


def parse_id(value) -> int | None:
    """A primary key: a positive integer a database column can hold, else None."""
    return parse_int(value, minimum=1, maximum=MAX_ID)


def parse_year(value, default: int | None = None) -> int | None:
    return parse_int(value, default=default, minimum=MIN_YEAR, maximum=MAX_YEAR)


def parse_date(value, default: datetime.date | None = None) -> datetime.date | None:
    """An ISO date (2026-03-31) or a Vietnamese one (31/03/2026) within the years above."""
    text = str(value or "").strip()
    for fmt in _DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a plain date
        except ValueError:
            continue
        return day if MIN_YEAR <= day.year <= MAX_YEAR else default
    return default


def parse_choice(value, choices, default: str = "") -> str:
    """``value`` if it is one of ``choices`` (values, or (value, label) pairs), else
    ``default``."""
    allowed = {c[0] if isinstance(c, tuple | list) else c for c in choices}
    return value if value in allowed else default


def query_int(request, name: str, **limits) -> int | None:
    return parse_int(request.GET.get(name), **limits)


def query_id(request, name: str) -> int | None:
    return parse_id(request.GET.get(name))


def query_year(request, name: str = "year", default: int | None = None) -> int | None:
    return parse_year(request.GET.get(name), default)


def query_date(request, name: str, default: datetime.date | None = None):
    return parse_date(request.GET.get(name), default)


def query_choice(request, name: str, choices, default: str = "") -> str:
    return parse_choice(request.GET.get(name), choices, default)
