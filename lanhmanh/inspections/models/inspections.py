"""Inspection plans, inspections with their checklist, violations and sanctions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.organizations.models import InspectionTeam, TeamMember

from .catalogue import ChecklistItem, ChecklistVersion, ViolationType
from .establishments import Establishment


class InspectionPlanQuerySet(ScopedQuerySet):
    scope_path = "team__unit__path"
    scope_module = Module.INSPECTIONS


class InspectionPlan(models.Model):
    """A team's plan for a period, approved by the committee chair, naming the
    establishments to visit."""

    team = models.ForeignKey(
        InspectionTeam,
        verbose_name=_("đội kiểm tra"),
        on_delete=models.PROTECT,
        related_name="inspection_plans",
    )
    title = models.CharField(_("tên kế hoạch"), max_length=255)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    approved_by = models.CharField(_("người phê duyệt (Chủ tịch UBND)"), max_length=120, blank=True)
    approved_on = models.DateField(_("ngày phê duyệt"), null=True, blank=True)
    establishments = models.ManyToManyField(
        Establishment, verbose_name=_("cơ sở cần kiểm tra"), blank=True, related_name="plans"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InspectionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch kiểm tra")
        verbose_name_plural = _("kế hoạch kiểm tra")
        ordering = ["-period_start", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("inspections:plan_detail", args=[self.pk])

    @property
    def is_approved(self) -> bool:
        return bool(self.approved_by and self.approved_on)


class InspectionKind(models.TextChoices):
    PLANNED = "planned", _("Theo kế hoạch")
    UNANNOUNCED = "unannounced", _("Đột xuất")
    FOLLOW_UP = "follow_up", _("Kiểm tra lại")


class Trigger(models.TextChoices):
    TIP = "tip", _("Tin báo, tố giác")
    REQUEST = "request", _("Yêu cầu của cấp trên, cơ quan chức năng")
    COMPLAINT = "complaint", _("Phản ánh của người dân")
    OTHER = "other", _("Khác")


class InspectionQuerySet(ScopedQuerySet):
    scope_path = "establishment__unit__path"
    scope_module = Module.INSPECTIONS


class Inspection(models.Model):
    establishment = models.ForeignKey(
        Establishment,
        verbose_name=_("cơ sở"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    team = models.ForeignKey(
        InspectionTeam,
        verbose_name=_("đội kiểm tra"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    kind = models.CharField(_("hình thức"), max_length=12, choices=InspectionKind.choices)
    plan = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("kế hoạch kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspections",
    )
    trigger = models.CharField(
        _("lý do kiểm tra đột xuất"), max_length=10, choices=Trigger.choices, blank=True
    )
    trigger_note = models.CharField(_("chi tiết lý do"), max_length=255, blank=True)
    follow_up_of = models.ForeignKey(
        "self",
        verbose_name=_("kiểm tra lại của lần kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    started_at = models.DateTimeField(_("thời gian kiểm tra"))
    members_present = models.ManyToManyField(
        TeamMember, verbose_name=_("thành viên có mặt"), related_name="inspections"
    )
    few_members_confirmed = models.BooleanField(
        _("xác nhận có mặt dưới 3 thành viên"), default=False
    )
    checklist_version = models.ForeignKey(
        ChecklistVersion,
        verbose_name=_("danh mục kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    findings = models.TextField(_("kết quả kiểm tra"), blank=True)
    record_number = models.CharField(_("số biên bản"), max_length=60, blank=True)
    remedial_measures = models.TextField(_("biện pháp khắc phục"), blank=True)
    follow_up_due = models.DateField(_("hạn kiểm tra lại"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt kiểm tra")
        verbose_name_plural = _("lượt kiểm tra")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["started_at"])]

    def __str__(self):
        return f"{self.establishment} — {self.started_at:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("inspections:inspection_detail", args=[self.pk])


class CheckResult(models.TextChoices):
    COMPLIANT = "ok", _("Đạt")
    NOT_COMPLIANT = "not_ok", _("Không đạt")
    NOT_CHECKED = "na", _("Không kiểm tra")


class InspectionCheck(models.Model):
    inspection = models.ForeignKey(
        Inspection, verbose_name=_("lượt kiểm tra"), on_delete=models.CASCADE, related_name="checks"
    )
    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("mục kiểm tra"), on_delete=models.PROTECT
    )
    result = models.CharField(_("kết quả"), max_length=6, choices=CheckResult.choices)

    class Meta:
        verbose_name = _("kết quả mục kiểm tra")
        verbose_name_plural = _("kết quả mục kiểm tra")
        ordering = ["inspection", "item__order"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="inspection_check_once")
        ]

    def __str__(self):
        return f"{self.item}: {self.get_result_display()}"


class Sanction(models.TextChoices):
    FINE = "fine", _("Phạt tiền")
    WARNING = "warning", _("Phạt cảnh cáo")
    REFERRAL = "referral", _("Chuyển cơ quan có thẩm quyền")


class ViolationQuerySet(ScopedQuerySet):
    scope_path = "inspection__establishment__unit__path"
    scope_module = Module.INSPECTIONS


class Violation(models.Model):
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("lượt kiểm tra"),
        on_delete=models.CASCADE,
        related_name="violations",
    )
    violation_type = models.ForeignKey(
        ViolationType, verbose_name=_("hành vi vi phạm"), on_delete=models.PROTECT
    )
    sanction = models.CharField(_("hình thức xử lý"), max_length=10, choices=Sanction.choices)
    fine_vnd = models.PositiveBigIntegerField(_("số tiền phạt (đồng)"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định xử phạt"), max_length=60, blank=True)
    referred_to = models.CharField(_("chuyển đến cơ quan"), max_length=255, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = ViolationQuerySet.as_manager()

    class Meta:
        verbose_name = _("vi phạm")
        verbose_name_plural = _("vi phạm")
        ordering = ["inspection", "pk"]

    def __str__(self):
        return str(self.violation_type)
