"""The services catalogue and the register of service providers."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.geography.models import AdministrativeUnit

from .common import RegisterQuerySet


class ServiceType(models.Model):
    """A kind of support service (catalogue row, loaded by a data migration)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên dịch vụ"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("loại dịch vụ hỗ trợ")
        verbose_name_plural = _("loại dịch vụ hỗ trợ")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class Provider(models.Model):
    """A service provider a case may be referred to: only providers of this register."""

    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên cơ sở cung cấp dịch vụ"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    contact_person = models.CharField(_("người liên hệ"), max_length=120, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    services = models.ManyToManyField(
        ServiceType, verbose_name=_("dịch vụ cung cấp"), related_name="providers"
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    version = models.PositiveIntegerField(default=1)

    objects = RegisterQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ sở cung cấp dịch vụ")
        verbose_name_plural = _("cơ sở cung cấp dịch vụ")
        ordering = ["unit__path", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("support:provider_update", args=[self.pk])
