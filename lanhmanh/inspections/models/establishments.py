"""At-risk establishments, their status history and the commitments they sign."""

import re

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.core.text import fold, nfc
from lanhmanh.geography.models import AdministrativeUnit

from .catalogue import BusinessType


class EstablishmentStatus(models.TextChoices):
    OPERATING = "operating", _("Đang hoạt động")
    SUSPENDED = "suspended", _("Tạm ngừng")
    CLOSED = "closed", _("Đã đóng cửa")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _name_address_key(name_folded: str, address_folded: str) -> str:
    return _NOT_ALNUM.sub(" ", f"{name_folded} | {address_folded}").strip()[:400]


def name_address_key(name: str, address: str) -> str:
    """What two spellings of the same place share: folded, punctuation dropped."""
    return _name_address_key(fold(name), fold(address))


def licence_key(number: str) -> str:
    return _NOT_ALNUM.sub("", fold(number))[:60]


def establishment_keys(name: str, address: str, licence_number: str) -> dict[str, str]:
    """The search and duplicate keys of an establishment, each text folded once
    (``fold`` of the three joined by spaces is the three folds joined by spaces)."""
    folded = [fold(name), fold(address), fold(licence_number)]
    return {
        "search_key": " ".join(f for f in folded if f)[:400],
        "duplicate_key": _name_address_key(folded[0], folded[1]),
        "licence_key": _NOT_ALNUM.sub("", folded[2])[:60],
    }


class EstablishmentQuerySet(ScopedQuerySet):
    scope_path = "unit__path"
    scope_module = Module.INSPECTIONS

    def search(self, query: str):
        key = fold(query)
        return self.filter(search_key__contains=key) if key else self


class Establishment(models.Model):
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã, phường"),
        on_delete=models.PROTECT,
        related_name="establishments",
    )
    business_type = models.ForeignKey(
        BusinessType, verbose_name=_("loại hình"), on_delete=models.PROTECT
    )
    name = models.CharField(_("tên cơ sở"), max_length=255)
    address = models.CharField(_("địa chỉ"), max_length=255)
    licence_number = models.CharField(
        _("số giấy chứng nhận đăng ký kinh doanh, giấy phép"), max_length=60, blank=True
    )
    licence_date = models.DateField(_("ngày cấp"), null=True, blank=True)
    owner_name = models.CharField(
        _("chủ cơ sở, người quản lý (theo giấy phép)"), max_length=120, blank=True
    )
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    status = models.CharField(
        _("tình trạng"),
        max_length=10,
        choices=EstablishmentStatus.choices,
        default=EstablishmentStatus.OPERATING,
    )
    status_since = models.DateField(_("từ ngày"))
    risk_level = models.CharField(
        _("mức độ nguy cơ"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.MEDIUM
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    search_key = models.CharField(max_length=400, editable=False, db_index=True)
    duplicate_key = models.CharField(max_length=400, editable=False, db_index=True)
    licence_key = models.CharField(max_length=60, editable=False, db_index=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Optimistic concurrency: an edit form made from an older version is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    objects = EstablishmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ sở kinh doanh")
        verbose_name_plural = _("cơ sở kinh doanh")
        ordering = ["unit__path", "name", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_keys()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("inspections:establishment_detail", args=[self.pk])

    def fill_keys(self) -> None:
        """Normalise the text and compute the search and duplicate keys (also for
        ``bulk_create``, which does not call ``save``)."""
        self.name = nfc(self.name).strip()
        self.address = nfc(self.address).strip()
        self.owner_name = nfc(self.owner_name).strip()
        self.licence_number = nfc(self.licence_number).strip()
        for field, key in establishment_keys(self.name, self.address, self.licence_number).items():
            setattr(self, field, key)


class StatusChangeQuerySet(ScopedQuerySet):
    scope_path = "establishment__unit__path"
    scope_module = Module.INSPECTIONS


class EstablishmentStatusChange(models.Model):
    """The status history: one row per change, the first when the establishment is
    registered. The status at a date is the last row on or before it."""

    establishment = models.ForeignKey(
        Establishment,
        verbose_name=_("cơ sở"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    status = models.CharField(_("tình trạng"), max_length=10, choices=EstablishmentStatus.choices)
    since = models.DateField(_("từ ngày"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("thay đổi tình trạng cơ sở")
        verbose_name_plural = _("thay đổi tình trạng cơ sở")
        ordering = ["establishment", "-since", "-pk"]
        indexes = [models.Index(fields=["establishment", "since"])]

    def __str__(self):
        return f"{self.get_status_display()} ({self.since:%d/%m/%Y})"


class CommitmentQuerySet(ScopedQuerySet):
    scope_path = "establishment__unit__path"
    scope_module = Module.INSPECTIONS


class Commitment(models.Model):
    """A commitment not to allow prostitution, signed by the owner or manager."""

    establishment = models.ForeignKey(
        Establishment,
        verbose_name=_("cơ sở"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    signed_on = models.DateField(_("ngày ký"))
    signed_by = models.CharField(_("người ký"), max_length=120)
    document_number = models.CharField(_("số văn bản cam kết"), max_length=60, blank=True)
    document = models.FileField(_("bản cam kết"), upload_to="commitments/%Y/", blank=True)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bản cam kết")
        verbose_name_plural = _("bản cam kết")
        ordering = ["establishment", "-signed_on"]

    def __str__(self):
        return f"{self.signed_by} ({self.signed_on:%d/%m/%Y})"


class EstablishmentImportQuerySet(ScopedQuerySet):
    scope_path = "unit__path"
    scope_module = Module.INSPECTIONS


class EstablishmentImport(models.Model):
    """An uploaded register waiting for review: the parsed rows and their errors.
    Nothing reaches the register before the user confirms."""

    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("tên tệp"), max_length=255)
    rows = models.JSONField(_("các dòng"), default=list)
    file_errors = models.JSONField(_("lỗi của tệp"), default=list)
    saved_count = models.PositiveIntegerField(_("số cơ sở đã lưu"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EstablishmentImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần nhập danh sách cơ sở")
        verbose_name_plural = _("lần nhập danh sách cơ sở")
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("inspections:import_review", args=[self.pk])
