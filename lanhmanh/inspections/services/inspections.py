"""Inspection plans, inspections with checklist, violations and sanctions, follow-ups."""

import datetime
from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.organizations.models import InspectionTeam, TeamMember

from ..models import (
    ChecklistItem,
    ChecklistVersion,
    Establishment,
    Inspection,
    InspectionCheck,
    InspectionKind,
    InspectionPlan,
    Offender,
    Sanction,
    Violation,
    ViolationType,
)
from .common import PAST_UNIT_DATE, existed_on, vnd

MIN_MEMBERS = 3  # Decree 178/2004: at least three members present, showing their cards

INSPECTION_IN_FUTURE = _("Thời gian kiểm tra không được sau thời điểm hiện tại.")
FEW_MEMBERS = _(
    "Theo quy định, mỗi lần kiểm tra phải có ít nhất 3 thành viên của đội có mặt. "
    "Nếu thực tế có mặt ít hơn, hãy đánh dấu xác nhận để vẫn lưu."
)
MEMBER_NOT_IN_TEAM = _("Thành viên có mặt phải thuộc đội kiểm tra đã chọn.")
TEAM_OUTSIDE = _("Cơ sở không thuộc địa bàn của đội kiểm tra này.")
TRIGGER_REQUIRED = _("Kiểm tra đột xuất phải ghi rõ lý do (tin báo, yêu cầu…).")
PLAN_MISMATCH = _("Kế hoạch kiểm tra phải là của cùng đội và có cơ sở này.")
FOLLOW_UP_MISMATCH = _("Lần kiểm tra lại phải cùng cơ sở và sau lần kiểm tra đầu.")
FOLLOW_UP_WITHOUT_FIRST = _("Lần kiểm tra lại phải gắn với lần kiểm tra đầu.")
FOLLOW_UP_DUE_BEFORE = _("Hạn kiểm tra lại phải sau ngày kiểm tra.")
FINE_REQUIRED = _("Hình thức phạt tiền phải ghi số tiền phạt.")
FINE_OUT_OF_RANGE = _(
    "Số tiền phạt phải trong khung từ %(min)s đến %(max)s đồng (%(article)s, Nghị định %(decree)s)."
)
FINE_WITHOUT_FINE_SANCTION = _("Chỉ ghi số tiền khi hình thức xử lý là phạt tiền.")
WARNING_NOT_ALLOWED = _("Hành vi này không áp dụng hình thức phạt cảnh cáo.")
REFERRAL_TARGET_REQUIRED = _("Phải ghi cơ quan được chuyển hồ sơ.")
VIOLATION_NOT_IN_FORCE = _("Quy định về hành vi này không có hiệu lực vào ngày kiểm tra.")
VIOLATION_OF_A_PERSON = _(
    "Hành vi này do cá nhân thực hiện (mua dâm, bán dâm…): ghi thành quyết định xử phạt của "
    "người vi phạm trong sổ xử lý vi phạm, không ghi cho cơ sở."
)
PLAN_DATES_REVERSED = _("Ngày kết thúc phải sau ngày bắt đầu.")
PLAN_ESTABLISHMENT_OUTSIDE = _("Các cơ sở trong kế hoạch phải thuộc địa bàn của đội.")
APPROVAL_INCOMPLETE = _("Phải ghi người phê duyệt và ngày phê duyệt.")


def team_covers(team: InspectionTeam, establishment: Establishment) -> bool:
    """The establishment lies in the team's area: under its unit, or under a unit that
    turned into it (today's province team inspected in a 2004-code commune)."""
    path = establishment.unit.path
    if path.startswith(team.unit.path):
        return True
    from lanhmanh.indicators.values import rollup_paths

    return any(path.startswith(p) for p in rollup_paths([team.unit.path])[team.unit.path])


