"""Checks shared by the services, with their messages as constants."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.geography.models import Level

COMMUNE_REQUIRED = _("Phải chọn một xã, phường hiện hành.")
DATE_IN_FUTURE = _("Ngày không được sau ngày hôm nay.")
STALE_VERSION = _(
    "Dữ liệu đã được người khác sửa sau khi bạn mở trang (phiên bản %(current)s, bạn sửa "
    "phiên bản %(yours)s). Hãy xem lại rồi lưu lại."
)
CASE_CLOSED = _("Ca đã kết thúc: không ghi thêm được.")
BEFORE_OPENING = _("Ngày không được trước ngày mở ca (%(opened)s).")
UNIT_OUT_OF_SCOPE = _("Bạn không có quyền ghi dữ liệu tại đơn vị này.")


def check_commune(unit, field: str = "unit") -> None:
    if unit.level != Level.COMMUNE or not unit.is_current:
        raise ValidationError({field: COMMUNE_REQUIRED})


def check_not_future(day: datetime.date | None, field: str) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({field: DATE_IN_FUTURE})


def check_version(obj, version: int | None) -> None:
    """Refuse to overwrite a newer version: the form shows both."""
    if version is not None and int(version) != obj.version:
        raise ValidationError(STALE_VERSION % {"current": obj.version, "yours": version})


def check_in_case(client, day: datetime.date, field: str) -> None:
    """A date of something done in a case: not before it opened, not in the future."""
    check_not_future(day, field)
    if day < client.opened_on:
        raise ValidationError({field: BEFORE_OPENING % {"opened": f"{client.opened_on:%d/%m/%Y}"}})


def check_open(client) -> None:
    if not client.is_open or client.anonymised_on:
        raise ValidationError(CASE_CLOSED)


def check_writer(by, unit, field: str = "unit") -> None:
    from ..access import may_write

    if not may_write(by, unit):
        raise ValidationError({field: UNIT_OUT_OF_SCOPE})
