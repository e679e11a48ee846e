"""Writes for agencies, standing agencies and inspection teams."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.concurrency import version_claim
from lanhmanh.core.text import nfc
from lanhmanh.geography.models import AdministrativeUnit

from .models import (
    Agency,
    AgencyTemplate,
    InspectionTeam,
    Sector,
    StandingAgency,
    TeamMember,
    TeamRole,
)

AGENCY_NAME_TAKEN = _("Đơn vị này đã có cơ quan cùng tên.")
STANDING_AGENCY_OUTSIDE_UNIT = _("Cơ quan thường trực phải là cơ quan của chính đơn vị này.")
STANDING_AGENCY_ALREADY = _("Cơ quan này đang là cơ quan thường trực của đơn vị.")
STANDING_AGENCY_TOO_EARLY = _(
    "Ngày bắt đầu phải sau ngày bắt đầu của cơ quan thường trực hiện tại ({date})."
)
TEAM_DATES_REVERSED = _("Ngày giải thể phải sau ngày thành lập.")
MEMBER_AGENCY_OUTSIDE_TEAM = _("Cơ quan cử phải thuộc đơn vị của đội hoặc đơn vị trực thuộc.")
TEAM_HAS_LEADER = _("Đội đã có đội trưởng.")


def unit_label(unit: AdministrativeUnit) -> str:
    """'tỉnh Thanh Hóa', 'huyện Tân Châu': how agency names refer to their unit."""
    return f"{unit.get_kind_display().lower()} {unit.name}"


def _usual_day(unit: AdministrativeUnit, on: datetime.date | None) -> datetime.date:
    return on or unit.valid_to or unit.valid_from or timezone.localdate()


def _usual_templates(unit: AdministrativeUnit, day: datetime.date):
    return (
        AgencyTemplate.objects.filter(level=unit.level)
        .filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )
        .select_related("sector")
    )


@dataclass(frozen=True)
class UsualAgency:
    name: str
    sector: Sector
    is_standing: bool
    exists: bool


def agencies_usual_preview(
    *, unit: AdministrativeUnit, on: datetime.date | None = None
) -> list[UsualAgency]:
    """What ``agencies_create_usual`` would do, for the confirmation page."""
    existing = set(Agency.objects.filter(unit=unit).values_list("name", flat=True))
    rows = []
    for template in _usual_templates(unit, _usual_day(unit, on)):
        name = nfc(template.name.format(unit=unit_label(unit))).strip()
        rows.append(UsualAgency(name, template.sector, template.is_standing, name in existing))
    return rows


@transaction.atomic
def agencies_create_usual(*, unit: AdministrativeUnit, on: datetime.date | None = None):
    """Create the usual agencies of the unit's level (those valid on ``on``, or during the
    unit's life), skipping any that exist. Names the standing agency if none is named.
    Returns the agencies created."""
    created = []
    for template in _usual_templates(unit, _usual_day(unit, on)):
        agency, was_created = _usual_agency(unit, template)
        if was_created:
            created.append(agency)
    if not unit.standing_agencies.exists():
        for template, start, end in _standing_over_life(unit):
            agency, was_created = _usual_agency(unit, template)
            if was_created:
                created.append(agency)
            StandingAgency.objects.create(unit=unit, agency=agency, valid_from=start, valid_to=end)
    return created


def _usual_agency(unit: AdministrativeUnit, template: AgencyTemplate):
    return Agency.objects.get_or_create(
        unit=unit,
        name=nfc(template.name.format(unit=unit_label(unit))).strip(),
        defaults={"sector": template.sector},
    )


_LONG_AGO = datetime.date(2000, 1, 1)


def _standing_over_life(unit: AdministrativeUnit):
    """(template, from, to) of each standing agency over the unit's life, dated by the
    templates: a province that lived until 30 June 2025 had its labour department until
    28 February 2025 and its health department from 1 March (Decree 45/2025/NĐ-CP)."""
    born, ended = unit.valid_from or _LONG_AGO, unit.valid_to
    found = []
    for template in AgencyTemplate.objects.filter(level=unit.level, is_standing=True):
        start = max(born, template.valid_from or _LONG_AGO)
        ends = [d for d in (ended, template.valid_to) if d]
        end = min(ends) if ends else None
        if end is None or start <= end:
            found.append((template, start, end))
    return sorted(found, key=lambda row: row[1])


def _check_agency_name(agency: Agency) -> None:
    name = nfc(agency.name).strip()
    clash = Agency.objects.filter(unit_id=agency.unit_id, name=name).exclude(pk=agency.pk)
    if clash.exists():
        raise ValidationError({"name": AGENCY_NAME_TAKEN})


@transaction.atomic
def agency_create(
    *,
    unit: AdministrativeUnit,
    sector: Sector,
    name: str,
    short_name: str = "",
    is_active: bool = True,
) -> Agency:
    agency = Agency(
        unit=unit,
        sector=sector,
        name=nfc(name).strip(),
        short_name=nfc(short_name).strip(),
        is_active=is_active,
    )
    _check_agency_name(agency)
    agency.full_clean(exclude=["search_key"])
    agency.save()
    return agency


@transaction.atomic
def agency_update(
    *,
    agency: Agency,
    sector: Sector,
    name: str,
    short_name: str = "",
    is_active: bool = True,
    version: int | None = None,
) -> Agency:
    if version is not None:  # None: an internal caller, not an edit form
        version_claim(agency, version)
    agency.sector = sector
    agency.name = nfc(name).strip()
    agency.short_name = nfc(short_name).strip()
    agency.is_active = is_active
    _check_agency_name(agency)
    agency.full_clean(exclude=["search_key"])
    agency.save()
    return agency


@transaction.atomic
def standing_agency_assign(
    *, unit: AdministrativeUnit, agency: Agency, valid_from: datetime.date
) -> StandingAgency:
    """Name the standing agency of a unit from ``valid_from``; the one before it ends the
    day before. Dated, because the role moves between agencies (Decree 42/2025/NĐ-CP)."""
    if agency.unit_id != unit.pk:
        raise ValidationError({"agency": STANDING_AGENCY_OUTSIDE_UNIT})
    current = (
        StandingAgency.objects.select_for_update()
        .filter(unit=unit)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
        .order_by("-valid_from")
    )
    for previous in current:
        if previous.agency_id == agency.pk:
            raise ValidationError({"agency": STANDING_AGENCY_ALREADY})
        if previous.valid_from >= valid_from:
            date = date_format(previous.valid_from, "d/m/Y")
            raise ValidationError({"valid_from": STANDING_AGENCY_TOO_EARLY.format(date=date)})
    for previous in current:
        previous.valid_to = valid_from - datetime.timedelta(days=1)
        previous.full_clean()
        previous.save(update_fields=["valid_to"])
    standing = StandingAgency(
        unit=unit, agency=agency, valid_from=valid_from, valid_to=unit.valid_to
    )
    standing.full_clean()
    standing.save()
    return standing


def _check_team_dates(team: InspectionTeam) -> None:
    if team.established_on and team.dissolved_on and team.dissolved_on < team.established_on:
        raise ValidationError({"dissolved_on": TEAM_DATES_REVERSED})


@transaction.atomic
def team_create(
    *,
    unit: AdministrativeUnit,
    name: str,
    decision_number: str = "",
    established_on: datetime.date | None = None,
    dissolved_on: datetime.date | None = None,
) -> InspectionTeam:
    team = InspectionTeam(
        unit=unit,
        name=nfc(name).strip(),
        decision_number=decision_number.strip(),
        established_on=established_on,
        dissolved_on=dissolved_on,
    )
    _check_team_dates(team)
    team.full_clean()
    team.save()
    return team


@transaction.atomic
def team_update(
    *,
    team: InspectionTeam,
    name: str,
    decision_number: str = "",
    established_on: datetime.date | None = None,
    dissolved_on: datetime.date | None = None,
    version: int | None = None,
) -> InspectionTeam:
    if version is not None:  # None: an internal caller, not an edit form
        version_claim(team, version)
    team.name = nfc(name).strip()
    team.decision_number = decision_number.strip()
    team.established_on = established_on
    team.dissolved_on = dissolved_on
    _check_team_dates(team)
    team.full_clean()
    team.save()
    return team


@transaction.atomic
def team_member_add(
    *,
    team: InspectionTeam,
    agency: Agency,
    role: str = TeamRole.MEMBER,
    full_name: str = "",
    card_number: str = "",
) -> TeamMember:
    """Add a member sent by an agency of the team's unit or a unit under it; a team has
    at most one leader (Decree 178/2004/NĐ-CP)."""
    if not agency.unit.path.startswith(team.unit.path):
        raise ValidationError({"agency": MEMBER_AGENCY_OUTSIDE_TEAM})
    # Lock the team row so two leaders cannot be added at once.
    InspectionTeam.objects.select_for_update().filter(pk=team.pk).exists()
    if role == TeamRole.LEADER and team.members.filter(role=TeamRole.LEADER).exists():
        raise ValidationError({"role": TEAM_HAS_LEADER})
    member = TeamMember(
        team=team,
        agency=agency,
        role=role,
        full_name=nfc(full_name).strip(),
        card_number=card_number.strip(),
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def team_member_remove(*, member: TeamMember) -> None:
    member.delete()
