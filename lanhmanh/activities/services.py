"""Writes of the module: record and edit activities, attach files, plan budget lines.

Every write checks what a form cannot: the dates, the participant counts, that the place
lies inside the writer's scope, and that the form was not filled in over another user's
newer change (``version``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.permissions import can_write
from lanhmanh.accounts.roles import Module

from .attachments import clean_attachment
from .models import Activity, ActivityAttachment, ActivityMaterial, AttachmentKind, BudgetLine

END_BEFORE_START = _("Ngày kết thúc không được trước ngày bắt đầu.")
SEX_OVER_TOTAL = _("Số nam và nữ cộng lại vượt quá tổng số người tham gia.")
AGE_OVER_TOTAL = _("Số người theo độ tuổi cộng lại vượt quá tổng số người tham gia.")
OUTSIDE_SCOPE = _("Địa bàn này nằm ngoài phạm vi của bạn.")
FUND_SOURCE_REQUIRED = _("Chọn nguồn kinh phí.")
NO_TOPIC = _("Chọn ít nhất một lĩnh vực.")
STALE = _(
    "Hoạt động này vừa được người khác sửa (phiên bản {theirs}, bạn sửa từ phiên bản "
    "{yours}). Hãy xem lại nội dung hiện tại bên dưới rồi lưu lại."
)
TOO_FAR_AHEAD = _("Ngày bắt đầu quá xa trong tương lai.")

# Fields a form sets directly on the activity.
FIELDS = (
    "kind",
    "title",
    "start_date",
    "end_date",
    "unit",
    "place",
    "organiser",
    "on_prostitution",
    "on_drugs",
    "on_trafficking",
    "channel",
    "participants",
    "participants_male",
    "participants_female",
    "participants_under_16",
    "participants_16_17",
    "participants_18_29",
    "participants_30_plus",
    "cost",
    "fund_source",
    "budget_line",
    "task",
    "notes",
)
AGE_FIELDS = (
    "participants_under_16",
    "participants_16_17",
    "participants_18_29",
    "participants_30_plus",
)


class StaleVersion(ValidationError):
    """The form was filled in from an older version than the one stored."""

    def __init__(self, *, yours: int, theirs: int):
        super().__init__(STALE.format(yours=yours, theirs=theirs), code="stale")
        self.yours, self.theirs = yours, theirs


def check_values(values: dict, by) -> None:
    """What a form cannot check; raises a ValidationError by field."""
    errors: dict[str, list] = {}
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        errors.setdefault("end_date", []).append(END_BEFORE_START)
    if start and start > timezone.localdate() + datetime.timedelta(days=366):
        errors.setdefault("start_date", []).append(TOO_FAR_AHEAD)
    total = values.get("participants") or 0
    if (values.get("participants_male") or 0) + (values.get("participants_female") or 0) > total:
        errors.setdefault("participants_male", []).append(SEX_OVER_TOTAL)
    if sum(values.get(f) or 0 for f in AGE_FIELDS) > total:
        errors.setdefault("participants_under_16", []).append(AGE_OVER_TOTAL)
    if values.get("cost") and not values.get("fund_source"):
        errors.setdefault("fund_source", []).append(FUND_SOURCE_REQUIRED)
    if not any(values.get(f) for f in ("on_prostitution", "on_drugs", "on_trafficking")):
        errors.setdefault("on_prostitution", []).append(NO_TOPIC)
    unit = values.get("unit")
    if unit is not None and not can_write(by, Module.ACTIVITIES, unit):
        errors.setdefault("unit", []).append(OUTSIDE_SCOPE)
    if errors:
        raise ValidationError(errors)


def _set_relations(activity, *, co_organisers, audiences, materials) -> None:
    if co_organisers is not None:
        activity.co_organisers.set(co_organisers)
    if audiences is not None:
        activity.audiences.set(audiences)
    if materials is not None:
        activity.materials.all().delete()
        ActivityMaterial.objects.bulk_create(
            ActivityMaterial(activity=activity, kind=kind, count=count)
            for kind, count in materials.items()
            if count
        )


@transaction.atomic
def activity_create(
    *,
    by,
    co_organisers=(),
    audiences=(),
    materials: dict | None = None,
    photos=(),
    **values,
) -> Activity:
    values = {k: v for k, v in values.items() if k in FIELDS}
    if not values.get("end_date"):
        values["end_date"] = values.get("start_date")
    if values.get("budget_line") and not values.get("fund_source"):
        values["fund_source"] = values["budget_line"].source
    check_values(values, by)
    # Every photo is checked before anything is written: one bad file saves nothing.
    cleaned = [clean_attachment(photo) for photo in photos]
    activity = Activity(created_by=by, **values)
    activity.full_clean()
    activity.save()
    _set_relations(
        activity, co_organisers=co_organisers, audiences=audiences, materials=materials or {}
    )
    for content, content_type in cleaned:
        _store(activity, by, content, content_type, AttachmentKind.PHOTO)
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    by,
    version: int,
    co_organisers=None,
    audiences=None,
    materials: dict | None = None,
    **values,
) -> Activity:
    if not can_write(by, Module.ACTIVITIES, activity.unit):
        raise PermissionDenied
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    if current.version != version:
        raise StaleVersion(yours=version, theirs=current.version)
    values = {k: v for k, v in values.items() if k in FIELDS}
    if "start_date" in values and not values.get("end_date"):
        values["end_date"] = values["start_date"]
    merged = {f: getattr(current, f) for f in FIELDS} | values
    check_values(merged, by)
    for field, value in values.items():
        setattr(current, field, value)
    current.version = F("version") + 1
    current.full_clean(exclude=["version"])
    current.save()
    current.refresh_from_db()
    _set_relations(current, co_organisers=co_organisers, audiences=audiences, materials=materials)
    return current


def attachment_add(*, activity: Activity, by, upload, kind: str) -> ActivityAttachment:
    if not can_write(by, Module.ACTIVITIES, activity.unit):
        raise PermissionDenied
    content, content_type = clean_attachment(upload)
    return _store(activity, by, content, content_type, kind)


def _store(activity, by, content, content_type, kind) -> ActivityAttachment:
    attachment = ActivityAttachment(
        activity=activity,
        kind=kind,
        content_type=content_type,
        size=content.size,
        uploaded_by=by,
    )
    attachment.file.save(content.name, content, save=False)
    attachment.save()
    return attachment


BUDGET_NOT_POSITIVE = _("Dự toán phải lớn hơn 0.")


@transaction.atomic
def budget_line_create(*, plan, by, title: str, source: str, estimate: Decimal) -> BudgetLine:
    if not can_write(by, Module.PLANS, plan.unit):
        raise PermissionDenied
    if estimate is None or estimate <= 0:
        raise ValidationError({"estimate": BUDGET_NOT_POSITIVE})
    line = BudgetLine(plan=plan, title=title.strip(), source=source, estimate=estimate)
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def activities_import(*, by, rows) -> list[Activity]:
    """Save the rows of a checked file, all or none (one failing row undoes the rest)."""
    return [activity_create(by=by, **row.values) for row in rows]