def _check_units_then(establishment, team, day: datetime.date) -> None:
    """A record dated before a unit ended may be entered on it; not after."""
    if not existed_on(establishment.unit, day) and not establishment.unit.is_current:
        raise ValidationError({"started_at": PAST_UNIT_DATE})
    if team.unit.valid_to and day > team.unit.valid_to:
        raise ValidationError({"team": PAST_UNIT_DATE})


@transaction.atomic
def inspection_plan_create(
    *,
    team: InspectionTeam,
    by,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    establishments: Iterable[Establishment] = (),
    number: str = "",
) -> InspectionPlan:
    if period_end < period_start:
        raise ValidationError({"period_end": PLAN_DATES_REVERSED})
    establishments = list(establishments)
    if any(not team_covers(team, e) for e in establishments):
        raise ValidationError({"establishments": PLAN_ESTABLISHMENT_OUTSIDE})
    plan = InspectionPlan(
        team=team,
        title=title.strip(),
        number=number,
        period_start=period_start,
        period_end=period_end,
        created_by=by,
    )
    plan.full_clean()
    plan.save()
    plan.establishments.set(establishments)
    return plan


def inspection_plan_approve(
    *, plan: InspectionPlan, approved_by: str, approved_on: datetime.date
) -> InspectionPlan:
    """Record the committee chair's approval."""
    if not approved_by.strip() or not approved_on:
        raise ValidationError(APPROVAL_INCOMPLETE)
    if approved_on > timezone.localdate():
        raise ValidationError({"approved_on": _("Ngày không được sau ngày hôm nay.")})
    plan.approved_by, plan.approved_on = approved_by.strip(), approved_on
    plan.save(update_fields=["approved_by", "approved_on"])
    return plan


def violation_errors(
    *,
    violation_type: ViolationType,
    sanction: str,
    fine_vnd: int | None,
    referred_to: str = "",
    on: datetime.date | None = None,
) -> dict[str, str]:
    """What is wrong with one violation's sanction, by field (empty when right). Shared
    by the form, to show the error beside the row, and by ``inspection_record``."""
    errors: dict[str, str] = {}
    vt = violation_type
    if on and ((vt.valid_from and on < vt.valid_from) or (vt.valid_to and on > vt.valid_to)):
        errors["violation_type"] = str(VIOLATION_NOT_IN_FORCE)
    elif vt.offender == Offender.PERSON:
        errors["violation_type"] = str(VIOLATION_OF_A_PERSON)
    if sanction == Sanction.FINE:
        if fine_vnd is None:
            errors["fine_vnd"] = str(FINE_REQUIRED)
        elif not vt.fine_min <= fine_vnd <= vt.fine_max:
            errors["fine_vnd"] = str(FINE_OUT_OF_RANGE) % {
                "min": vnd(vt.fine_min),
                "max": vnd(vt.fine_max),
                "article": vt.article,
                "decree": vt.decree,
            }
    elif fine_vnd:
        errors["fine_vnd"] = str(FINE_WITHOUT_FINE_SANCTION)
    if sanction == Sanction.WARNING and not vt.warning_allowed:
        errors["sanction"] = str(WARNING_NOT_ALLOWED)
    if sanction == Sanction.REFERRAL and not referred_to.strip():
        errors["referred_to"] = str(REFERRAL_TARGET_REQUIRED)
    return errors


def _check_members(team, members, few_members_confirmed) -> None:
    if any(m.team_id != team.pk for m in members):
        raise ValidationError({"members_present": MEMBER_NOT_IN_TEAM})
    if len(members) < MIN_MEMBERS and not few_members_confirmed:
        raise ValidationError({"members_present": FEW_MEMBERS})


def _check_context(*, establishment, team, kind, trigger, plan, follow_up_of, started_at):
    if not team_covers(team, establishment):
        raise ValidationError({"team": TEAM_OUTSIDE})
    if kind == InspectionKind.UNANNOUNCED and not trigger:
        raise ValidationError({"trigger": TRIGGER_REQUIRED})
    if plan is not None and (
        plan.team_id != team.pk or not plan.establishments.filter(pk=establishment.pk).exists()
    ):
        raise ValidationError({"plan": PLAN_MISMATCH})
    if kind == InspectionKind.FOLLOW_UP and follow_up_of is None:
        raise ValidationError({"kind": FOLLOW_UP_WITHOUT_FIRST})
    if follow_up_of is not None and (
        follow_up_of.establishment_id != establishment.pk or follow_up_of.started_at >= started_at
    ):
        raise ValidationError({"follow_up_of": FOLLOW_UP_MISMATCH})


@transaction.atomic
def inspection_record(
    *,
    establishment: Establishment,
    team: InspectionTeam,
    by,
    started_at: datetime.datetime,
    members_present: Sequence[TeamMember],
    kind: str = InspectionKind.PLANNED,
    plan: InspectionPlan | None = None,
    trigger: str = "",
    trigger_note: str = "",
    follow_up_of: Inspection | None = None,
    few_members_confirmed: bool = False,
    checks: Mapping[ChecklistItem, str] | None = None,
    findings: str = "",
    record_number: str = "",
    remedial_measures: str = "",
    follow_up_due: datetime.date | None = None,
    violations: Sequence[Mapping] = (),
) -> Inspection:
    """Record an inspection with its checklist results and violations.

    ``violations`` are mappings with ``violation_type``, ``sanction`` and optionally
    ``fine_vnd``, ``decision_number``, ``referred_to``, ``note``.
    """
    if started_at > timezone.now():
        raise ValidationError({"started_at": INSPECTION_IN_FUTURE})
    if follow_up_of is not None:
        kind = InspectionKind.FOLLOW_UP
    _check_context(
        establishment=establishment,
        team=team,
        kind=kind,
        trigger=trigger,
        plan=plan,
        follow_up_of=follow_up_of,
        started_at=started_at,
    )
    members_present = list(members_present)
    _check_members(team, members_present, few_members_confirmed)
    day = timezone.localtime(started_at).date()
    _check_units_then(establishment, team, day)
    if follow_up_due and follow_up_due <= day:
        raise ValidationError({"follow_up_due": FOLLOW_UP_DUE_BEFORE})
    for row in violations:
        errors = violation_errors(
            violation_type=row["violation_type"],
            sanction=row["sanction"],
            fine_vnd=row.get("fine_vnd"),
            referred_to=row.get("referred_to", ""),
            on=day,
        )
        if errors:
            raise ValidationError({"violations": list(errors.values())})
    checks = dict(checks or {})
    version = (
        next(iter(checks)).version
        if checks
        else ChecklistVersion.objects.filter(is_active=True).first()
    )

    inspection = Inspection.objects.create(
        establishment=establishment,
        team=team,
        kind=kind,
        plan=plan,
        trigger=trigger if kind == InspectionKind.UNANNOUNCED else "",
        trigger_note=trigger_note,
        follow_up_of=follow_up_of,
        started_at=started_at,
        few_members_confirmed=len(members_present) < MIN_MEMBERS,
        checklist_version=version,
        findings=findings,
        record_number=record_number,
        remedial_measures=remedial_measures,
        follow_up_due=follow_up_due,
        created_by=by,
    )
    inspection.members_present.set(members_present)
    InspectionCheck.objects.bulk_create(
        InspectionCheck(inspection=inspection, item=item, result=result)
        for item, result in checks.items()
    )
    for row in violations:
        Violation.objects.create(
            inspection=inspection,
            violation_type=row["violation_type"],
            sanction=row["sanction"],
            fine_vnd=row.get("fine_vnd") if row["sanction"] == Sanction.FINE else None,
            decision_number=row.get("decision_number", ""),
            referred_to=row.get("referred_to", ""),
            note=row.get("note", ""),
        )
    return inspection
