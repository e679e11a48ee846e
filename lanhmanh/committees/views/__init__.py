"""The committee of a unit (members and their dated changes) and its meetings with their
minutes and decisions, which become plan tasks."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, can
from lanhmanh.core.audit import AuditAction, audit, audited

from .. import selectors, services
from ..forms import AttachmentForm, DecisionForm, LeaveForm, MeetingForm, MemberForm, TaskForm
from ..models import CommitteeRole, MeetingKind
from .common import (
    confirm_page,
    form_page,
    may_write,
    own_units,
    readable_unit,
    require_read,
    require_write,
    save_form,
    show_errors,
    today,
    writable_unit,
)

PAGE_SIZE = 50
ROLE_RANK = {role: rank for rank, role in enumerate(CommitteeRole.values)}
NO_PLAN = gettext_lazy("Đơn vị chưa có kế hoạch nào để giao nhiệm vụ: hãy nhập kế hoạch trước.")


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def index(request):
    """The committees the user works with: their own units, then the lists."""
    require_read(request.user)
    units = own_units(request.user)
    if len(units) == 1:
        return redirect("committees:committee", unit_pk=units[0].pk)
    return render(
        request,
        "committees/index.html",
        {"units": units, "title": _("Ban chỉ đạo")},
    )


def committee(request, unit_pk):
    unit = readable_unit(request.user, unit_pk)
    on = _date(request.GET.get("on")) or today()
    members = list(selectors.members_of(unit))
    serving = [m for m in members if m.joined_on <= on and (m.left_on is None or m.left_on >= on)]
    serving.sort(key=lambda m: (ROLE_RANK[m.committee_role], m.full_name))
    return render(
        request,
        "committees/committee.html",
        {
            "unit": unit,
            "on": on,
            "serving": serving,
            "changes": selectors.member_changes(members),
            "meetings": selectors.meetings(request.user, unit=unit)[:5],
            "can_write": may_write(request.user, unit),
            "title": _("Ban chỉ đạo"),
        },
    )


def _member_form(request, unit, **kwargs):
    return MemberForm(
        request.POST or None,
        agencies=selectors.agencies_at(unit),
        places=selectors.units_below(unit),
        **kwargs,
    )


def member_create(request, unit_pk):
    unit = writable_unit(request.user, unit_pk)
    form = _member_form(request, unit, initial={"joined_on": today()})
    back = reverse("committees:committee", kwargs={"unit_pk": unit.pk})
    if save_form(
        request,
        form,
        lambda: services.member_create(unit=unit, by=request.user, **form.values()),
        _("Đã thêm thành viên ban chỉ đạo."),
    ):
        return redirect(back)
    return form_page(
        request, form=form, title=_("Thêm thành viên ban chỉ đạo"), back=back, subtitle=unit
    )


def member_update(request, pk):
    require_read(request.user)
    member = selectors.member(request.user, pk)
    require_write(request.user, member.unit)
    initial = {f: getattr(member, f) for f in services.MEMBER_FIELDS}
    initial["follows"] = list(member.follows.all())
    form = _member_form(request, member.unit, initial=initial, version=member.version)
    back = reverse("committees:committee", kwargs={"unit_pk": member.unit_id})
    if save_form(
        request,
        form,
        lambda: services.member_update(
            member=member,
            by=request.user,
            version=form.cleaned_data["version"],
            **form.values(),
        ),
        _("Đã lưu thay đổi."),
    ):
        return redirect(back)
    return form_page(request, form=form, title=_("Sửa thành viên"), back=back, subtitle=member)


def member_leave(request, pk):
    require_read(request.user)
    member = selectors.member(request.user, pk)
    require_write(request.user, member.unit)
    form = LeaveForm(request.POST or None, version=member.version, initial={"left_on": today()})
    back = reverse("committees:committee", kwargs={"unit_pk": member.unit_id})
    if save_form(
        request,
        form,
        lambda: services.member_leave(member=member, by=request.user, **form.cleaned_data),
        _("Đã ghi nhận thành viên thôi tham gia."),
    ):
        return redirect(back)
    return form_page(
        request, form=form, title=_("Thôi tham gia ban chỉ đạo"), back=back, subtitle=member
    )


# Meetings


def meeting_list(request):
    require_read(request.user)
    unit = None
    if unit_pk := request.GET.get("unit", "").strip():
        unit = readable_unit(request.user, unit_pk if unit_pk.isdigit() else 0)
    kind = request.GET.get("kind", "")[:20]
    rows = selectors.meetings(request.user, unit=unit, kind=kind)
    return render(
        request,
        "committees/meeting_list.html",
        {
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "kinds": MeetingKind.choices,
            "kind": kind,
            "unit": unit,
            "write_units": own_units(request.user, WRITE),
            "title": _("Cuộc họp, hội nghị của ban chỉ đạo"),
        },
    )


def meeting_create(request, unit_pk):
    unit = writable_unit(request.user, unit_pk)
    form = MeetingForm(
        request.POST or None,
        request.FILES or None,
        members=selectors.members_of(unit).filter(left_on__isnull=True),
        initial={"held_on": today()},
    )
    if save_form(
        request,
        form,
        lambda: services.meeting_create(unit=unit, by=request.user, **form.values()),
        _("Đã ghi nhận cuộc họp."),
    ):
        return redirect(form.saved)
    return form_page(
        request,
        form=form,
        title=_("Ghi nhận cuộc họp"),
        back=reverse("committees:meeting_list"),
        subtitle=unit,
        multipart=True,
    )


@audited(AuditAction.READ)
def meeting_detail(request, pk):
    require_read(request.user)
    meeting = selectors.meeting(request.user, pk)
    writer = may_write(request.user, meeting.unit)
    return render(
        request,
        "committees/meeting_detail.html",
        {
            "meeting": meeting,
            "can_write": writer,
            "can_give_tasks": writer and can(request.user, Module.PLANS, WRITE, meeting.unit),
            "decision_form": DecisionForm(agencies=selectors.agencies_at(meeting.unit)),
            "attachment_form": AttachmentForm(),
            "title": meeting.title,
        },
    )


def meeting_update(request, pk):
    require_read(request.user)
    meeting = selectors.meeting(request.user, pk)
    require_write(request.user, meeting.unit)
    initial = {f: getattr(meeting, f) for f in services.MEETING_FIELDS}
    initial["attendees"] = list(meeting.attendees.all())
    form = MeetingForm(
        request.POST or None,
        members=selectors.members_of(meeting.unit),
        initial=initial,
        version=meeting.version,
        editing=True,
    )
    if save_form(
        request,
        form,
        lambda: services.meeting_update(
            meeting=meeting, by=request.user, version=form.cleaned_data["version"], **form.values()
        ),
        _("Đã lưu thay đổi."),
    ):
        return redirect(meeting)
    return form_page(
        request,
        form=form,
        title=_("Sửa cuộc họp"),
        back=meeting.get_absolute_url(),
        subtitle=meeting,
    )


def meeting_delete(request, pk):
    require_read(request.user)
    meeting = selectors.meeting(request.user, pk)
    require_write(request.user, meeting.unit)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        audit(request, AuditAction.DELETE, meeting, title=meeting.title)
        services.meeting_delete(meeting=meeting, by=request.user)
        messages.success(request, _("Đã xóa cuộc họp."))
        return redirect("committees:meeting_list")
    return confirm_page(
        request, title=_("Xóa cuộc họp"), what=meeting, back=meeting.get_absolute_url()
    )


@audited(AuditAction.UPLOAD)
def attachment_add(request, pk):
    require_read(request.user)
    meeting = selectors.meeting(request.user, pk)
    require_write(request.user, meeting.unit)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(
                meeting=meeting, by=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Đã đính kèm biên bản."))
            return redirect(meeting)
    return form_page(
        request,
        form=form,
        title=_("Đính kèm biên bản"),
        back=meeting.get_absolute_url(),
        subtitle=meeting,
        multipart=True,
    )


@audited(AuditAction.DOWNLOAD)
def attachment_file(request, pk):
    require_read(request.user)
    attachment = selectors.attachment(request.user, pk)
    return FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=not attachment.is_image,
        filename=str(attachment),
    )


def decision_add(request, pk):
    require_read(request.user)
    meeting = selectors.meeting(request.user, pk)
    require_write(request.user, meeting.unit)
    form = DecisionForm(request.POST or None, agencies=selectors.agencies_at(meeting.unit))
    if save_form(
        request,
        form,
        lambda: services.decision_add(meeting=meeting, by=request.user, **form.cleaned_data),
        _("Đã thêm kết luận."),
    ):
        return redirect(meeting)
    return form_page(
        request,
        form=form,
        title=_("Thêm kết luận"),
        back=meeting.get_absolute_url(),
        subtitle=meeting,
    )


def decision_task(request, pk):
    """Give a decision as a task of one of the unit's plans."""
    require_read(request.user)
    decision = selectors.decision(request.user, pk)
    meeting = decision.meeting
    require_write(request.user, meeting.unit)
    if not can(request.user, Module.PLANS, WRITE, meeting.unit):
        raise PermissionDenied
    plans = selectors.plans_for_tasks(request.user, meeting.unit)
    form = TaskForm(request.POST or None, plans=plans)
    notice = "" if plans.exists() else NO_PLAN
    if not notice and request.method == "POST" and form.is_valid():
        try:
            task = services.decision_to_task(
                decision=decision, by=request.user, plan=form.cleaned_data["plan"]
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            audit(request, AuditAction.CREATE, task, decision=decision.pk)
            messages.success(request, _("Đã giao nhiệm vụ cho %(agency)s.") % {"agency": task.lead})
            return redirect(meeting)
    return form_page(
        request,
        form=form,
        title=_("Giao kết luận thành nhiệm vụ"),
        back=meeting.get_absolute_url(),
        subtitle=decision,
        notice=notice,
    )
