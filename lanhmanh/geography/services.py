"""Writes to the unit hierarchy."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import AdministrativeUnit, ChangeKind, UnitChange

ERR_CYCLE = "Thay đổi này tạo thành vòng lặp: đơn vị mới đã là tiền thân của đơn vị cũ."
ERR_SELF = "Đơn vị cũ và đơn vị mới phải khác nhau."


def _reaches(start: AdministrativeUnit, target: AdministrativeUnit) -> bool:
    """Is ``target`` a successor (directly or later) of ``start``?"""
    seen = {start.pk}
    frontier = {start.pk}
    while frontier:
        nxt = set(
            UnitChange.objects.filter(predecessor_id__in=frontier).values_list(
                "successor_id", flat=True
            )
        )
        if target.pk in nxt:
            return True
        frontier = nxt - seen
        seen |= nxt
    return False


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
    if _reaches(successor, predecessor):
        raise ValidationError(_(ERR_CYCLE))
    change, _created = UnitChange.objects.update_or_create(
        predecessor=predecessor,
        successor=successor,
        effective_on=effective_on,
        defaults={"kind": kind, "partial": partial, "legal_basis": legal_basis},
    )
    return change
