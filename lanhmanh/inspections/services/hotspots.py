"""Hotspots and their status history."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.concurrency import version_claim
from lanhmanh.geography.models import AdministrativeUnit

from ..models import Hotspot, HotspotStatus, HotspotStatusChange
from .common import check_commune, check_not_future

# Which status may follow which: a hotspot is broken up, watched, and may come back.
TRANSITIONS = {
    HotspotStatus.ACTIVE: {HotspotStatus.ELIMINATED},
    HotspotStatus.ELIMINATED: {HotspotStatus.WATCH, HotspotStatus.REACTIVATED},
    HotspotStatus.WATCH: {HotspotStatus.REACTIVATED, HotspotStatus.ELIMINATED},
    HotspotStatus.REACTIVATED: {HotspotStatus.ELIMINATED},
}
TRANSITION_NOT_ALLOWED = _("Không thể chuyển từ “%(old)s” sang “%(new)s”.")
CHANGE_BEFORE_LAST = _("Ngày thay đổi không được trước lần thay đổi gần nhất (%(date)s).")
COORDINATES_INCOMPLETE = _("Phải nhập cả vĩ độ và kinh độ, hoặc để trống cả hai.")


@transaction.atomic
def hotspot_create(
    *,
    unit: AdministrativeUnit,
    by,
    name: str,
    on: datetime.date,
    description: str = "",
    latitude=None,
    longitude=None,
    agency=None,
) -> Hotspot:
    check_commune(unit)
    check_not_future(on, "on")
    if (latitude is None) != (longitude is None):
        raise ValidationError({"latitude": COORDINATES_INCOMPLETE})
    hotspot = Hotspot(
        unit=unit,
        name=name.strip(),
        description=description,
        latitude=latitude,
        longitude=longitude,
        status=HotspotStatus.ACTIVE,
        status_since=on,
        created_by=by,
    )
    hotspot.full_clean()
    hotspot.save()
    HotspotStatusChange.objects.create(
        hotspot=hotspot, status=HotspotStatus.ACTIVE, on=on, agency=agency, recorded_by=by
    )
    return hotspot


@transaction.atomic
def hotspot_status_change(
    *,
    hotspot: Hotspot,
    by,
    status: str,
    on: datetime.date,
    agency=None,
    note: str = "",
    version: int | None = None,
) -> HotspotStatusChange:
    if version is not None:  # None: an internal caller, not a form
        version_claim(hotspot, version)
    if status not in TRANSITIONS[HotspotStatus(hotspot.status)]:
        raise ValidationError(
            {
                "status": TRANSITION_NOT_ALLOWED
                % {"old": hotspot.get_status_display(), "new": HotspotStatus(status).label}
            }
        )
    check_not_future(on, "on")
    if on < hotspot.status_since:
        raise ValidationError(
            {"on": CHANGE_BEFORE_LAST % {"date": f"{hotspot.status_since:%d/%m/%Y}"}}
        )
    change = HotspotStatusChange.objects.create(
        hotspot=hotspot, status=status, on=on, agency=agency, note=note, recorded_by=by
    )
    hotspot.status, hotspot.status_since = status, on
    hotspot.save(update_fields=["status", "status_since", "version"])
    return change
