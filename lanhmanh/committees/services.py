"""Writes of the steering committee's module. Each checks what a form cannot: that the
writer may write at the unit (through the door), that agencies, members and units belong
where they should, the dates, and that an edit was made from the version saved now
(``StaleVersion``, answered with both versions by the conflict middleware)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, can
from lanhmanh.core.concurrency import version_claim
from lanhmanh.core.uploads import clean_scan_or_photo
from lanhmanh.plans import services as plan_services

from .models import (
    Commendation,
    CommitteeMember,
    Decision,
    Meeting,
    MeetingAttachment,
    MeetingKind,
    RecipientKind,
    Recommendation,
    SupervisionVisit,
)

MODULE = Module.COMMITTEE

AGENCY_ELSEWHERE = _("Cơ quan phải là cơ quan của đơn vị có ban chỉ đạo này.")
FOLLOWS_NOT_BELOW = _("Địa bàn theo dõi phải là đơn vị trực thuộc đơn vị này.")
LEFT_BEFORE_JOINED = _("Ngày thôi tham gia không được trước ngày bắt đầu tham gia.")
ALREADY_LEFT = _("Thành viên này đã thôi tham gia ban chỉ đạo.")
IN_FUTURE = _("Ngày này không được sau ngày hôm nay.")
REVIEW_YEAR_REQUIRED = _("Hội nghị sơ kết, tổng kết cần năm được sơ kết, tổng kết.")
BAD_YEAR = _("Năm không hợp lệ.")
ATTENDEE_NOT_MEMBER = _("Người dự họp phải là thành viên ban chỉ đạo của đơn vị vào ngày họp.")
DUE_BEFORE_MEETING = _("Hạn hoàn thành không được trước ngày họp.")
ALREADY_A_TASK = _("Kết luận này đã được giao thành nhiệm vụ.")
TASK_NEEDS_LEAD = _("Cần cơ quan chủ trì để giao nhiệm vụ.")
TASK_NEEDS_DUE = _("Cần hạn hoàn thành để giao nhiệm vụ.")
PLAN_ELSEWHERE = _("Kế hoạch phải là kế hoạch của đơn vị đã họp.")
NO_PLANS_WRITE = _("Bạn không có quyền giao nhiệm vụ trong kế hoạch của đơn vị này.")
NOT_BELOW = _("Đơn vị được giám sát phải là đơn vị cấp dưới của đơn vị giám sát.")
VISITOR_NOT_MEMBER = _("Thành viên đoàn phải là thành viên ban chỉ đạo của đơn vị giám sát.")
DUE_BEFORE_VISIT = _("Hạn thực hiện kiến nghị không được trước ngày giám sát.")
NOT_THE_SUPERVISED = _("Chỉ đơn vị được giám sát trả lời kiến nghị.")
ANSWER_EMPTY = _("Nhập nội dung trả lời.")
RECIPIENT_MISSING = _("Chọn hoặc nhập đối tượng được khen thưởng.")
PERSON_NEEDS_POSITION = _("Cá nhân được khen cần họ tên và chức vụ.")
RECIPIENT_OUTSIDE = _("Đối tượng được khen phải thuộc đơn vị xét khen thưởng.")
REVIEW_ELSEWHERE = _("Hội nghị phải là hội nghị sơ kết, tổng kết của đơn vị này.")


def _require_write(by, unit) -> None:
    if not can(by, MODULE, WRITE, unit):
        raise PermissionDenied


def is_below(unit, other, *, strictly: bool = True) -> bool:
    """Is ``other`` inside ``unit``'s subtree (and not ``unit`` itself when strictly)?"""
    inside = other.path.startswith(unit.path)
    return inside and (other.pk != unit.pk or not strictly)


def _not_future(day, field: str, errors: dict) -> None:
    if day and day > timezone.localdate():
        errors.setdefault(field, []).append(IN_FUTURE)


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _apply(obj, values: dict, fields) -> None:
    for name in fields:
        if name in values:
            setattr(obj, name, values[name])


# Members

MEMBER_FIELDS = (
    "full_name",
    "position",
    "committee_role",
    "agency",
    "follows_note",
    "joined_on",
    "decision",
)


