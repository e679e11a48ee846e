"""Tips (tin báo, tố giác) from the public or another body, their handling and deadlines.

Nothing here identifies an anonymous sender: no address, no browser details. The receipt
code is kept only as a keyed hash (``receipt.py``); contact details a sender chose to give
are encrypted (``crypto.py``). None of these models is registered with auditlog: its log
entries carry the request's address. Reads are logged in ``TipAccess`` instead.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.geography.models import AdministrativeUnit


class Channel(models.TextChoices):
    ONLINE = "online", _("Trang tin báo trực tuyến")
    HOTLINE = "hotline", _("Đường dây nóng")
    LETTER = "letter", _("Thư, hộp thư tố giác")
    IN_PERSON = "in_person", _("Trực tiếp")
    TRANSFER = "transfer", _("Cơ quan khác chuyển đến")


class Category(models.TextChoices):
    ESTABLISHMENT = "establishment", _("Cơ sở kinh doanh dịch vụ")
    PUBLIC_PLACE = "public_place", _("Nơi công cộng")
    TRAFFICKING = "trafficking", _("Mua bán người")
    ONLINE = "online", _("Trên mạng")
    OTHER = "other", _("Khác")


class Status(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ASSIGNED = "assigned", _("Đã phân công")
    VERIFYING = "verifying", _("Đang xác minh")
    HANDLED = "handled", _("Đã xử lý")
    UNFOUNDED = "unfounded", _("Không có cơ sở")
    TRANSFERRED = "transferred", _("Đã chuyển cơ quan khác")


# A tip in one of these is closed: its handling time stops.
CLOSED = frozenset({Status.HANDLED, Status.UNFOUNDED, Status.TRANSFERRED})
OPEN = frozenset(set(Status.values) - CLOSED)


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Bình thường")
    URGENT = "urgent", _("Khẩn")
    IMMEDIATE = "immediate", _("Hỏa tốc")


class DeadlineRule(models.Model):
    """How long a category of tip may take: data, so a province can follow its own rules.

    The defaults (data migration) and their legal basis are shown to handlers."""

    category = models.CharField(_("loại tin"), max_length=20, choices=Category.choices, unique=True)
    days = models.PositiveSmallIntegerField(_("thời hạn (ngày)"))
    extension_days = models.PositiveSmallIntegerField(_("gia hạn tối đa (ngày)"), default=0)
    legal_basis = models.CharField(_("căn cứ"), max_length=255)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("thời hạn xử lý tin báo")
        verbose_name_plural = _("thời hạn xử lý tin báo")
        ordering = ["category"]

    def __str__(self):
        return f"{self.get_category_display()}: {self.days}"


class TipQuerySet(ScopedQuerySet):
    # The handling unit: a commune's handlers see its tips, the province's see them all.
    scope_path = "unit__path"
    scope_module = Module.TIPS

    def open(self):
        return self.filter(status__in=OPEN)


class Tip(models.Model):
    reference = models.CharField(_("số tin"), max_length=20, unique=True)
    # HMAC-SHA256 of the receipt code with a server key: lets the code find its tip,
    # never gives the code back.
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=12, choices=Channel.choices)
    source_body = models.CharField(_("cơ quan chuyển đến"), max_length=255, blank=True)
    category = models.CharField(_("loại tin"), max_length=20, choices=Category.choices)
    urgency = models.CharField(
        _("mức độ khẩn"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    description = models.TextField(_("nội dung"))
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã, phường nơi xảy ra"),
        on_delete=models.PROTECT,
        related_name="tips_about",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    happened_on = models.DateField(_("ngày xảy ra"), null=True, blank=True)
    when_note = models.CharField(_("thời gian (mô tả)"), max_length=120, blank=True)
    # Fernet token of the JSON contact details; '' when the sender stayed anonymous.
    contact_encrypted = models.TextField(blank=True, editable=False)

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị xử lý"),
        on_delete=models.PROTECT,
        related_name="tips",
    )
    agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name=_("cơ quan xử lý"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tips",
    )
    team = models.ForeignKey(
        "organizations.InspectionTeam",
        verbose_name=_("đội kiểm tra"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tips",
    )
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ được phân công"),
        blank=True,
        related_name="tips_assigned",
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"), default=timezone.now)
    due_on = models.DateField(_("hạn xử lý"))
    extended_to = models.DateField(_("gia hạn đến"), null=True, blank=True)
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    outcome = models.TextField(_("kết quả xử lý"), blank=True)
    transferred_to = models.CharField(_("chuyển đến cơ quan"), max_length=255, blank=True)

    establishment = models.ForeignKey(
        "inspections.Establishment",
        verbose_name=_("cơ sở liên quan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tips",
    )
    hotspot = models.ForeignKey(
        "inspections.Hotspot",
        verbose_name=_("tụ điểm liên quan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tips",
    )
    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name=_("lượt kiểm tra đột xuất"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tips",
    )
    # The support and criminal-case modules do not exist yet: a reference in words.
    case_reference = models.CharField(
        _("hồ sơ hỗ trợ, vụ án liên quan"), max_length=255, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)

    objects = TipQuerySet.as_manager()

    class Meta:
        verbose_name = _("tin báo, tố giác")
        verbose_name_plural = _("tin báo, tố giác")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["received_at"]), models.Index(fields=["status"])]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("tips:tip_detail", args=[self.pk])

    @property
    def deadline(self) -> datetime.date:
        return self.extended_to or self.due_on

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def days_left(self, today: datetime.date | None = None) -> int:
        return (self.deadline - (today or timezone.localdate())).days

    @property
    def on_time(self) -> bool | None:
        """Closed within its deadline; None while open."""
        if self.closed_at is None:
            return None
        return timezone.localtime(self.closed_at).date() <= self.deadline


class MessageKind(models.TextChoices):
    QUESTION = "question", _("Câu hỏi của cán bộ")
    ANSWER = "answer", _("Trả lời của người báo tin")
    ADDITION = "addition", _("Bổ sung của người báo tin")
    NOTICE = "notice", _("Thông báo của cán bộ")


# Written by the sender through the receipt page (no author).
FROM_SENDER = frozenset({MessageKind.ANSWER, MessageKind.ADDITION})


class TipMessage(models.Model):
    """What passes between handler and sender through the receipt page."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("loại"), max_length=10, choices=MessageKind.choices)
    text = models.TextField(_("nội dung"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.tip} — {self.get_kind_display()}"


def attachment_path(instance, filename):
    # A random name: the sender's file name may say who they are.
    import secrets

    ext = filename.rsplit(".", 1)[-1].lower()
    return f"tips/{timezone.localdate():%Y/%m}/{secrets.token_hex(16)}.{ext}"


class TipAttachment(models.Model):
    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        TipMessage, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.tip} — {self.pk}"


class AccessAction(models.TextChoices):
    VIEW = "view", _("Xem tin")
    CONTACT = "contact", _("Xem thông tin liên hệ")
    ATTACHMENT = "attachment", _("Xem tệp đính kèm")


class TipAccess(models.Model):
    """Every read of a tip by staff: who, when, which tip, what."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lượt truy cập tin báo")
        verbose_name_plural = _("lượt truy cập tin báo")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.tip} — {self.user} — {self.at:%d/%m/%Y %H:%M}"


class SourceCounter(models.Model):
    """How often one source did something in the current window, under a keyed hash of
    its address that changes every window. The row expires with the window: no address
    and no lasting trace of one is kept."""

    key = models.CharField(max_length=64, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.count} until {self.expires_at}"
