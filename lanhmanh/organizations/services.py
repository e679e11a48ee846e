"""Writes for agencies, standing agencies and inspection teams."""

import datetime

from django.db import transaction
from django.db.models import Q

from lanhmanh.geography.models import AdministrativeUnit

from .models import Agency, AgencyTemplate, StandingAgency


def unit_label(unit: AdministrativeUnit) -> str:
    """'tỉnh Thanh Hóa', 'huyện Tân Châu': how agency names refer to their unit."""
    return f"{unit.get_kind_display().lower()} {unit.name}"


@transaction.atomic
def agencies_create_usual(*, unit: AdministrativeUnit, on: datetime.date | None = None):
    """Create the usual agencies of the unit's level (those valid on ``on``, or during the
    unit's life), skipping any that exist. Names the standing agency if none is named.
    Returns the agencies created."""
    day = on or unit.valid_to or unit.valid_from or datetime.date.today()  # noqa: DTZ011
    templates = (
        AgencyTemplate.objects.filter(level=unit.level)
        .filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )
        .select_related("sector")
    )
    created = []
    standing = None
    for template in templates:
        agency, was_created = Agency.objects.get_or_create(
            unit=unit,
            name=template.name.format(unit=unit_label(unit)),
            defaults={"sector": template.sector},
        )
        if was_created:
            created.append(agency)
        if template.is_standing:
            standing = agency
    if standing and not unit.standing_agencies.exists():
        StandingAgency.objects.create(
            unit=unit,
            agency=standing,
            valid_from=unit.valid_from or datetime.date(2000, 1, 1),
            valid_to=unit.valid_to,
        )
    return created