def _check_member(unit, values: dict, follows) -> None:
    errors: dict = {}
    agency = values.get("agency")
    if agency is not None and agency.unit_id != unit.pk:
        errors["agency"] = [AGENCY_ELSEWHERE]
    if any(not is_below(unit, place) for place in follows or ()):
        errors["follows"] = [FOLLOWS_NOT_BELOW]
    _not_future(values.get("joined_on"), "joined_on", errors)
    _raise(errors)


@transaction.atomic
def member_create(*, unit, by, follows=(), **values) -> CommitteeMember:
    _require_write(by, unit)
    values = {k: v for k, v in values.items() if k in MEMBER_FIELDS}
    _check_member(unit, values, follows)
    member = CommitteeMember(unit=unit, **values)
    member.full_clean()
    member.save()
    member.follows.set(follows)
    return member


@transaction.atomic
def member_update(*, member: CommitteeMember, by, version, follows=None, **values):
    _require_write(by, member.unit)
    version_claim(member, version)
    values = {k: v for k, v in values.items() if k in MEMBER_FIELDS}
    _check_member(member.unit, values, follows)
    _apply(member, values, MEMBER_FIELDS)
    if member.left_on and member.left_on < member.joined_on:
        raise ValidationError({"joined_on": LEFT_BEFORE_JOINED})
    member.full_clean()
    member.save()
    if follows is not None:
        member.follows.set(follows)
    return member


@transaction.atomic
def member_leave(*, member: CommitteeMember, by, version, left_on, left_reason="") -> None:
    """A dated change of the committee: the member leaves on ``left_on``."""
    _require_write(by, member.unit)
    version_claim(member, version)
    errors: dict = {}
    if member.left_on:
        errors["__all__"] = [ALREADY_LEFT]
    if left_on < member.joined_on:
        errors["left_on"] = [LEFT_BEFORE_JOINED]
    _not_future(left_on, "left_on", errors)
    _raise(errors)
    member.left_on = left_on
    member.left_reason = left_reason.strip()
    member.full_clean()
    member.save()


# Meetings

MEETING_FIELDS = (
    "kind",
    "held_on",
    "title",
    "place",
    "chaired_by",
    "other_attendees",
    "minutes",
    "review_year",
)
REVIEWS = (MeetingKind.MIDYEAR, MeetingKind.YEAR_END)


def _check_meeting(unit, values: dict, attendees) -> None:
    errors: dict = {}
    held_on = values.get("held_on")
    _not_future(held_on, "held_on", errors)
    year = values.get("review_year")
    if values.get("kind") in REVIEWS and not year:
        errors["review_year"] = [REVIEW_YEAR_REQUIRED]
    elif year and not 2000 <= year <= timezone.localdate().year:
        errors["review_year"] = [BAD_YEAR]
    if attendees and held_on:
        serving = set(
            CommitteeMember.objects.filter(unit=unit).on(held_on).values_list("pk", flat=True)
        )
        if any(a.pk not in serving for a in attendees):
            errors["attendees"] = [ATTENDEE_NOT_MEMBER]
    _raise(errors)


@transaction.atomic
def meeting_create(*, unit, by, attendees=(), minutes_file=None, **values) -> Meeting:
    _require_write(by, unit)
    values = {k: v for k, v in values.items() if k in MEETING_FIELDS}
    _check_meeting(unit, values, attendees)
    # The file is checked before anything is written: a refused file saves nothing.
    cleaned = clean_scan_or_photo(minutes_file) if minutes_file else None
    meeting = Meeting(unit=unit, created_by=by, **values)
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    if cleaned:
        _store(meeting, by, *cleaned)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by, version, attendees=None, **values) -> Meeting:
    _require_write(by, meeting.unit)
    version_claim(meeting, version)
    values = {k: v for k, v in values.items() if k in MEETING_FIELDS}
    merged = {f: getattr(meeting, f) for f in MEETING_FIELDS} | values
    _check_meeting(meeting.unit, merged, attendees)
    _apply(meeting, values, MEETING_FIELDS)
    meeting.full_clean()
    meeting.save()
    if attendees is not None:
        meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by) -> None:
    """A meeting goes with its decisions and files; tasks already given stay in their
    plan (the agency may have reported progress on them)."""
    _require_write(by, meeting.unit)
    for attachment in meeting.attachments.all():
        attachment.file.delete(save=False)
    meeting.delete()


