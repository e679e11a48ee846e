"""Reading and checking the figures of a submission: numbers typed by people (web form or
Excel cells), checked all together so that one bad cell saves nothing.

A cell is identified by its key: the indicator's code for the total, 'code|dimension:member'
for a part ('sex_workers_reached|sex:female'). A count cell holds one number; a percentage
cell holds a numerator and a denominator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from lanhmanh.indicators.models import (
    Indicator,
    Measure,
    category_name,
    disaggregation_keys,
)

NOT_A_NUMBER = _("“%(value)s” không phải là một số.")
NEGATIVE = _("Số liệu không được âm.")
NOT_WHOLE = _("Số lượng phải là số nguyên.")
NUMERATOR_OVER_DENOMINATOR = _("Tỷ lệ không được quá 100%: tử số lớn hơn mẫu số.")
DENOMINATOR_REQUIRED = _("Cần nhập cả tử số và mẫu số.")
NOT_ON_FORM = _("Chỉ số này không có trong biểu mẫu.")
UNKNOWN_DISAGGREGATION = _("Biểu mẫu không có phân tổ này cho chỉ số.")
PARTS_EXCEED_TOTAL = _("Cộng các phân tổ %(dimension)s (%(parts)s) lớn hơn tổng số (%(total)s).")
TOO_LARGE = _("Số liệu quá lớn.")

_MAX = Decimal("1e15")
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def cell_key(code: str, disaggregation: str = "") -> str:
    return f"{code}|{disaggregation}" if disaggregation else code


def split_key(key) -> tuple[str, str]:
    if isinstance(key, tuple):
        return key[0], key[1] or ""
    code, _sep, disaggregation = str(key).partition("|")
    return code, disaggregation


def parse_number(raw) -> Decimal | None:
    """A number as people type it in Vietnam or as Excel gives it: 1234, 1.234 (thousands),
    1.234,5 or 12,5 (decimal comma), 12.5. None for an empty cell; ValueError otherwise."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int | float | Decimal):
        text = str(raw)
    else:
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif _THOUSANDS.match(text):
            text = text.replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(raw) from exc
    if not value.is_finite():
        raise ValueError(raw)
    return value


@dataclass(frozen=True)
class Figure:
    numerator: Decimal
    denominator: Decimal | None = None


def _parts(raw) -> tuple:
    """(numerator, denominator) as given: a pair, a dict, or one number."""
    if isinstance(raw, dict):
        return raw.get("numerator"), raw.get("denominator")
    if isinstance(raw, list | tuple):
        return (raw[0] if raw else None), (raw[1] if len(raw) > 1 else None)
    return raw, None


def _check_number(raw, errors: list, *, whole: bool) -> Decimal | None:
    try:
        value = parse_number(raw)
    except ValueError:
        errors.append(NOT_A_NUMBER % {"value": raw})
        return None
    if value is None:
        return None
    if value < 0:
        errors.append(NEGATIVE)
    elif abs(value) >= _MAX:
        errors.append(TOO_LARGE)
    elif whole and value != value.to_integral_value():
        errors.append(NOT_WHOLE)
    return value


def parse_cell(indicator: Indicator, raw) -> tuple[Figure | None, list]:
    """The figure a cell holds (None: the cell is empty, clear it) and its errors."""
    errors: list = []
    numerator_raw, denominator_raw = _parts(raw)
    if indicator.is_ratio:
        numerator = _check_number(numerator_raw, errors, whole=True)
        denominator = _check_number(denominator_raw, errors, whole=True)
        if errors:
            return None, errors
        if numerator is None and denominator is None:
            return None, []
        if numerator is None or denominator is None:
            return None, [DENOMINATOR_REQUIRED]
        if numerator > denominator:
            return None, [NUMERATOR_OVER_DENOMINATOR]
        return Figure(numerator, denominator), []
    whole = indicator.measure in (Measure.COUNT, Measure.TIMES_PER_PERIOD, Measure.AMOUNT)
    numerator = _check_number(numerator_raw, errors, whole=whole)
    if errors or numerator is None:
        return None, errors
    return Figure(numerator), []


def check_cells(rows: dict[str, list[str]], indicators: dict[str, Indicator], values: dict):
    """Parse every cell of ``values`` ({key: raw}) against a form's rows ({code: its
    disaggregation dimensions}). Returns ({(code, disaggregation): Figure | None}, errors
    by cell key)."""
    parsed: dict[tuple[str, str], Figure | None] = {}
    errors: dict[str, list] = {}
    for key, raw in values.items():
        code, disaggregation = split_key(key)
        where = cell_key(code, disaggregation)
        if code not in rows:
            errors[where] = [NOT_ON_FORM]
            continue
        if disaggregation and disaggregation not in disaggregation_keys(rows[code]):
            errors[where] = [UNKNOWN_DISAGGREGATION]
            continue
        figure, cell_errors = parse_cell(indicators[code], raw)
        if cell_errors:
            errors[where] = cell_errors
        else:
            parsed[(code, disaggregation)] = figure
    return parsed, errors


def check_parts(merged: dict[tuple[str, str], Figure], rows: dict[str, list[str]]) -> dict:
    """The parts of one dimension may not add up to more than the total."""
    errors: dict[str, list] = {}
    for code, dimensions in rows.items():
        total = merged.get((code, ""))
        if total is None:
            continue
        for dim in dimensions:
            parts = [merged.get((code, k)) for k in disaggregation_keys([dim])]
            summed = sum((p.numerator for p in parts if p), Decimal(0))
            if summed > total.numerator:
                errors.setdefault(cell_key(code), []).append(
                    PARTS_EXCEED_TOTAL
                    % {
                        "dimension": category_name(dim).lower(),
                        "parts": _plain(summed),
                        "total": _plain(total.numerator),
                    }
                )
    return errors


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"
