from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.core.text import fold, nfc
from lanhmanh.geography.models import AdministrativeUnit, Level


class Sector(models.Model):
    """A line of government (police, health, culture…): catalogue rows, not code."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    # Optimistic concurrency: an edit form made from an older version is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        verbose_name = _("ngành, lĩnh vực")
        verbose_name_plural = _("ngành, lĩnh vực")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class AgencyQuerySet(ScopedQuerySet):
    scope_path = "unit__path"

    def search(self, query: str):
        key = fold(query)
        return self.filter(search_key__contains=key) if key else self


class Agency(models.Model):
    """A department, office, union or committee of a unit that can be given tasks."""

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("ngành"), on_delete=models.PROTECT, related_name="agencies"
    )
    name = models.CharField(_("tên cơ quan"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    search_key = models.CharField(max_length=255, db_index=True, editable=False)
    # Optimistic concurrency: an edit form made from an older version is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["unit__path", "sector__order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="agency_name_unique_in_unit"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.search_key = fold(f"{self.name} {self.short_name}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organizations:agency_detail", args=[self.pk])


class StandingAgencyQuerySet(ScopedQuerySet):
    scope_path = "unit__path"


class StandingAgency(models.Model):
    """Which agency coordinates the programme at a unit, and when.

    Dated because the role moved: labour offices until 2025, health departments after
    (Decree 42/2025/NĐ-CP).
    """

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.CASCADE,
        related_name="standing_agencies",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan thường trực"),
        on_delete=models.PROTECT,
        related_name="standing_roles",
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = StandingAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan thường trực")
        verbose_name_plural = _("cơ quan thường trực")
        ordering = ["unit__path", "-valid_from"]

    def __str__(self):
        return f"{self.agency} ({self.valid_from:%d/%m/%Y})"

    def clean(self):
        if self.agency_id and self.unit_id and self.agency.unit_id != self.unit_id:
            raise ValidationError({"agency": _("Cơ quan thường trực phải thuộc đơn vị này.")})
        if self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class InspectionTeamQuerySet(ScopedQuerySet):
    scope_path = "unit__path"


class InspectionTeam(models.Model):
    """An inter-agency inspection team (team 178) set up by a committee chair."""

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="inspection_teams",
    )
    name = models.CharField(_("tên đội"), max_length=255)
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=60, blank=True)
    established_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể"), null=True, blank=True)

    # Optimistic concurrency: an edit form made from an older version is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    objects = InspectionTeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("đội kiểm tra liên ngành 178")
        verbose_name_plural = _("đội kiểm tra liên ngành 178")
        ordering = ["unit__path", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:team_detail", args=[self.pk])


class TeamRole(models.TextChoices):
    LEADER = "leader", _("Đội trưởng")
    DEPUTY = "deputy", _("Đội phó")
    MEMBER = "member", _("Thành viên")


class TeamMember(models.Model):
    team = models.ForeignKey(
        InspectionTeam, verbose_name=_("đội"), on_delete=models.CASCADE, related_name="members"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan cử"),
        on_delete=models.PROTECT,
        related_name="team_memberships",
    )
    full_name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    role = models.CharField(
        _("vai trò"), max_length=10, choices=TeamRole.choices, default=TeamRole.MEMBER
    )
    card_number = models.CharField(_("số thẻ kiểm tra"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("thành viên đội")
        verbose_name_plural = _("thành viên đội")
        ordering = ["team", "role", "full_name"]

    def __str__(self):
        return f"{self.full_name or self.agency} ({self.get_role_display()})"


class AgencyTemplate(models.Model):
    """A usual agency for units of a level, in a period: the catalogue behind
    'create the usual agencies' for a unit. ``{unit}`` in the name is the unit's name."""

    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    sector = models.ForeignKey(Sector, verbose_name=_("ngành"), on_delete=models.CASCADE)
    name = models.CharField(_("mẫu tên"), max_length=255)
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    is_standing = models.BooleanField(_("là cơ quan thường trực"), default=False)
    # Optimistic concurrency: an edit form made from an older version is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        verbose_name = _("mẫu cơ quan")
        verbose_name_plural = _("mẫu cơ quan")
        ordering = ["level", "sector__order", "name"]

    def __str__(self):
        return f"{self.get_level_display()}: {self.name}"
