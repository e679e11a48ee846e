"""Criminal cases.

A case climbs the stages of criminal procedure in order: the police record it (reported),
institute it and conclude the investigation, the procuracy indicts, the court tries it at
first instance (possibly as a mobile trial, 'xét xử lưu động') and, when appealed, on
appeal. Each stage has its date on the case (what the indicators count) and one row in
its history saying which agency advanced it and who recorded it. Defendants and victims
are counts by sex and age band, never names: the system keeps figures, not watch-lists.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.inspections.models import Establishment, Hotspot
from lanhmanh.organizations.models import Agency
from lanhmanh.tips.models import Tip


class Topic(models.TextChoices):
    PROSTITUTION = "prostitution", _("Mại dâm")
    TRAFFICKING = "trafficking", _("Mua bán người")


class CriminalArticle(models.Model):
    """An article of the Criminal Code 2015 a case may be instituted under: catalogue rows
    (a data migration loads them; an administrator adds amended articles)."""

    code = models.SlugField(_("mã"), max_length=20, unique=True)
    number = models.CharField(_("điều"), max_length=20)
    name = models.CharField(_("tội danh"), max_length=200)
    topic = models.CharField(_("lĩnh vực"), max_length=20, choices=Topic.choices)
    legal_basis = models.CharField(_("văn bản"), max_length=120, default="Bộ luật Hình sự 2015")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("điều luật hình sự")
        verbose_name_plural = _("điều luật hình sự")
        ordering = ["order", "code"]

    def __str__(self):
        return str(_("Điều %(number)s. %(name)s") % {"number": self.number, "name": self.name})


class Body(models.TextChoices):
    """The three bodies of criminal procedure; an agency's sector code says which."""

    POLICE = "police", _("Cơ quan công an")
    PROCURACY = "procuracy", _("Viện kiểm sát")
    COURT = "court", _("Tòa án")


class Stage(models.TextChoices):
    REPORTED = "reported", _("Phát hiện, tiếp nhận")
    INSTITUTED = "instituted", _("Khởi tố")
    INVESTIGATED = "investigated", _("Kết thúc điều tra")
    INDICTED = "indicted", _("Truy tố")
    TRIED = "tried", _("Xét xử sơ thẩm")
    APPEALED = "appealed", _("Xét xử phúc thẩm")


# The stages in procedural order, the body that advances each, and the case field that
# holds its date. A case moves one stage at a time; appeal is the only optional one.
STAGE_ORDER = [
    Stage.REPORTED,
    Stage.INSTITUTED,
    Stage.INVESTIGATED,
    Stage.INDICTED,
    Stage.TRIED,
    Stage.APPEALED,
]
STAGE_BODY = {
    Stage.REPORTED: Body.POLICE,
    Stage.INSTITUTED: Body.POLICE,
    Stage.INVESTIGATED: Body.POLICE,
    Stage.INDICTED: Body.PROCURACY,
    Stage.TRIED: Body.COURT,
    Stage.APPEALED: Body.COURT,
}
STAGE_DATE = {stage: f"{stage.value}_on" for stage in STAGE_ORDER}


def next_stage(stage: str) -> Stage | None:
    index = STAGE_ORDER.index(Stage(stage))
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


# Defendants' age bands: the codes of the 'age_group' breakdown of the report forms.
AGE_BANDS = ["under_16", "16_17", "18_29", "30_plus"]


class CriminalCaseQuerySet(ScopedQuerySet):
    scope_path = "unit__path"
    scope_module = Module.ENFORCEMENT

    def waiting_for(self, body: str):
        """Cases whose next stage is ``body``'s to advance (appeal aside: a tried case is
        done unless someone appeals)."""
        stages = [s for s in STAGE_ORDER[:-2] if STAGE_BODY[next_stage(s)] == body]
        return self.filter(stage__in=stages)


