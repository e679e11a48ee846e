"""Checks shared by the services."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.geography.models import AdministrativeUnit, Level

COMMUNE_REQUIRED = _("Phải chọn một xã, phường hiện hành.")
DATE_IN_FUTURE = _("Ngày không được sau ngày hôm nay.")


def check_commune(unit: AdministrativeUnit, field: str = "unit") -> None:
    if unit.level != Level.COMMUNE or not unit.is_current:
        raise ValidationError({field: COMMUNE_REQUIRED})


def check_not_future(day: datetime.date | None, field: str) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({field: DATE_IN_FUTURE})


def vnd(amount: int) -> str:
    """1000000 → '1.000.000' as Vietnamese documents write amounts."""
    return f"{amount:,}".replace(",", ".")
