"""Registers without persons: support models, volunteer social-work teams and
collaborators, outreach sessions as counts."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.organizations.models import Agency

from .common import RegisterQuerySet


class ModelKind(models.TextChoices):
    HARM_REDUCTION = "harm_reduction", _("Hỗ trợ giảm hại")
    REINTEGRATION = "reintegration", _("Hỗ trợ hòa nhập cộng đồng")
    WORKERS_RIGHTS = "workers_rights", _("Bảo đảm quyền người lao động trong cơ sở kinh doanh")
    VOCATIONAL = "vocational", _("Dạy nghề, việc làm, vay vốn")
    COUNSELLING = "counselling", _("Điểm tư vấn, hỗ trợ")
    PREVENTION = "prevention", _("Phòng ngừa tại cộng đồng")
    OTHER = "other", _("Khác")


class ModelStatus(models.TextChoices):
    ACTIVE = "active", _("Đang hoạt động")
    SUSPENDED = "suspended", _("Tạm dừng")
    ENDED = "ended", _("Đã kết thúc")


class SupportModel(models.Model):
    """A support programme (mô hình) run at named units."""

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị quản lý"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("tên mô hình"), max_length=255)
    kind = models.CharField(_("loại mô hình"), max_length=16, choices=ModelKind.choices)
    units_covered = models.ManyToManyField(
        AdministrativeUnit, verbose_name=_("địa bàn triển khai"), related_name="+", blank=True
    )
    started_on = models.DateField(_("ngày bắt đầu"))
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    managing_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan quản lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    participants = models.PositiveIntegerField(_("số người tham gia"), default=0)
    funding_source = models.CharField(_("nguồn kinh phí"), max_length=200, blank=True)
    budget = models.DecimalField(
        _("kinh phí (đồng)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=ModelStatus.choices, default=ModelStatus.ACTIVE
    )
    version = models.PositiveIntegerField(default=1)

    objects = RegisterQuerySet.as_manager()

    class Meta:
        verbose_name = _("mô hình hỗ trợ")
        verbose_name_plural = _("mô hình hỗ trợ")
        ordering = ["unit__path", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("support:model_update", args=[self.pk])


class TeamKind(models.TextChoices):
    TEAM = "team", _("Đội công tác xã hội tình nguyện")
    COLLABORATORS = "collaborators", _("Mạng lưới cộng tác viên")


class VolunteerTeam(models.Model):
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại"), max_length=14, choices=TeamKind.choices)
    name = models.CharField(_("tên"), max_length=200)
    established_on = models.DateField(_("ngày thành lập"))
    dissolved_on = models.DateField(_("ngày giải thể"), null=True, blank=True)
    leader_name = models.CharField(_("đội trưởng, người phụ trách"), max_length=120, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    members = models.PositiveIntegerField(_("số thành viên"), default=0)
    version = models.PositiveIntegerField(default=1)

    objects = RegisterQuerySet.as_manager()

    class Meta:
        verbose_name = _("đội công tác xã hội, cộng tác viên")
        verbose_name_plural = _("đội công tác xã hội, cộng tác viên")
        ordering = ["unit__path", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("support:team_update", args=[self.pk])


class OutreachKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Tiếp cận cá nhân")
    GROUP = "group", _("Sinh hoạt nhóm")
    PEER = "peer", _("Đồng đẳng viên")
    ONLINE = "online", _("Qua mạng")


# (field, group, sex) of the outreach counts: people reached by sex and group.
OUTREACH_CELLS = [
    ("sex_workers_female", "sex_worker", "female"),
    ("sex_workers_male", "sex_worker", "male"),
    ("victims_female", "victim", "female"),
    ("victims_male", "victim", "male"),
    ("at_risk_female", "at_risk", "female"),
    ("at_risk_male", "at_risk", "male"),
]


class OutreachSession(models.Model):
    """A session of outreach, recorded as counts of people reached: never who."""

    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("ngày"))
    kind = models.CharField(_("hình thức"), max_length=12, choices=OutreachKind.choices)
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    sex_workers_female = models.PositiveIntegerField(_("người bán dâm nữ"), default=0)
    sex_workers_male = models.PositiveIntegerField(_("người bán dâm nam"), default=0)
    victims_female = models.PositiveIntegerField(_("nạn nhân nữ"), default=0)
    victims_male = models.PositiveIntegerField(_("nạn nhân nam"), default=0)
    at_risk_female = models.PositiveIntegerField(_("người có nguy cơ, nữ"), default=0)
    at_risk_male = models.PositiveIntegerField(_("người có nguy cơ, nam"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RegisterQuerySet.as_manager()

    class Meta:
        verbose_name = _("buổi tiếp cận cộng đồng")
        verbose_name_plural = _("buổi tiếp cận cộng đồng")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"

    @property
    def total(self) -> int:
        return sum(getattr(self, f) for f, _g, _s in OUTREACH_CELLS)