class CriminalCase(models.Model):
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn"),
        on_delete=models.PROTECT,
        related_name="criminal_cases",
    )
    reference = models.CharField(
        _("số hiệu vụ án"),
        max_length=60,
        help_text=_("Số quyết định khởi tố hoặc số hồ sơ của cơ quan điều tra."),
    )
    summary = models.CharField(
        _("tóm tắt"),
        max_length=255,
        help_text=_("Hành vi, địa điểm; không ghi họ tên bị can, bị hại."),
    )
    articles = models.ManyToManyField(
        CriminalArticle, verbose_name=_("điều luật"), related_name="cases"
    )
    stage = models.CharField(
        _("giai đoạn"), max_length=12, choices=Stage.choices, default=Stage.REPORTED
    )
    reported_on = models.DateField(_("ngày phát hiện, tiếp nhận"))
    instituted_on = models.DateField(_("ngày khởi tố"), null=True, blank=True)
    investigated_on = models.DateField(_("ngày kết thúc điều tra"), null=True, blank=True)
    indicted_on = models.DateField(_("ngày truy tố"), null=True, blank=True)
    tried_on = models.DateField(_("ngày xét xử sơ thẩm"), null=True, blank=True)
    appealed_on = models.DateField(_("ngày xét xử phúc thẩm"), null=True, blank=True)
    mobile_trial = models.BooleanField(_("xét xử lưu động"), default=False)

    # Counts, never names.
    defendants_male = models.PositiveIntegerField(_("bị can nam"), default=0)
    defendants_female = models.PositiveIntegerField(_("bị can nữ"), default=0)
    defendants_under_16 = models.PositiveIntegerField(_("bị can dưới 16 tuổi"), default=0)
    defendants_16_17 = models.PositiveIntegerField(_("bị can 16–17 tuổi"), default=0)
    defendants_18_29 = models.PositiveIntegerField(_("bị can 18–29 tuổi"), default=0)
    defendants_30_plus = models.PositiveIntegerField(_("bị can từ 30 tuổi"), default=0)
    victims = models.PositiveIntegerField(_("nạn nhân được giải cứu"), default=0)
    victims_children = models.PositiveIntegerField(_("trong đó trẻ em (dưới 18 tuổi)"), default=0)
    ring_broken = models.BooleanField(_("triệt phá đường dây, ổ nhóm"), default=False)

    # Where it came from, when it came from a record of the system.
    tip = models.ForeignKey(
        Tip,
        verbose_name=_("từ tin báo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="criminal_cases",
    )
    establishment = models.ForeignKey(
        Establishment,
        verbose_name=_("tại cơ sở"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="criminal_cases",
    )
    hotspot = models.ForeignKey(
        Hotspot,
        verbose_name=_("tại tụ điểm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="criminal_cases",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic concurrency: an edit form made from an older version is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    objects = CriminalCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("vụ án")
        verbose_name_plural = _("vụ án")
        ordering = ["-reported_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(victims_children__lte=models.F("victims")),
                name="case_children_within_victims",
                violation_error_message=_(
                    "Số nạn nhân là trẻ em không được lớn hơn tổng số nạn nhân."
                ),
            )
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("cases:case_detail", args=[self.pk])

    @property
    def defendants(self) -> int:
        return self.defendants_male + self.defendants_female

    @property
    def next_stage(self) -> Stage | None:
        return next_stage(self.stage)

    @property
    def body(self) -> str:
        """The body holding the case now: the one whose stage comes next (the court once
        tried)."""
        upcoming = self.next_stage
        return STAGE_BODY[upcoming] if upcoming else Body.COURT

    def date_of(self, stage: str):
        return getattr(self, STAGE_DATE[Stage(stage)])


class CaseStepQuerySet(ScopedQuerySet):
    scope_path = "case__unit__path"
    scope_module = Module.ENFORCEMENT


class CaseStep(models.Model):
    """One stage reached: when, by which agency, recorded by whom."""

    case = models.ForeignKey(
        CriminalCase, verbose_name=_("vụ án"), on_delete=models.CASCADE, related_name="steps"
    )
    stage = models.CharField(_("giai đoạn"), max_length=12, choices=Stage.choices)
    on = models.DateField(_("ngày"))
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CaseStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("bước tố tụng")
        verbose_name_plural = _("bước tố tụng")
        ordering = ["case", "on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="case_step_once"),
        ]

    def __str__(self):
        return f"{self.get_stage_display()} ({self.on:%d/%m/%Y})"
