"""What a saved plan's text says beyond its numbers: the limits of its targets (a team,
an agency, 'each commune', a horizon year) and its reporting duties and standing agency.

A step after the importer's reading, on the saved rows, so that the reader itself stays
as it is: ``plan_read_regime`` is called once the plan and its targets exist. It only
fills what is empty and what the text names plainly; a person corrects the rest on the
plan's page.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.permissions import can_write
from lanhmanh.accounts.roles import Module
from lanhmanh.core.concurrency import version_claim
from lanhmanh.core.text import fold
from lanhmanh.geography.models import Level
from lanhmanh.organizations.models import Agency, InspectionTeam

# 'Đội kiểm tra liên ngành (phòng, chống tệ nạn mại dâm) tỉnh', 'Đội 178 huyện'
_TEAM = re.compile(r"\bdoi (kiem tra lien nganh|kiem tra 178|lien nganh 178|178)\b")
# 'mỗi xã', 'từng xã, phường', 'UBND các xã, thị trấn' (the section a target sits in)
_EACH = {
    Level.COMMUNE: re.compile(r"\b(moi|tung) (xa|phuong|thi tran)\b"),
    Level.DISTRICT: re.compile(r"\b(moi|tung) (huyen|quan|thi xa)\b"),
}
_EACH_ADDRESSEE = {
    Level.COMMUNE: re.compile(r"^(ubnd|uy ban nhan dan) (cac|moi) (xa|phuong)\b"),
    Level.DISTRICT: re.compile(r"^(ubnd|uy ban nhan dan) (cac|moi) (huyen|quan)\b"),
}
_BY_YEAR = re.compile(r"\b(den|toi) nam (\d{4})\b")
_LEVEL_WORDS = {
    Level.PROVINCE: ("tinh", "thanh pho"),
    Level.DISTRICT: ("huyen", "quan", "thi xa", "thanh pho"),
    Level.COMMUNE: ("xa", "phuong", "thi tran"),
}
_CHILD_LEVEL = {Level.PROVINCE: Level.DISTRICT, Level.DISTRICT: Level.COMMUNE}


def _team_of(plan, text: str) -> InspectionTeam | None:
    """The plan's unit's own team 178 when the sentence names it ('Đội kiểm tra liên
    ngành … tỉnh' in a province's plan); none when it names another level's teams."""
    match = _TEAM.search(text)
    if not match:
        return None
    after = text[match.end() :]
    own = _LEVEL_WORDS.get(plan.unit.level, ())
    others = [w for lvl, ws in _LEVEL_WORDS.items() if lvl != plan.unit.level for w in ws]
    if any(re.search(rf"\b(cac|moi|tung) {w}\b", text) for w in others):
        return None
    if own and not any(re.search(rf"\b{w}\b", after) for w in own) and "178" not in text:
        return None
    teams = list(
        InspectionTeam.objects.filter(unit=plan.unit)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__year__gte=plan.year_from))
        .order_by("pk")
    )
    return teams[0] if len(teams) == 1 else None


def _agency_names(agency: Agency, unit) -> list[str]:
    """How a sentence may name an agency: 'Công an tỉnh Thanh Hóa' or 'Công an tỉnh'."""
    name = fold(agency.name)
    short = fold(name.replace(fold(unit.name), ""))
    return [n for n in {name, short, fold(agency.short_name)} if len(n) > 4]


def _agency_of(plan, text: str) -> Agency | None:
    """The agency the sentence is about: the one it opens with ('Công an tỉnh phát hiện
    …', 'Chỉ đạo Công an tỉnh …'), never a partner it cooperates with."""
    opening = re.sub(r"^(chi dao|giao|de nghi) ", "", text)
    found = [
        a
        for a in Agency.objects.filter(unit=plan.unit)
        if any(opening.startswith(n) for n in _agency_names(a, plan.unit))
    ]
    return found[0] if len(found) == 1 else None


def _each_level(plan, target, text: str) -> str:
    for level, pattern in _EACH.items():
        if pattern.search(text):
            return level
    addressee = fold(target.agency_name)
    for level, pattern in _EACH_ADDRESSEE.items():
        if pattern.search(addressee) and target.measure != "percent":
            return level
    return ""


