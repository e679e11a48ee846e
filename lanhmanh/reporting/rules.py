"""Validation rules as data (``ValidationRule``): checking that a rule refers to figures
the form has, and evaluating rules on a report's figures.

Missing values: a rule on figures that are not there is skipped (DHIS2's default), except
``required``; ``sum_of_parts`` counts a missing part as 0 once any part is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from lanhmanh.indicators.models import category_name, disaggregation_keys

from .models import RuleKind, Severity
from .validation import Figure, cell_key, split_key

MISSING_FIGURE = _("Quy tắc “%(rule)s” dẫn chiếu số liệu không có trong biểu mẫu: %(key)s.")
NOT_A_BREAKDOWN = _("Quy tắc “%(rule)s”: chỉ số %(code)s không có phân tổ “%(set)s” trong biểu.")
NOT_A_RATIO = _("Quy tắc “%(rule)s”: chỉ số %(code)s không phải là tỷ lệ.")
RIGHT_REQUIRED = _("Quy tắc “%(rule)s” cần số liệu để so sánh.")
SUM_MISMATCH = _("Tổng số (%(total)s) khác cộng các phân tổ %(set)s (%(parts)s = %(sum)s).")
OVER = _("%(left)s (%(a)s) lớn hơn %(right)s (%(b)s).")
RATIO_OVER = _("Tử số (%(a)s) lớn hơn mẫu số (%(b)s).")
REQUIRED = _("Chưa nhập số liệu bắt buộc.")


@dataclass(frozen=True)
class Violation:
    rule: object
    cell: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.rule.severity == Severity.ERROR


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def rule_reference_errors(rule, rows: dict[str, list[str]], indicators: dict) -> list[str]:
    """What is wrong with ``rule`` on a form whose rows are {code: breakdown codes}."""
    name = str(rule.get_kind_display()) if hasattr(rule, "get_kind_display") else rule.kind

    def cell_missing(key: str) -> bool:
        code, part = split_key(key)
        return code not in rows or (bool(part) and part not in disaggregation_keys(rows[code]))

    errors = []
    if cell_missing(rule.left):
        errors.append(MISSING_FIGURE % {"rule": name, "key": rule.left})
        return errors
    code, _part = split_key(rule.left)
    if rule.kind == RuleKind.SUM_OF_PARTS and rule.right not in rows[code]:
        errors.append(NOT_A_BREAKDOWN % {"rule": name, "code": code, "set": rule.right})
    elif rule.kind == RuleKind.AT_MOST:
        if not rule.right:
            errors.append(RIGHT_REQUIRED % {"rule": name})
        elif cell_missing(rule.right):
            errors.append(MISSING_FIGURE % {"rule": name, "key": rule.right})
    elif rule.kind == RuleKind.NUMERATOR_AT_MOST_DENOMINATOR and not indicators[code].is_ratio:
        errors.append(NOT_A_RATIO % {"rule": name, "code": code})
    return errors


def _label(key: str, indicators: dict) -> str:
    from lanhmanh.indicators.models import disaggregation_label

    code, part = split_key(key)
    name = indicators[code].name if code in indicators else code
    return f"{name} — {disaggregation_label(part)}" if part else name


def evaluate(rules, figures: dict, indicators: dict, *, required: bool = False) -> list:
    """The violations of ``rules`` by ``figures`` ({(code, part): Figure}); ``required``
    rules only when ``required`` (on submit: a draft may be incomplete)."""
    found = []
    for rule in rules:
        message = _check(rule, figures, indicators, required)
        if message:
            text = f"{rule.message} ({message})" if rule.message else str(message)
            found.append(Violation(rule, cell_key(*split_key(rule.left)), text))
    return found


def _check(rule, figures: dict, indicators: dict, required: bool):
    left = figures.get(split_key(rule.left))
    if rule.kind == RuleKind.REQUIRED:
        return REQUIRED if required and left is None else None
    if left is None:
        return None
    if rule.kind == RuleKind.SUM_OF_PARTS:
        code, _part = split_key(rule.left)
        parts = [figures.get((code, k)) for k in disaggregation_keys([rule.right])]
        if all(p is None for p in parts):
            return None
        numbers = [p.numerator if p else Decimal(0) for p in parts]
        if sum(numbers) == left.numerator:
            return None
        return SUM_MISMATCH % {
            "total": _plain(left.numerator),
            "set": category_name(rule.right).lower(),
            "parts": " + ".join(_plain(n) for n in numbers),
            "sum": _plain(sum(numbers)),
        }
    if rule.kind == RuleKind.AT_MOST:
        right: Figure | None = figures.get(split_key(rule.right))
        if right is None or left.numerator <= right.numerator:
            return None
        return OVER % {
            "left": _label(rule.left, indicators),
            "a": _plain(left.numerator),
            "right": _label(rule.right, indicators),
            "b": _plain(right.numerator),
        }
    if rule.kind == RuleKind.NUMERATOR_AT_MOST_DENOMINATOR:
        if left.denominator is None or left.numerator <= left.denominator:
            return None
        return RATIO_OVER % {"a": _plain(left.numerator), "b": _plain(left.denominator)}
    return None


def rules_for_script(form) -> list[dict]:
    """The rules a browser can check as figures are typed (static JS reads them)."""
    indicators = {r.indicator.code: r.indicator for r in form.rows.select_related("indicator")}
    out = []
    for rule in form.rules.all():
        if rule.kind == RuleKind.REQUIRED:
            continue
        item = {
            "kind": rule.kind,
            "left": rule.left,
            "right": rule.right,
            "severity": rule.severity,
            "message": rule.message,
        }
        if rule.kind == RuleKind.SUM_OF_PARTS:
            code, _part = split_key(rule.left)
            item["parts"] = [cell_key(code, k) for k in disaggregation_keys([rule.right])]
            item["set"] = category_name(rule.right).lower()
        if rule.kind == RuleKind.AT_MOST:
            item["left_label"] = _label(rule.left, indicators)
            item["right_label"] = _label(rule.right, indicators)
        out.append(item)
    return out
