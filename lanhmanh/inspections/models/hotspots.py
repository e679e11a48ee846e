"""Public hotspots of prostitution, their status history and the police's patrol visits.

A hotspot is recorded at one commune (``unit``: whose hotspot it is, where it counts) and
may span others (``communes``: a stretch of road or a beach across a boundary), whose
users see it too. It may start as a suspected point ('điểm nghi') and be confirmed (made
active) or dismissed after verification; patrols are logged as they happen.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import READ, ScopedQuerySet, scope_for
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.organizations.models import Agency


class HotspotStatus(models.TextChoices):
    SUSPECTED = "suspected", _("Điểm nghi (chưa xác nhận)")
    DISMISSED = "dismissed", _("Đã xác minh, không phải tụ điểm")
    ACTIVE = "active", _("Đang hoạt động")
    ELIMINATED = "eliminated", _("Đã xóa bỏ")
    WATCH = "watch", _("Đang theo dõi")
    REACTIVATED = "reactivated", _("Hoạt động trở lại")


# Statuses in which a hotspot counts as active.
ACTIVE_STATUSES = (HotspotStatus.ACTIVE, HotspotStatus.REACTIVATED)


# Team 178 and the police both follow hotspots: either module opens them.
HOTSPOT_MODULES = (Module.INSPECTIONS, Module.ENFORCEMENT)


class HotspotQuerySet(ScopedQuerySet):
    scope_path = "unit__path"
    scope_module = Module.INSPECTIONS

    def visible_to(self, user, *, module: str | None = None, action: str = READ):
        """Hotspots at a commune of the user's scope or spanning one, for ``module`` (by
        default either module that follows hotspots)."""
        through = self.model.communes.through
        wanted = Q(pk__in=[])
        for name in [module] if module else HOTSPOT_MODULES:
            scope = scope_for(user, name, action=action)
            spanning = through.objects.filter(scope.q("administrativeunit__path"))
            wanted |= scope.q("unit__path") | Q(pk__in=spanning.values("hotspot_id"))
        return self.filter(wanted)


class Hotspot(models.Model):
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã, phường"),
        on_delete=models.PROTECT,
        related_name="hotspots",
    )
    communes = models.ManyToManyField(
        AdministrativeUnit,
        verbose_name=_("các xã, phường khác trải qua"),
        blank=True,
        related_name="hotspots_spanning",
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


class HotspotPatrolQuerySet(ScopedQuerySet):
    scope_path = "hotspot__unit__path"
    scope_module = Module.INSPECTIONS


class HotspotPatrol(models.Model):
    """A visit of a patrol to a hotspot: when, by which agency, what it saw."""

    hotspot = models.ForeignKey(
        Hotspot, verbose_name=_("tụ điểm"), on_delete=models.CASCADE, related_name="patrols"
    )
    on = models.DateField(_("ngày tuần tra"))
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan tuần tra"), on_delete=models.PROTECT, related_name="+"
    )
    observed = models.TextField(_("tình hình ghi nhận"))
    activity_seen = models.BooleanField(_("phát hiện dấu hiệu hoạt động mại dâm"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = HotspotPatrolQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt tuần tra tụ điểm")
        verbose_name_plural = _("lượt tuần tra tụ điểm")
        ordering = ["hotspot", "-on", "-pk"]

    def __str__(self):
        return f"{self.on:%d/%m/%Y} · {self.agency}"


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
