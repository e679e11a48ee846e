"""The register of activities.

An activity is what an agency or a commune did on some days at some place for some
people: a communication event, a radio piece, a training course, a review meeting. Kinds,
audience groups and kinds of material are catalogue rows (a province adds its own without
a programmer); participants are counts, never names.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.organizations.models import Agency
from lanhmanh.plans.models import Plan, Task


class ActivityGroup(models.TextChoices):
    """What an activity does, for the indicators: awareness, training, or coordination."""

    AWARENESS = "awareness", _("Tuyên truyền")
    TRAINING = "training", _("Tập huấn, bồi dưỡng")
    MEETING = "meeting", _("Hội nghị, họp, sơ kết, tổng kết")
    OTHER = "other", _("Khác")


class ActivityKind(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên loại hoạt động"), max_length=120)
    group = models.CharField(_("nhóm"), max_length=12, choices=ActivityGroup.choices)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("loại hoạt động")
        verbose_name_plural = _("loại hoạt động")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class AudienceGroup(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên đối tượng"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("đối tượng tham gia")
        verbose_name_plural = _("đối tượng tham gia")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class MaterialKind(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên loại tài liệu"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("loại tài liệu, sản phẩm")
        verbose_name_plural = _("loại tài liệu, sản phẩm")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    LOUDSPEAKER = "loudspeaker", _("Loa truyền thanh cơ sở")
    RADIO_TV = "radio_tv", _("Phát thanh, truyền hình")
    PRESS = "press", _("Báo chí")
    ONLINE = "online", _("Mạng xã hội, trang thông tin điện tử")
    PRINTED = "printed", _("Tờ rơi, pa nô, áp phích")


class FundSource(models.TextChoices):
    STATE = "state", _("Ngân sách nhà nước")
    OTHER = "other", _("Nguồn hợp pháp khác")


class BudgetLineQuerySet(ScopedQuerySet):
    scope_path = "plan__unit__path"
    scope_module = Module.PLANS


class BudgetLine(models.Model):
    """The estimate of a plan for one purpose and source of funds ('Kinh phí')."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    title = models.CharField(_("nội dung chi"), max_length=255)
    source = models.CharField(_("nguồn kinh phí"), max_length=8, choices=FundSource.choices)
    estimate = models.DecimalField(_("dự toán (đồng)"), max_digits=15, decimal_places=0)
    version = models.PositiveIntegerField(default=1)

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("dòng kinh phí")
        verbose_name_plural = _("dòng kinh phí")
        ordering = ["plan", "pk"]

    def __str__(self):
        return self.title


class ActivityQuerySet(ScopedQuerySet):
    scope_path = "unit__path"
    scope_module = Module.ACTIVITIES


class Activity(models.Model):
    kind = models.ForeignKey(
        ActivityKind, verbose_name=_("loại hoạt động"), on_delete=models.PROTECT
    )
    title = models.CharField(_("tên hoạt động"), max_length=255)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    place = models.CharField(_("thôn, tổ dân phố, địa điểm"), max_length=255, blank=True)
    organiser = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organised_activities",
    )
    co_organisers = models.ManyToManyField(
        Agency, verbose_name=_("cơ quan phối hợp"), blank=True, related_name="+"
    )
    on_prostitution = models.BooleanField(_("phòng, chống mại dâm"), default=True)
    on_drugs = models.BooleanField(_("phòng, chống ma túy"), default=False)
    on_trafficking = models.BooleanField(_("phòng, chống mua bán người"), default=False)
    channel = models.CharField(_("hình thức"), max_length=12, choices=Channel.choices)
    audiences = models.ManyToManyField(
        AudienceGroup, verbose_name=_("đối tượng tham gia"), blank=True
    )
    participants = models.PositiveIntegerField(_("số người tham gia"), default=0)
    participants_male = models.PositiveIntegerField(_("nam"), null=True, blank=True)
    participants_female = models.PositiveIntegerField(_("nữ"), null=True, blank=True)
    participants_under_16 = models.PositiveIntegerField(_("dưới 16 tuổi"), null=True, blank=True)
    participants_16_17 = models.PositiveIntegerField(
        _("từ 16 đến dưới 18 tuổi"), null=True, blank=True
    )
    participants_18_29 = models.PositiveIntegerField(
        _("từ 18 đến dưới 30 tuổi"), null=True, blank=True
    )
    participants_30_plus = models.PositiveIntegerField(
        _("từ 30 tuổi trở lên"), null=True, blank=True
    )
    cost = models.DecimalField(
        _("kinh phí (đồng)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    fund_source = models.CharField(
        _("nguồn kinh phí"), max_length=8, choices=FundSource.choices, blank=True
    )
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("dòng kinh phí của kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("nhiệm vụ trong kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="activity_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:activity_detail", args=[self.pk])

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def one_day(self) -> bool:
        return self.start_date == self.end_date

    def topics(self) -> list[str]:
        labels = []
        for field in ("on_prostitution", "on_drugs", "on_trafficking"):
            if getattr(self, field):
                labels.append(str(self._meta.get_field(field).verbose_name))
        return labels

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date


class ActivityMaterial(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="materials")
    kind = models.ForeignKey(MaterialKind, verbose_name=_("loại"), on_delete=models.PROTECT)
    count = models.PositiveIntegerField(_("số lượng"))

    class Meta:
        verbose_name = _("tài liệu, sản phẩm")
        verbose_name_plural = _("tài liệu, sản phẩm")
        constraints = [
            models.UniqueConstraint(fields=["activity", "kind"], name="one_material_row_per_kind")
        ]

    def __str__(self):
        return f"{self.kind}: {self.count}"


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Ảnh")
    PROGRAMME = "programme", _("Chương trình, kế hoạch tổ chức")
    PARTICIPANTS = "participants", _("Danh sách tham gia")
    OTHER = "other", _("Khác")


def attachment_path(instance, filename):
    return f"activities/{instance.activity_id}/{filename}"


class AttachmentQuerySet(ScopedQuerySet):
    scope_path = "activity__unit__path"
    scope_module = Module.ACTIVITIES


class ActivityAttachment(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("loại"), max_length=12, choices=AttachmentKind.choices)
    file = models.FileField(_("tệp"), upload_to=attachment_path)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["pk"]

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
