"""Writes of the module: a tip sent by a resident or recorded by an operator, its
triage, assignment, questions, links, extension and closing."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.permissions import can_write
from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import scope_for
from lanhmanh.notifications.models import Kind
from lanhmanh.notifications.services import notify

from . import sources
from .crypto import encrypt_json
from .models import (
    CLOSED,
    Category,
    Channel,
    DeadlineRule,
    MessageKind,
    Status,
    Tip,
    TipAccess,
    TipAttachment,
    TipMessage,
)
from .receipt import receipt_generate, receipt_hash
from .uploads import attachments_clean

DEFAULT_DAYS = 20
MAX_TEXT = 5000
MIN_TEXT = 10

TIP_EMPTY = _("Hãy kể lại sự việc (ít nhất 10 ký tự).")
TIP_TOO_LONG = _(
    "Nội dung quá dài: tối đa 5.000 ký tự. Có thể gửi phần còn lại sau, bằng mã tra cứu."
)
TIP_FLOOD = _(
    "Đã nhận nhiều tin từ nơi bạn gửi trong một giờ qua. Hãy thử lại sau một giờ, hoặc gọi "
    "đường dây nóng."
)
MESSAGE_FLOOD = _("Bạn đã gửi nhiều bổ sung trong một giờ qua. Hãy thử lại sau.")
TIP_COMMUNE_NOT_CURRENT = _("Hãy chọn một xã, phường theo bản đồ hành chính hiện hành.")
TIP_OUTSIDE_SCOPE = _(
    "Địa bàn này nằm ngoài phạm vi của bạn: hãy chuyển tin cho cơ quan có thẩm quyền."
)
TIP_STALE = _("Tin đã được người khác sửa trong lúc bạn làm việc. Hãy xem lại và lưu lại.")
TIP_CLOSED = _("Tin đã kết thúc xử lý.")
OUTCOME_REQUIRED = _("Hãy ghi kết quả xử lý trước khi kết thúc tin.")
TRANSFER_TO_REQUIRED = _("Hãy ghi cơ quan nhận tin chuyển đến.")
SOURCE_BODY_REQUIRED = _("Hãy ghi cơ quan đã chuyển tin đến.")
HANDLER_OUTSIDE = _("Cán bộ được phân công phải có quyền xử lý tin báo tại đơn vị xử lý.")
AGENCY_OUTSIDE = _("Cơ quan, đội kiểm tra phải thuộc đơn vị xử lý hoặc cấp trên của đơn vị đó.")
EXTENSION_TOO_LONG = _("Gia hạn vượt quá thời hạn tối đa của loại tin này.")
EXTENSION_BEFORE = _("Ngày gia hạn phải sau hạn xử lý hiện tại.")
LINK_OUTSIDE = _("Cơ sở, tụ điểm hoặc lượt kiểm tra phải thuộc địa bàn của tin.")
COORDINATES_PAIR = _("Hãy nhập cả vĩ độ và kinh độ, hoặc để trống cả hai.")
COORDINATES_RANGE = _("Tọa độ không hợp lệ: vĩ độ từ 8 đến 24, kinh độ từ 102 đến 118 (Việt Nam).")
HAPPENED_IN_FUTURE = _("Ngày xảy ra không thể sau hôm nay.")


def deadline_rule(category: str) -> DeadlineRule | None:
    return DeadlineRule.objects.filter(category=category).first()


def due_date(category: str, received_at: datetime.datetime) -> datetime.date:
    rule = deadline_rule(category)
    days = rule.days if rule else DEFAULT_DAYS
    return timezone.localtime(received_at).date() + datetime.timedelta(days=days)


def _reference(received_at) -> str:
    year = timezone.localtime(received_at).year
    prefix = f"TB-{year}-"
    n = Tip.objects.filter(reference__startswith=prefix).count() + 1
    while Tip.objects.filter(reference=f"{prefix}{n:05d}").exists():
        n += 1
    return f"{prefix}{n:05d}"


def _check_text(text: str, field: str = "description") -> str:
    text = (text or "").strip()
    if len(text) < MIN_TEXT:
        raise ValidationError({field: TIP_EMPTY})
    if len(text) > MAX_TEXT:
        raise ValidationError({field: TIP_TOO_LONG})
    return text


def _check_place(commune, latitude, longitude, happened_on):
    if commune is None or not commune.is_current or commune.level != "commune":
        raise ValidationError({"commune": TIP_COMMUNE_NOT_CURRENT})
    if (latitude is None) != (longitude is None):
        raise ValidationError({"latitude": COORDINATES_PAIR})
    if latitude is not None and not (8 <= latitude <= 24 and 102 <= longitude <= 118):
        raise ValidationError({"latitude": COORDINATES_RANGE})
    if happened_on and happened_on > timezone.localdate():
        raise ValidationError({"happened_on": HAPPENED_IN_FUTURE})


def _attach(tip, files, message=None):
    for clean in files:
        attachment = TipAttachment(
            tip=tip, message=message, content_type=clean.content_type, size=len(clean.content)
        )
        attachment.file.save(f"file.{clean.extension}", ContentFile(clean.content), save=False)
        attachment.save()


def _create(*, channel, received_at, category, files, contact, **fields) -> tuple[Tip, str]:
    """The tip and its receipt code, which exists only in the return value."""
    for _attempt in range(5):
        code = receipt_generate()
        tip = Tip(
            channel=channel,
            category=category,
            received_at=received_at,
            due_on=due_date(category, received_at),
            receipt_hash=receipt_hash(code),
            reference=_reference(received_at),
            contact_encrypted=encrypt_json(contact or {}),
            **fields,
        )
        tip.full_clean(exclude=["receipt_hash", "unit"])
        try:
            with transaction.atomic():
                tip.save()
        except IntegrityError:
            continue  # the same code or number drawn twice: draw again
        _attach(tip, files)
        return tip, code
    raise RuntimeError("could not draw a free receipt code")


@transaction.atomic
def tip_submit(
    *,
    source: str,
    description: str,
    commune,
    category: str,
    address: str = "",
    latitude=None,
    longitude=None,
    happened_on: datetime.date | None = None,
    when_note: str = "",
    contact: dict | None = None,
    files: Sequence = (),
) -> tuple[Tip, str]:
    """A tip from the public form. ``source`` is the window's keyed hash of the sender's
    address (never the address). Checks everything before storing anything."""
    if sources.over_limit(source, "submit", sources.SUBMISSIONS_PER_WINDOW):
        raise ValidationError(TIP_FLOOD)
    description = _check_text(description)
    _check_place(commune, latitude, longitude, happened_on)
    clean_files = attachments_clean(files)
    tip, code = _create(
        channel=Channel.ONLINE,
        received_at=timezone.now(),
        category=category,
        files=clean_files,
        contact=contact,
        description=description,
        commune=commune,
        unit=commune,
        address=address.strip(),
        latitude=latitude,
        longitude=longitude,
        happened_on=happened_on,
        when_note=when_note.strip(),
    )
    sources.source_hit(source, "submit")
    return tip, code


@transaction.atomic
def tip_record(
    *,
    by,
    channel: str,
    description: str,
    commune,
    category: str,
    received_at: datetime.datetime | None = None,
    source_body: str = "",
    address: str = "",
    latitude=None,
    longitude=None,
    happened_on: datetime.date | None = None,
    when_note: str = "",
    contact: dict | None = None,
    files: Sequence = (),
) -> tuple[Tip, str]:
    """A tip taken by an operator: a call, a letter, a visit, or sent by another body."""
    if channel == Channel.ONLINE or channel not in Channel.values:
        raise ValidationError({"channel": _("Kênh tiếp nhận không hợp lệ.")})
    description = _check_text(description)
    _check_place(commune, latitude, longitude, happened_on)
    if not can_write(by, Module.TIPS, commune):
        raise ValidationError({"commune": TIP_OUTSIDE_SCOPE})
    if channel == Channel.TRANSFER and not source_body.strip():
        raise ValidationError({"source_body": SOURCE_BODY_REQUIRED})
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise ValidationError({"received_at": _("Thời điểm tiếp nhận không thể ở tương lai.")})
    return _create(
        channel=channel,
        received_at=received_at,
        category=category,
        files=attachments_clean(files),
        contact=contact,
        description=description,
        commune=commune,
        unit=commune,
        source_body=source_body.strip(),
        address=address.strip(),
        latitude=latitude,
        longitude=longitude,
        happened_on=happened_on,
        when_note=when_note.strip(),
        created_by=by,
    )


def _editable(tip: Tip, by, version: int | None) -> Tip:
    if not can_write(by, Module.TIPS, tip.unit):
        raise PermissionDenied
    locked = Tip.objects.select_for_update().get(pk=tip.pk)
    if version is not None and locked.version != version:
        raise ValidationError(TIP_STALE)
    return locked


def _save(tip: Tip) -> Tip:
    tip.version += 1
    tip.full_clean()
    tip.save()
    return tip


@transaction.atomic
def tip_triage(
    *,
    tip: Tip,
    by,
    version: int,
    category: str,
    urgency: str,
    unit,
    agency=None,
    team=None,
    handlers: Sequence = (),
) -> Tip:
    """Category, urgency, handling unit, agency or team, and the handlers. A new category
    sets the deadline by its rule, counted from receipt."""
    tip = _editable(tip, by, version)
    if tip.status in CLOSED:
        raise ValidationError(TIP_CLOSED)
    if not scope_for(by, Module.TIPS, write=True).covers(unit.path):
        raise ValidationError({"unit": TIP_OUTSIDE_SCOPE})
    for body in (agency, team):
        if body is not None and not unit.path.startswith(body.unit.path):
            raise ValidationError({"agency" if body is agency else "team": AGENCY_OUTSIDE})
    for handler in handlers:
        if not can_write(handler, Module.TIPS, unit):
            raise ValidationError({"handlers": HANDLER_OUTSIDE})
    if category != tip.category:
        tip.due_on = due_date(category, tip.received_at)
        tip.extended_to = None
    tip.category, tip.urgency, tip.unit, tip.agency, tip.team = (
        category,
        urgency,
        unit,
        agency,
        team,
    )
    if tip.status == Status.RECEIVED and (handlers or agency or team):
        tip.status = Status.ASSIGNED
    _save(tip)
    before = set(tip.handlers.values_list("pk", flat=True))
    tip.handlers.set(handlers)
    _tell_new_handlers(tip, [h for h in handlers if h.pk not in before])
    return tip


def _tell_new_handlers(tip: Tip, handlers) -> None:
    """The bell (and e-mail) of handlers newly assigned: the tip's number and category
    only, never what the sender wrote or who they are."""
    with translation.override(settings.LANGUAGE_CODE):
        text = gettext(
            "Bạn được phân công xử lý tin báo %(reference)s (%(category)s), hạn %(due)s."
        ) % {
            "reference": tip.reference,
            "category": tip.get_category_display(),
            "due": f"{tip.extended_to or tip.due_on:%d/%m/%Y}",
        }
    notify(
        recipients=handlers,
        kind=Kind.TIP_ASSIGNED,
        text=text,
        url=reverse("tips:tip_detail", args=[tip.pk]),
        key=f"{Kind.TIP_ASSIGNED}:{tip.pk}:{tip.version}",
    )


@transaction.atomic
def tip_status_change(
    *, tip: Tip, by, version: int, status: str, outcome: str = "", transferred_to: str = ""
) -> Tip:
    tip = _editable(tip, by, version)
    if tip.status in CLOSED:
        raise ValidationError(TIP_CLOSED)
    if status in (Status.HANDLED, Status.UNFOUNDED) and not outcome.strip():
        raise ValidationError({"outcome": OUTCOME_REQUIRED})
    if status == Status.TRANSFERRED and not transferred_to.strip():
        raise ValidationError({"transferred_to": TRANSFER_TO_REQUIRED})
    tip.status = status
    tip.outcome = outcome.strip() or tip.outcome
    tip.transferred_to = transferred_to.strip()
    tip.closed_at = timezone.now() if status in CLOSED else None
    return _save(tip)


@transaction.atomic
def tip_extend(*, tip: Tip, by, version: int, to: datetime.date) -> Tip:
    """Extend the deadline within the category's limit (for criminal matters the Criminal
    Procedure Code allows up to two months in all)."""
    tip = _editable(tip, by, version)
    if tip.status in CLOSED:
        raise ValidationError(TIP_CLOSED)
    rule = deadline_rule(tip.category)
    limit = tip.due_on + datetime.timedelta(days=rule.extension_days if rule else 0)
    if to <= tip.due_on:
        raise ValidationError({"to": EXTENSION_BEFORE})
    if to > limit:
        raise ValidationError({"to": EXTENSION_TOO_LONG})
    tip.extended_to = to
    return _save(tip)


@transaction.atomic
def tip_link(
    *, tip: Tip, by, version: int, establishment=None, hotspot=None, case_reference: str = ""
) -> Tip:
    """What the tip is about or led to: an establishment, a hotspot, a support or
    criminal case (in words until those modules exist)."""
    tip = _editable(tip, by, version)
    for place in (establishment, hotspot):
        if place is not None and not place.unit.path.startswith(tip.unit.path):
            raise ValidationError(LINK_OUTSIDE)
    tip.establishment, tip.hotspot = establishment, hotspot
    tip.case_reference = case_reference.strip()
    return _save(tip)


def tip_inspection_link(*, tip: Tip, inspection) -> Tip:
    """The unannounced inspection the tip led to (called when the inspection is saved)."""
    if not inspection.establishment.unit.path.startswith(tip.unit.path):
        raise ValidationError(LINK_OUTSIDE)
    Tip.objects.filter(pk=tip.pk).update(
        inspection=inspection, establishment=tip.establishment or inspection.establishment
    )
    tip.refresh_from_db()
    return tip


@transaction.atomic
def tip_ask(*, tip: Tip, by, text: str, kind: str = MessageKind.QUESTION) -> TipMessage:
    """A question (or notice) to the sender, shown on the receipt page."""
    if not can_write(by, Module.TIPS, tip.unit):
        raise PermissionDenied
    text = _check_text(text, "text")
    if tip.status == Status.ASSIGNED:
        Tip.objects.filter(pk=tip.pk).update(status=Status.VERIFYING)
    message = TipMessage(tip=tip, kind=kind, text=text, author=by)
    message.full_clean()
    message.save()
    return message


@transaction.atomic
def tip_sender_message(*, tip: Tip, source: str, text: str, files: Sequence = ()) -> TipMessage:
    """An answer or added details from the sender, through the receipt page. Accepted
    after closing too: nothing a sender adds is lost, and the handler sees it."""
    if sources.over_limit(source, "message", sources.MESSAGES_PER_WINDOW):
        raise ValidationError(MESSAGE_FLOOD)
    text = _check_text(text, "text")
    clean_files = attachments_clean(files)
    last = tip.messages.order_by("-created_at", "-pk").first()
    kind = (
        MessageKind.ANSWER if last and last.kind == MessageKind.QUESTION else MessageKind.ADDITION
    )
    message = TipMessage(tip=tip, kind=kind, text=text)
    message.full_clean()
    message.save()
    _attach(tip, clean_files, message)
    sources.source_hit(source, "message")
    return message


def tip_access_log(*, tip: Tip, user, action: str) -> None:
    TipAccess.objects.create(tip=tip, user=user, action=action)


def category_default() -> str:
    return Category.OTHER
