"""Public hotspots of prostitution and their status history."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.organizations.models import Agency


class HotspotStatus(models.TextChoices):
    ACTIVE = "active", _("Đang hoạt động")
    ELIMINATED = "eliminated", _("Đã xóa bỏ")
    WATCH = "watch", _("Đang theo dõi")
    REACTIVATED = "reactivated", _("Hoạt động trở lại")


# Statuses in which a hotspot counts as active.
ACTIVE_STATUSES = (HotspotStatus.ACTIVE, HotspotStatus.REACTIVATED)


class HotspotQuerySet(ScopedQuerySet):
    scope_path = "unit__path"
    scope_module = Module.INSPECTIONS


class Hotspot(models.Model):
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã, phường"),
        on_delete=models.PROTECT,
        related_name="hotspots",
    )
    name = models.CharField(_("tên, địa điểm"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    latitude = models.DecimalField(
        _("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    status = models.CharField(_("tình trạng"), max_length=12, choices=HotspotStatus.choices)
    status_since = models.DateField(_("từ ngày"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Optimistic concurrency: an edit form made from an older version is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    objects = HotspotQuerySet.as_manager()

    class Meta:
        verbose_name = _("tụ điểm")
        verbose_name_plural = _("tụ điểm")
        ordering = ["unit__path", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("inspections:hotspot_detail", args=[self.pk])


class HotspotStatusChangeQuerySet(ScopedQuerySet):
    scope_path = "hotspot__unit__path"
    scope_module = Module.INSPECTIONS


class HotspotStatusChange(models.Model):
    hotspot = models.ForeignKey(
        Hotspot, verbose_name=_("tụ điểm"), on_delete=models.CASCADE, related_name="changes"
    )
    status = models.CharField(_("tình trạng"), max_length=12, choices=HotspotStatus.choices)
    on = models.DateField(_("ngày"))
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = HotspotStatusChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("thay đổi tình trạng tụ điểm")
        verbose_name_plural = _("thay đổi tình trạng tụ điểm")
        ordering = ["hotspot", "-on", "-pk"]

    def __str__(self):
        return f"{self.get_status_display()} ({self.on:%d/%m/%Y})"
