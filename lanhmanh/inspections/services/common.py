"""Checks shared by the services."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.geography.models import AdministrativeUnit, Level

COMMUNE_REQUIRED = _("Phải chọn một xã, phường hiện hành.")
DATE_IN_FUTURE = _("Ngày không được sau ngày hôm nay.")
PAST_UNIT_DATE = _(
    "Đơn vị này không còn tồn tại: chỉ nhập được bản ghi có ngày trong thời gian đơn vị "
    "còn tồn tại (trước khi sắp xếp lại)."
)


def existed_on(unit: AdministrativeUnit, day: datetime.date | None) -> bool:
    """Whether ``unit`` existed on ``day`` (a current unit always takes new records)."""
    if unit.is_current and day is None:
        return True
    if day is None:
        return False
    return (unit.valid_from is None or unit.valid_from <= day) and (
        unit.valid_to is None or day <= unit.valid_to
    )


def check_commune(
    unit: AdministrativeUnit, field: str = "unit", on: datetime.date | None = None
) -> None:
    """A commune that exists, or, for a record dated ``on`` before the 2025 reform, a
    commune of that date (a province loading last years' records)."""
    if unit.level != Level.COMMUNE:
        raise ValidationError({field: COMMUNE_REQUIRED})
    if unit.is_current:
        return
    if on is None:
        raise ValidationError({field: COMMUNE_REQUIRED})
    if not existed_on(unit, on):
        raise ValidationError({field: PAST_UNIT_DATE})


def check_not_future(day: datetime.date | None, field: str) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({field: DATE_IN_FUTURE})


def vnd(amount: int) -> str:
    """1000000 → '1.000.000' as Vietnamese documents write amounts."""
    return f"{amount:,}".replace(",", ".")
