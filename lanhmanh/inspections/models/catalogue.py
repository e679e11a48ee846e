"""Catalogues kept as rows: business types, checklist versions and items, violation types
with their legal basis. Decrees change; a new decree is new rows, not new code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BusinessType(models.Model):
    """A kind of business that can be misused for prostitution (Decree 178/2004, art. 3)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên loại hình"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    # Optimistic concurrency: an edit form made from an older version is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        verbose_name = _("loại hình kinh doanh")
        verbose_name_plural = _("loại hình kinh doanh")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class ChecklistVersion(models.Model):
    """One version of the checklist; an inspection keeps the version it was recorded with,
    so changing the list later does not rewrite old records."""

    name = models.CharField(_("tên"), max_length=200)
    number = models.PositiveSmallIntegerField(_("phiên bản"), unique=True)
    valid_from = models.DateField(_("áp dụng từ"))
    is_active = models.BooleanField(_("đang dùng"), default=True)
    # Optimistic concurrency: an edit form made from an older version is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        verbose_name = _("phiên bản danh mục kiểm tra")
        verbose_name_plural = _("phiên bản danh mục kiểm tra")
        ordering = ["-number"]

    def __str__(self):
        return f"{self.name} (v{self.number})"


class ChecklistArea(models.TextChoices):
    PROSTITUTION = "prostitution", _("Phòng, chống mại dâm")
    PUBLIC_ORDER = "public_order", _("An ninh, trật tự")
    CULTURE = "culture", _("Văn hóa")
    LABOUR = "labour", _("Sử dụng lao động")
    HEALTH = "health", _("Khám sức khỏe định kỳ cho người lao động")


class ChecklistItem(models.Model):
    version = models.ForeignKey(
        ChecklistVersion,
        verbose_name=_("phiên bản"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    area = models.CharField(_("nội dung"), max_length=20, choices=ChecklistArea.choices)
    text = models.CharField(_("nội dung kiểm tra"), max_length=300)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("mục kiểm tra")
        verbose_name_plural = _("mục kiểm tra")
        ordering = ["version", "order"]

    def __str__(self):
        return self.text


class Offender(models.TextChoices):
    """Who commits the act: a buyer or seller of sex is a person, never the establishment
    where it happened; concealing or protecting may be either."""

    PERSON = "person", _("Cá nhân")
    ORGANISATION = "organisation", _("Tổ chức")
    ANY = "any", _("Cá nhân hoặc tổ chức")


class ViolationTypeQuerySet(models.QuerySet):
    def in_force(self, day):
        """Rows of the decree in force on ``day``: an act is judged by the rules of its
        date (Decree 167/2013 until 2021, 144/2021, then 282/2025 from 15 Dec 2025)."""
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )

    def of_organisations(self):
        """Rows an establishment can commit (what an inspection records against it)."""
        return self.exclude(offender=Offender.PERSON)

    def of_persons(self):
        return self.exclude(offender=Offender.ORGANISATION)


class ViolationType(models.Model):
    """An administrative violation with its legal basis and fine range (VND), valid for
    the dates its decree was in force. ``to_confirm`` marks rows whose range was seeded
    without a checked source: an administrator confirms or corrects them."""

    decree = models.CharField(_("nghị định"), max_length=40)
    article = models.CharField(_("điều, khoản, điểm"), max_length=80)
    description = models.CharField(_("hành vi vi phạm"), max_length=300)
    fine_min = models.PositiveBigIntegerField(_("mức phạt tối thiểu (đồng)"))
    fine_max = models.PositiveBigIntegerField(_("mức phạt tối đa (đồng)"))
    warning_allowed = models.BooleanField(_("có thể phạt cảnh cáo"), default=False)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    offender = models.CharField(
        _("đối tượng vi phạm"), max_length=12, choices=Offender.choices, default=Offender.ANY
    )
    to_confirm = models.BooleanField(_("mức phạt cần xác nhận"), default=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    # Optimistic concurrency: an edit form made from an older version is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    objects = ViolationTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("hành vi vi phạm")
        verbose_name_plural = _("hành vi vi phạm")
        ordering = ["-valid_from", "order"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fine_min__lte=models.F("fine_max")),
                name="violation_type_fine_range",
            )
        ]

    def __str__(self):
        return f"{self.description} ({self.article}, {self.decree})"

    def in_force_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )
