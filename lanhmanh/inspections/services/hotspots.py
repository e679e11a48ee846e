"""Hotspots, their status history and patrol visits."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.concurrency import version_claim
from lanhmanh.geography.models import AdministrativeUnit

from ..models import Hotspot, HotspotPatrol, HotspotStatus, HotspotStatusChange
from .common import check_commune, check_not_future

# Which status may follow which: a hotspot is broken up, watched, and may come back.
TRANSITIONS = {
    # A suspected point ('điểm nghi') is confirmed (active) or dismissed after
    # verification; a dismissed one may be suspected again.
    HotspotStatus.SUSPECTED: {HotspotStatus.ACTIVE, HotspotStatus.DISMISSED},
    HotspotStatus.DISMISSED: {HotspotStatus.SUSPECTED},
    HotspotStatus.ACTIVE: {HotspotStatus.ELIMINATED},
    HotspotStatus.ELIMINATED: {HotspotStatus.WATCH, HotspotStatus.REACTIVATED},
    HotspotStatus.WATCH: {HotspotStatus.REACTIVATED, HotspotStatus.ELIMINATED},
    HotspotStatus.REACTIVATED: {HotspotStatus.ELIMINATED},
}
TRANSITION_NOT_ALLOWED = _("Không thể chuyển từ “%(old)s” sang “%(new)s”.")
CHANGE_BEFORE_LAST = _("Ngày thay đổi không được trước lần thay đổi gần nhất (%(date)s).")
COORDINATES_INCOMPLETE = _("Phải nhập cả vĩ độ và kinh độ, hoặc để trống cả hai.")
PATROL_BEFORE_RECORDED = _("Ngày tuần tra không được trước ngày ghi nhận tụ điểm (%(date)s).")
PATROL_AGENCY_REQUIRED = _("Phải chọn cơ quan tuần tra.")


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
    suspected: bool = False,
    communes=(),
) -> Hotspot:
    """A hotspot found on ``on`` at ``unit``, active at once or only suspected, spanning
    the other ``communes`` given."""
    check_commune(unit)
    others = [c for c in communes if c.pk != unit.pk]
    for commune in others:
        check_commune(commune, "communes")
    check_not_future(on, "on")
    if (latitude is None) != (longitude is None):
        raise ValidationError({"latitude": COORDINATES_INCOMPLETE})
    status = HotspotStatus.SUSPECTED if suspected else HotspotStatus.ACTIVE
    hotspot = Hotspot(
        unit=unit,
        name=name.strip(),
        description=description,
        latitude=latitude,
        longitude=longitude,
        status=status,
        status_since=on,
        created_by=by,
    )
    hotspot.full_clean()
    hotspot.save()
    hotspot.communes.set(others)
    HotspotStatusChange.objects.create(
        hotspot=hotspot, status=status, on=on, agency=agency, recorded_by=by
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


@transaction.atomic
def hotspot_patrol_log(
    *,
    hotspot: Hotspot,
    by,
    on: datetime.date,
    agency,
    observed: str,
    activity_seen: bool = False,
) -> HotspotPatrol:
    """A patrol's visit: it goes into the hotspot's history beside its status changes."""
    if agency is None:
        raise ValidationError({"agency": PATROL_AGENCY_REQUIRED})
    check_not_future(on, "on")
    first = hotspot.changes.order_by("on").values_list("on", flat=True).first()
    if first and on < first:
        raise ValidationError({"on": PATROL_BEFORE_RECORDED % {"date": f"{first:%d/%m/%Y}"}})
    patrol = HotspotPatrol(
        hotspot=hotspot,
        on=on,
        agency=agency,
        observed=observed.strip(),
        activity_seen=activity_seen,
        recorded_by=by,
    )
    patrol.full_clean()
    patrol.save()
    return patrol