def attachment_add(*, meeting: Meeting, by, upload) -> MeetingAttachment:
    _require_write(by, meeting.unit)
    content, content_type = clean_scan_or_photo(upload)
    return _store(meeting, by, content, content_type)


def _store(meeting, by, content, content_type) -> MeetingAttachment:
    attachment = MeetingAttachment(
        meeting=meeting, content_type=content_type, size=content.size, uploaded_by=by
    )
    attachment.file.save(content.name, content, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def decision_add(*, meeting: Meeting, by, text: str, lead=None, due_date=None) -> Decision:
    _require_write(by, meeting.unit)
    errors: dict = {}
    if lead is not None and lead.unit_id != meeting.unit_id:
        errors["lead"] = [AGENCY_ELSEWHERE]
    if due_date and due_date < meeting.held_on:
        errors["due_date"] = [DUE_BEFORE_MEETING]
    _raise(errors)
    decision = Decision(meeting=meeting, text=text.strip(), lead=lead, due_date=due_date)
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def decision_to_task(*, decision: Decision, by, plan):
    """Give the decision as a task of one of the meeting unit's plans, led by its lead
    agency by its due date: the agency then sees it in 'my tasks' and reports progress
    there."""
    meeting = decision.meeting
    _require_write(by, meeting.unit)
    if not can(by, Module.PLANS, WRITE, meeting.unit):
        raise PermissionDenied(NO_PLANS_WRITE)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    errors: dict = {}
    if decision.task_id:
        errors["__all__"] = [ALREADY_A_TASK]
    if decision.lead is None:
        errors["lead"] = [TASK_NEEDS_LEAD]
    if decision.due_date is None:
        errors["due_date"] = [TASK_NEEDS_DUE]
    if plan.unit_id != meeting.unit_id:
        errors["plan"] = [PLAN_ELSEWHERE]
    _raise(errors)
    section = str(_("Kết luận %(meeting)s ngày %(day)s")) % {
        "meeting": meeting.get_kind_display().lower(),
        "day": f"{meeting.held_on:%d/%m/%Y}",
    }
    task = plan_services.task_create(
        plan=plan,
        text=decision.text,
        lead=decision.lead,
        due_date=decision.due_date,
        section=section[:255],
    )
    decision.task = task
    decision.save(update_fields=["task"])
    return task


# Supervision


def _check_visit(unit, supervised, values: dict, members) -> None:
    errors: dict = {}
    if supervised is not None and not is_below(unit, supervised):
        errors["supervised_unit"] = [NOT_BELOW]
    _not_future(values.get("visited_on"), "visited_on", errors)
    if members and any(m.unit_id != unit.pk for m in members):
        errors["members"] = [VISITOR_NOT_MEMBER]
    _raise(errors)


@transaction.atomic
def visit_create(
    *,
    unit,
    supervised_unit,
    by,
    visited_on: datetime.date,
    findings: str,
    members=(),
    other_members: str = "",
    recommendations=(),
) -> SupervisionVisit:
    """Record a visit with its recommendations, (text, due date) pairs, all or none."""
    _require_write(by, unit)
    _check_visit(unit, supervised_unit, {"visited_on": visited_on}, members)
    visit = SupervisionVisit(
        unit=unit,
        supervised_unit=supervised_unit,
        visited_on=visited_on,
        findings=findings.strip(),
        other_members=other_members.strip(),
        created_by=by,
    )
    visit.full_clean()
    visit.save()
    visit.members.set(members)
    for text, due_date in recommendations:
        recommendation_add(visit=visit, by=by, text=text, due_date=due_date)
    return visit


@transaction.atomic
def visit_update(*, visit: SupervisionVisit, by, version, members=None, **values):
    _require_write(by, visit.unit)
    version_claim(visit, version)
    fields = ("visited_on", "findings", "other_members")
    _check_visit(visit.unit, None, values, members)
    _apply(visit, values, fields)
    visit.full_clean()
    visit.save()
    if members is not None:
        visit.members.set(members)
    return visit


@transaction.atomic
def recommendation_add(*, visit: SupervisionVisit, by, text: str, due_date) -> Recommendation:
    _require_write(by, visit.unit)
    if due_date < visit.visited_on:
        raise ValidationError({"due_date": DUE_BEFORE_VISIT})
    recommendation = Recommendation(visit=visit, text=text.strip(), due_date=due_date)
    recommendation.full_clean()
    recommendation.save()
    return recommendation


def may_answer(user, visit: SupervisionVisit) -> bool:
    """The supervised unit answers: a writer there who is not of the visiting unit (the
    visitors do not answer their own recommendations); a national superuser may."""
    if not can(user, MODULE, WRITE, visit.supervised_unit):
        return False
    return user.is_superuser or not can(user, MODULE, WRITE, visit.unit)


@transaction.atomic
def recommendation_answer(
    *, recommendation: Recommendation, by, version, answer: str, done: bool, answered_on=None
) -> Recommendation:
    if not may_answer(by, recommendation.visit):
        raise PermissionDenied(NOT_THE_SUPERVISED)
    version_claim(recommendation, version)
    answered_on = answered_on or timezone.localdate()
    errors: dict = {}
    if not answer.strip():
        errors["answer"] = [ANSWER_EMPTY]
    _not_future(answered_on, "answered_on", errors)
    _raise(errors)
    recommendation.answer = answer.strip()
    recommendation.answered_on = answered_on
    recommendation.answered_by = by
    recommendation.done = done
    recommendation.full_clean()
    recommendation.save()
    return recommendation


# Commendations

COMMENDATION_FIELDS = (
    "recipient_kind",
    "recipient_unit",
    "recipient_agency",
    "recipient_team",
    "person_name",
    "person_position",
    "reason",
    "award",
    "decision_number",
    "decision_date",
    "level",
    "review_year",
    "review",
)
RECIPIENT_FIELD = {
    RecipientKind.UNIT: "recipient_unit",
    RecipientKind.AGENCY: "recipient_agency",
    RecipientKind.TEAM: "recipient_team",
}


def _check_commendation(unit, values: dict) -> dict:
    """The values with the recipient fields of the other kinds cleared; or errors."""
    errors: dict = {}
    kind = values.get("recipient_kind")
    field = RECIPIENT_FIELD.get(kind) if kind else None
    for other in RECIPIENT_FIELD.values():
        if other != field:
            values[other] = None
    if kind == RecipientKind.PERSON:
        if (
            not (values.get("person_name") or "").strip()
            or not (values.get("person_position") or "").strip()
        ):
            errors["person_name"] = [PERSON_NEEDS_POSITION]
    else:
        values["person_name"] = values["person_position"] = ""
        target = values.get(field) if field else None
        if target is None:
            errors[field or "recipient_kind"] = [RECIPIENT_MISSING]
        else:
            place = target if kind == RecipientKind.UNIT else target.unit
            if not is_below(unit, place, strictly=False):
                errors[field] = [RECIPIENT_OUTSIDE]
    _not_future(values.get("decision_date"), "decision_date", errors)
    year = values.get("review_year")
    if year and not 2000 <= year <= timezone.localdate().year + 1:
        errors["review_year"] = [BAD_YEAR]
    review = values.get("review")
    if review is not None and (review.unit_id != unit.pk or review.kind not in REVIEWS):
        errors["review"] = [REVIEW_ELSEWHERE]
    _raise(errors)
    return values


@transaction.atomic
def commendation_create(*, unit, by, **values) -> Commendation:
    _require_write(by, unit)
    values = _check_commendation(
        unit, {k: v for k, v in values.items() if k in COMMENDATION_FIELDS}
    )
    commendation = Commendation(unit=unit, **values)
    commendation.full_clean()
    commendation.save()
    return commendation


@transaction.atomic
def commendation_update(*, commendation: Commendation, by, version, **values) -> Commendation:
    _require_write(by, commendation.unit)
    version_claim(commendation, version)
    merged = {f: getattr(commendation, f) for f in COMMENDATION_FIELDS} | {
        k: v for k, v in values.items() if k in COMMENDATION_FIELDS
    }
    _apply(commendation, _check_commendation(commendation.unit, merged), COMMENDATION_FIELDS)
    commendation.full_clean()
    commendation.save()
    return commendation


@transaction.atomic
def commendation_delete(*, commendation: Commendation, by) -> None:
    _require_write(by, commendation.unit)
    commendation.delete()
