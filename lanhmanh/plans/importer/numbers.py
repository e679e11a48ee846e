"""Vietnamese numbers: comma for decimals, dot for thousands, leading zeros, words.

'92,6' → 92.6; '1.234' → 1234; '1.234,5' → 1234.5; '02' → 2; '45%' → 45; 'một' → 1.
"""

from __future__ import annotations

import re

__all__ = [
    "NUMBER_PATTERN",
    "WORD_NUMBERS",
    "as_json_number",
    "parse_number",
    "parse_percent",
    "parse_word_number",
]

# A number as Vietnamese documents write it. Thousands groups need exactly three digits,
# so '1.234' is a thousand and more, while '4.2' (a heading) is not a number here.
NUMBER_PATTERN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_NUMBER_RE = re.compile(rf"^(?:{NUMBER_PATTERN})$")

WORD_NUMBERS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}


def parse_number(text: str) -> int | float | None:
    """The value of a Vietnamese number, or None when ``text`` is not one."""
    if not isinstance(text, str):
        return None
    raw = text.strip().replace(" ", "")
    if not raw or not _NUMBER_RE.match(raw):
        return None
    integer, _, decimals = raw.partition(",")
    integer = integer.replace(".", "")
    if decimals:
        return as_json_number(float(f"{int(integer)}.{decimals}"))
    return int(integer)


def parse_percent(text: str) -> int | float | None:
    """'45%', '45 %', '92,6%' or '45 phần trăm' → the number; None otherwise."""
    if not isinstance(text, str):
        return None
    m = re.match(r"^\s*([\d.,]+)\s*(?:%|phần trăm)\s*$", text)
    return parse_number(m.group(1)) if m else None


def parse_word_number(word: str) -> int | None:
    """'một' → 1 … 'mười' → 10; None for anything else."""
    if not isinstance(word, str):
        return None
    return WORD_NUMBERS.get(word.strip().lower())


def as_json_number(value: float | int) -> int | float:
    """An int when the value is whole (2.0 → 2), else the float rounded to 6 places."""
    if isinstance(value, int):
        return value
    if value == int(value):
        return int(value)
    return round(value, 6)