def _horizon(plan, target, text: str) -> int | None:
    years = [int(m.group(2)) for m in _BY_YEAR.finditer(text)]
    year = (target.also or {}).get("year")
    if isinstance(year, int):
        years.append(year)
    later = [y for y in years if y > plan.year_to]
    return max(later) if later else None


def target_limits_read(target, plan) -> list[str]:
    """Fill ``target``'s empty limits from its sentence; the names of the fields set."""
    text = fold(target.quote or target.statement)
    changed = []
    if target.limit_team_id is None:
        team = _team_of(plan, text)
        if team is not None:
            target.limit_team = team
            changed.append("limit_team")
    if target.limit_team_id is None and target.limit_agency_id is None:
        agency = _agency_of(plan, text)
        if agency is not None:
            target.limit_agency = agency
            changed.append("limit_agency")
    if not target.each_level:
        level = _each_level(plan, target, fold(target.statement))
        if level and level != plan.unit.level and _CHILD_LEVEL.get(plan.unit.level):
            target.each_level = level
            changed.append("each_level")
    if target.horizon_year is None:
        year = _horizon(plan, target, text)
        if year is not None:
            target.horizon_year = year
            changed.append("horizon_year")
    return changed


def plan_read_regime(*, plan, draft: dict, find_agency=None) -> None:
    """Store the reporting duties and standing agency the importer read, and the limits
    its targets' sentences state."""
    fields = []
    if draft.get("reporting") and not plan.reporting_periods:
        plan.reporting_periods = list(draft["reporting"])
        fields.append("reporting_periods")
    name = draft.get("standing_agency") or ""
    if name and not plan.standing_agency_name:
        plan.standing_agency_name = name
        fields.append("standing_agency_name")
        agency = find_agency(name) if find_agency else None
        if agency is not None:
            plan.standing_agency = agency
            fields.append("standing_agency")
    if fields:
        plan.save(update_fields=fields)
    for target in plan.targets.all():
        changed = target_limits_read(target, plan)
        if changed:
            target.save(update_fields=changed)


# Correcting the limits by hand (the screen of a target's limits)

LIMIT_FIELDS = ("limit_team", "limit_agency", "limit_level", "each_level", "horizon_year")
NOT_ALLOWED = _("Bạn không có quyền sửa chỉ tiêu của kế hoạch này.")
TEAM_NOT_OF_UNIT = _("Đội kiểm tra phải là của đơn vị ban hành kế hoạch hoặc đơn vị cấp dưới.")
AGENCY_NOT_OF_UNIT = _("Cơ quan phải là của đơn vị ban hành kế hoạch hoặc đơn vị cấp dưới.")
EACH_NOT_BELOW = _("Chỉ áp dụng cho từng đơn vị của một cấp dưới đơn vị ban hành.")
_LEVEL_RANK = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}


@transaction.atomic
def target_limits_update(*, target, user, version: int | None = None, **limits):
    """Set what ``target`` counts (``LIMIT_FIELDS``); the plan's writers only. ``version``:
    the one the edit form was made from (None: an internal caller)."""
    plan = target.plan
    if not can_write(user, Module.PLANS, plan.unit):
        raise PermissionDenied(NOT_ALLOWED)
    if version is not None:
        version_claim(target, version)
    unknown = set(limits) - set(LIMIT_FIELDS)
    if unknown:
        raise TypeError(f"not a limit: {', '.join(sorted(unknown))}")
    for name, value in limits.items():
        blank = "" if name in ("limit_level", "each_level") else None
        setattr(target, name, value or blank)
    errors = {}
    under = plan.unit.path
    if target.limit_team and not target.limit_team.unit.path.startswith(under):
        errors["limit_team"] = TEAM_NOT_OF_UNIT
    if target.limit_agency and not target.limit_agency.unit.path.startswith(under):
        errors["limit_agency"] = AGENCY_NOT_OF_UNIT
    if target.each_level and _LEVEL_RANK[target.each_level] <= _LEVEL_RANK[plan.unit.level]:
        errors["each_level"] = EACH_NOT_BELOW
    if errors:
        raise ValidationError(errors)
    target.full_clean(exclude=["plan"])
    target.save(update_fields=[*LIMIT_FIELDS, "version"])
    return target
