"""The register: establishments, their status history and commitments."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.concurrency import version_claim
from lanhmanh.geography.models import AdministrativeUnit

from ..models import (
    BusinessType,
    Commitment,
    Establishment,
    EstablishmentStatus,
    EstablishmentStatusChange,
    RiskLevel,
)
from ..models.establishments import licence_key, name_address_key
from .common import check_commune, check_not_future

DUPLICATE_NAME_ADDRESS = _("Đã có cơ sở cùng tên và địa chỉ: %(name)s (%(unit)s).")
DUPLICATE_LICENCE = _("Đã có cơ sở với số giấy phép này: %(name)s (%(unit)s).")
STATUS_UNCHANGED = _("Cơ sở đang ở tình trạng này.")
STATUS_BEFORE_LAST = _("Ngày thay đổi không được trước lần thay đổi gần nhất (%(date)s).")
COMMITMENT_DATES_REVERSED = _("Ngày hết hiệu lực phải sau ngày ký.")

EDITABLE = (
    "business_type",
    "name",
    "address",
    "licence_number",
    "licence_date",
    "owner_name",
    "phone",
    "risk_level",
    "notes",
)


def province_prefix(path: str) -> str:
    """'2025/38/16372/' → '2025/38/': licence numbers are unique within a province."""
    return "/".join(path.split("/")[:2]) + "/"


def duplicate_of(establishment: Establishment) -> Establishment | None:
    """Another establishment with the same normalised name and address in the same
    commune, or the same licence number in the same province."""
    establishment.fill_keys()
    others = Establishment.objects.exclude(pk=establishment.pk).select_related("unit")
    same = others.filter(
        unit=establishment.unit_id, duplicate_key=establishment.duplicate_key
    ).first()
    if same is None and establishment.licence_key:
        same = (
            others.within(province_prefix(establishment.unit.path))
            .filter(licence_key=establishment.licence_key)
            .first()
        )
    return same


def _check_duplicate(establishment: Establishment) -> None:
    same = duplicate_of(establishment)
    if same is None:
        return
    params = {"name": same.name, "unit": same.unit}
    if same.duplicate_key == establishment.duplicate_key:
        raise ValidationError({"name": DUPLICATE_NAME_ADDRESS % params})
    raise ValidationError({"licence_number": DUPLICATE_LICENCE % params})


@transaction.atomic
def establishment_create(
    *,
    unit: AdministrativeUnit,
    by,
    business_type: BusinessType,
    name: str,
    address: str,
    licence_number: str = "",
    licence_date: datetime.date | None = None,
    owner_name: str = "",
    phone: str = "",
    status: str = EstablishmentStatus.OPERATING,
    status_since: datetime.date | None = None,
    risk_level: str = RiskLevel.MEDIUM,
    notes: str = "",
) -> Establishment:
    check_commune(unit, on=None if unit.is_current else (status_since or licence_date))
    check_not_future(licence_date, "licence_date")
    check_not_future(status_since, "status_since")
    establishment = Establishment(
        unit=unit,
        business_type=business_type,
        name=name,
        address=address,
        licence_number=licence_number,
        licence_date=licence_date,
        owner_name=owner_name,
        phone=phone,
        status=status,
        status_since=status_since or licence_date or timezone.localdate(),
        risk_level=risk_level,
        notes=notes,
        created_by=by,
    )
    establishment.full_clean(exclude=["search_key", "duplicate_key", "licence_key"])
    _check_duplicate(establishment)
    establishment.save()
    EstablishmentStatusChange.objects.create(
        establishment=establishment,
        status=establishment.status,
        since=establishment.status_since,
        recorded_by=by,
    )
    return establishment


@transaction.atomic
def establishment_update(
    *, establishment: Establishment, by, version: int | None = None, **fields
) -> Establishment:
    """Change the details of an establishment; the status has its own service. Refuses a
    form made from an older ``version`` (``StaleVersion``)."""
    if version is not None:  # None: an internal caller, not an edit form
        version_claim(establishment, version)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Not editable here: {sorted(unknown)}")
    check_not_future(fields.get("licence_date"), "licence_date")
    for name, value in fields.items():
        setattr(establishment, name, value)
    establishment.full_clean(exclude=["search_key", "duplicate_key", "licence_key"])
    _check_duplicate(establishment)
    establishment.save()
    return establishment


@transaction.atomic
def establishment_status_change(
    *, establishment: Establishment, by, status: str, since: datetime.date, note: str = ""
) -> EstablishmentStatusChange:
    if status == establishment.status:
        raise ValidationError({"status": STATUS_UNCHANGED})
    check_not_future(since, "since")
    if since < establishment.status_since:
        raise ValidationError(
            {"since": STATUS_BEFORE_LAST % {"date": f"{establishment.status_since:%d/%m/%Y}"}}
        )
    change = EstablishmentStatusChange.objects.create(
        establishment=establishment, status=status, since=since, note=note, recorded_by=by
    )
    establishment.status, establishment.status_since = status, since
    establishment.save(update_fields=["status", "status_since", "updated_at"])
    return change


def commitment_add(
    *,
    establishment: Establishment,
    signed_on: datetime.date,
    signed_by: str,
    document_number: str = "",
    document=None,
    valid_until: datetime.date | None = None,
) -> Commitment:
    check_not_future(signed_on, "signed_on")
    if valid_until and valid_until <= signed_on:
        raise ValidationError({"valid_until": COMMITMENT_DATES_REVERSED})
    commitment = Commitment(
        establishment=establishment,
        signed_on=signed_on,
        signed_by=signed_by.strip(),
        document_number=document_number,
        valid_until=valid_until,
    )
    if document:
        commitment.document = document
    commitment.full_clean()
    commitment.save()
    return commitment


__all__ = [
    "DUPLICATE_LICENCE",
    "DUPLICATE_NAME_ADDRESS",
    "commitment_add",
    "duplicate_of",
    "establishment_create",
    "establishment_status_change",
    "establishment_update",
    "licence_key",
    "name_address_key",
]
