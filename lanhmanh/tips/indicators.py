"""The module's computed indicators and their catalogue rows.

The catalogue already has tips_received, tips_handled_in_time and tips_handled_share as
figures entered in report forms (by units that keep tips on paper); the codes here are
computed from the records of this module, so a plan target linked to them moves as tips
are handled. Counts are of tips whose handling unit lies under ``paths``; days are local.

Handled on time: a tip counts once its deadline has passed or it was closed, by the
window's end (a tip received yesterday and not yet due is not late); of those, the ones
closed (handled, found unfounded or transferred) on or before their deadline, extension
included.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from lanhmanh.indicators.registry import Value, register
from lanhmanh.inspections.indicators import during, under

from .models import CLOSED, Category, Channel, Status, Tip

DIMENSIONS = {
    "tip_channel": ("channel", Channel),
    "tip_category": ("category", Category),
}


def _received(paths, window, disaggregation=None):
    qs = Tip.objects.filter(under("unit__path", paths), during("received_at", window))
    if disaggregation:
        dimension, _sep, member = disaggregation.partition(":")
        if dimension in DIMENSIONS:
            qs = qs.filter(**{DIMENSIONS[dimension][0]: member})
    return qs


def _n(qs) -> Value:
    return Value(numerator=Decimal(qs.aggregate(n=Count("pk"))["n"] or 0))


@register("tips_recorded")
def tips_recorded(*, paths, window, disaggregation=None) -> Value:
    """Tips received in the window, by channel or category when asked."""
    return _n(_received(paths, window, disaggregation))


@register("tips_closed")
def tips_closed(*, paths, window, disaggregation=None) -> Value:
    """Tips whose handling ended in the window (handled, unfounded or transferred)."""
    return _n(
        Tip.objects.filter(
            under("unit__path", paths), during("closed_at", window), status__in=CLOSED
        )
    )


@register("tips_unfounded")
def tips_unfounded(*, paths, window, disaggregation=None) -> Value:
    return _n(
        Tip.objects.filter(
            under("unit__path", paths), during("closed_at", window), status=Status.UNFOUNDED
        )
    )


@register("tips_led_to_inspection")
def tips_led_to_inspection(*, paths, window, disaggregation=None) -> Value:
    """Tips received in the window that led to an inspection."""
    return _n(_received(paths, window).filter(inspection__isnull=False))


@register("tips_on_time")
def tips_on_time(*, paths, window, disaggregation=None) -> Value:
    return Value(numerator=Decimal(_on_time_counts(paths, window)[0]))


@register("tips_on_time_share")
def tips_on_time_share(*, paths, window, disaggregation=None) -> Value:
    on_time, judged = _on_time_counts(paths, window)
    return Value(numerator=Decimal(on_time), denominator=Decimal(judged))


def _on_time_counts(paths, window) -> tuple[int, int]:
    """(closed on time, judged), counted over the rows: a few hundred tips a year per
    province, read as three columns."""
    end = window.end
    rows = _received(paths, window).values_list("status", "closed_at", "due_on", "extended_to")
    on_time = judged = 0
    for status, closed_at, due_on, extended_to in rows:
        deadline = extended_to or due_on
        closed_day = timezone.localtime(closed_at).date() if closed_at else None
        closed = status in CLOSED and closed_day is not None and closed_day <= end
        if not closed and deadline >= end:
            continue  # still open and not yet due at the window's end
        judged += 1
        if closed and closed_day <= deadline:
            on_time += 1
    return on_time, judged


def _row(code, name, definition, **extra):
    row = {
        "code": code,
        "name": name,
        "definition": definition,
        "measure": "count",
        "unit_of_measure": "tin",
        "numerator_label": "",
        "denominator_label": "",
        "aggregation": "sum",
        "source": "computed",
        "disaggregations": [],
        "topic": "prostitution",
    }
    row.update(extra)
    return row


CATALOGUE = [
    _row(
        "tips_recorded",
        "Số tin báo, tố giác tiếp nhận (theo sổ tin báo)",
        "Số tin báo, tố giác tiếp nhận trong kỳ qua trang tin báo trực tuyến, đường dây "
        "nóng, thư, trực tiếp hoặc do cơ quan khác chuyển đến, tính từ sổ tin báo của hệ "
        "thống; phân tổ theo kênh tiếp nhận và loại tin.",
        disaggregations=["tip_channel", "tip_category"],
    ),
    _row(
        "tips_closed",
        "Số tin báo đã xử lý xong",
        "Số tin báo kết thúc xử lý trong kỳ (đã xử lý, không có cơ sở hoặc đã chuyển cơ "
        "quan có thẩm quyền).",
    ),
    _row(
        "tips_on_time",
        "Số tin báo xử lý đúng hạn (theo sổ tin báo)",
        "Số tin báo tiếp nhận trong kỳ đã kết thúc xử lý trong thời hạn (kể cả gia hạn).",
    ),
    _row(
        "tips_on_time_share",
        "Tỷ lệ tin báo, tố giác được xử lý kịp thời (theo sổ tin báo)",
        "Trong các tin báo tiếp nhận trong kỳ đã kết thúc xử lý hoặc đã quá hạn tính đến "
        "cuối kỳ, tỷ lệ tin kết thúc xử lý trong thời hạn (kể cả gia hạn). Tin chưa đến "
        "hạn chưa được tính.",
        measure="percent",
        unit_of_measure="",
        numerator_label="Số tin xử lý đúng hạn",
        denominator_label="Số tin đã kết thúc hoặc đã quá hạn",
        aggregation="ratio",
    ),
    _row(
        "tips_unfounded",
        "Số tin báo không có cơ sở",
        "Số tin báo kết luận không có cơ sở trong kỳ.",
    ),
    _row(
        "tips_led_to_inspection",
        "Số tin báo dẫn đến kiểm tra đột xuất",
        "Số tin báo tiếp nhận trong kỳ đã dẫn đến một lượt kiểm tra đột xuất của đội 178.",
    ),
]
