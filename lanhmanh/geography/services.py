"""Writes to the unit hierarchy."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lanhmanh.core.history import reaches

from .models import AdministrativeUnit, ChangeKind, UnitChange

ERR_CYCLE = "Thay đổi này tạo thành vòng lặp: đơn vị mới đã là tiền thân của đơn vị cũ."
ERR_SELF = "Đơn vị cũ và đơn vị mới phải khác nhau."


@transaction.atomic
def unit_change_create(
    *,
    predecessor: AdministrativeUnit,
    successor: AdministrativeUnit,
    kind: str = ChangeKind.MERGE,
    effective_on: datetime.date,
    partial: bool = False,
    legal_basis: str = "",
) -> UnitChange:
    """Link a unit to a successor; refuses a link that would make the history a cycle."""
    if predecessor.pk == successor.pk:
        raise ValidationError(_(ERR_SELF))
    if reaches(successor, predecessor):
        raise ValidationError(_(ERR_CYCLE))
    change, _created = UnitChange.objects.update_or_create(
        predecessor=predecessor,
        successor=successor,
        effective_on=effective_on,
        defaults={"kind": kind, "partial": partial, "legal_basis": legal_basis},
    )
    return change
