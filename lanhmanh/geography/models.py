import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.scoping import ScopedQuerySet
from lanhmanh.core.text import fold, nfc


class Level(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class Kind(models.TextChoices):
    """The legal kind of a unit; several kinds share a level."""

    PROVINCE = "tinh", _("Tỉnh")
    CENTRAL_CITY = "thanh_pho_tw", _("Thành phố trực thuộc trung ương")
    RURAL_DISTRICT = "huyen", _("Huyện")
    URBAN_DISTRICT = "quan", _("Quận")
    DISTRICT_TOWN = "thi_xa", _("Thị xã")
    PROVINCIAL_CITY = "thanh_pho", _("Thành phố thuộc tỉnh")
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    TOWNSHIP = "thi_tran", _("Thị trấn")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")


# How a unit's name is written (the choice labels above say what the kind is).
KIND_PREFIX = {
    Kind.PROVINCE: _("Tỉnh"),
    Kind.CENTRAL_CITY: _("Thành phố"),
    Kind.RURAL_DISTRICT: _("Huyện"),
    Kind.URBAN_DISTRICT: _("Quận"),
    Kind.DISTRICT_TOWN: _("Thị xã"),
    Kind.PROVINCIAL_CITY: _("Thành phố"),
    Kind.COMMUNE: _("Xã"),
    Kind.WARD: _("Phường"),
    Kind.TOWNSHIP: _("Thị trấn"),
    Kind.SPECIAL_ZONE: _("Đặc khu"),
}


class Scheme(models.TextChoices):
    """The official code list a unit's code belongs to: codes are reused across lists."""

    LEGACY = "2004", _("Danh mục theo QĐ 124/2004/QĐ-TTg (trước 01/07/2025)")
    CURRENT = "2025", _("Danh mục theo QĐ 19/2025/QĐ-TTg (từ 01/07/2025)")


class UnitQuerySet(ScopedQuerySet):
    scope_path = "path"

    def valid_on(self, day: datetime.date):
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )

    def current(self):
        return self.filter(valid_to__isnull=True)

    def search(self, query: str):
        """Diacritic- and case-insensitive name search ('thanh hoa' finds 'Thanh Hóa')."""
        key = fold(query)
        if not key:
            return self
        return self.filter(search_key__contains=key)

    def subtree_of(self, unit: "AdministrativeUnit"):
        return self.within(unit)


class AdministrativeUnit(models.Model):
    """A province, district or commune, as it existed between two dates.

    ``path`` is a materialised path of official codes ('2025/38/16015/'): a subtree is one
    indexed prefix query on both engines, and the path is readable in logs and URLs.
    """

    scheme = models.CharField(_("danh mục"), max_length=4, choices=Scheme.choices)
    code = models.CharField(_("mã"), max_length=10)
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("đường dẫn"), max_length=64, unique=True, editable=False)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    search_key = models.CharField(max_length=200, db_index=True, editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "level", "code"], name="unit_code_unique"),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.search_key = fold(self.name)
        self.path = self.build_path()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("geography:unit_detail", args=[self.pk])

    def build_path(self) -> str:
        prefix = self.parent.path if self.parent_id else f"{self.scheme}/"
        return f"{prefix}{self.code}/"

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})
        if self.parent_id and self.parent.scheme != self.scheme:
            raise ValidationError({"parent": _("Đơn vị cấp trên phải cùng danh mục mã.")})

    @property
    def full_name(self) -> str:
        """The name as documents write it: 'Thành phố Sầm Sơn', 'Xã Quảng Ngọc'."""
        return f"{KIND_PREFIX[self.kind]} {self.name}"

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def ancestors(self):
        """The units above this one, from the top, in one query."""
        parts = self.path.strip("/").split("/")
        paths = ["/".join(parts[:i]) + "/" for i in range(2, len(parts))]
        return AdministrativeUnit.objects.filter(path__in=paths).order_by("path")


class ChangeKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")
    ABOLISH = "abolish", _("Giải thể cấp")


class UnitChange(models.Model):
    """One edge from a unit to a successor, on a date.

    A commune split between several new communes has one row per successor, each
    ``partial``; a merge has one row per merged unit, all pointing at the same successor.
    """

    predecessor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị cũ"),
        on_delete=models.CASCADE,
        related_name="changes_out",
    )
    successor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị mới"),
        on_delete=models.CASCADE,
        related_name="changes_in",
    )
    kind = models.CharField(_("hình thức"), max_length=10, choices=ChangeKind.choices)
    effective_on = models.DateField(_("ngày hiệu lực"))
    partial = models.BooleanField(
        _("một phần"), default=False, help_text=_("Chỉ một phần đơn vị cũ nhập vào đơn vị mới.")
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("thay đổi đơn vị hành chính")
        verbose_name_plural = _("thay đổi đơn vị hành chính")
        ordering = ["effective_on", "predecessor__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor", "effective_on"], name="unit_change_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")), name="unit_change_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.effective_on:%d/%m/%Y})"
