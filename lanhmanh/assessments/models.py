"""Assessment frameworks and the yearly assessment of communes.

A framework (NQLT 01/2008 for prostitution, Decision 28/2025/QĐ-TTg for drugs) is data:
its versions hold the criteria (points up to a maximum, or pass/fail, with the evidence
each asks for) and the classes with their thresholds. A version used by an assessment is
never changed: a change makes the next version, and past assessments keep theirs.

An assessment is one commune's score for one year under one framework kind: the commune
answers each criterion (the self-assessment), the level above adjusts answers with a
comment and approves, which fixes the class.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.core.scoping import resolve
from lanhmanh.geography.models import AdministrativeUnit


class FrameworkKind(models.TextChoices):
    PROSTITUTION = "prostitution", _("Xã, phường lành mạnh không có tệ nạn mại dâm")
    DRUGS = "drugs", _("Xã, phường không ma túy")


class Rule(models.TextChoices):
    POINTS = "points", _("Chấm điểm")
    PASS_FAIL = "pass_fail", _("Đạt / không đạt")


class Source(models.TextChoices):
    """What the system already knows and proposes for a criterion."""

    NONE = "", _("Không đề xuất")
    NO_ACTIVE_HOTSPOT = "no_active_hotspot", _("Không có tụ điểm đang hoạt động")
    AWARENESS_EACH_QUARTER = (
        "awareness_each_quarter",
        _("Ít nhất một hoạt động tuyên truyền mỗi quý"),
    )
    ESTABLISHMENTS_COMMITTED = "establishments_committed", _("Mọi cơ sở đã ký cam kết")
    TIPS_CLOSED = "tips_closed", _("Mọi tin báo trong năm đã được giải quyết")


class FrameworkQuerySet(ScopedQuerySet):
    scope_path = "unit__path"
    scope_module = Module.ASSESSMENTS

    def visible_to(self, user, *, module=None, action="read"):
        """National frameworks (no unit) are read by everyone with the module; a
        province's own by its scope."""
        scope = resolve(user, module or self.scope_module, action)
        if not scope:
            return self.none()
        if action != "read":
            return self.filter(scope.q(self.scope_path))
        return self.filter(models.Q(unit__isnull=True) | scope.q(self.scope_path))


class Framework(models.Model):
    kind = models.CharField(_("loại"), max_length=16, choices=FrameworkKind.choices)
    name = models.CharField(_("tên bộ tiêu chí"), max_length=255)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    # None: a national framework, edited by national administrators only.
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("tỉnh áp dụng riêng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("bộ tiêu chí đánh giá")
        verbose_name_plural = _("bộ tiêu chí đánh giá")
        ordering = ["kind", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("assessments:framework_detail", args=[self.pk])

    def current(self) -> FrameworkVersion | None:
        return self.versions.order_by("-number").first()


class VersionQuerySet(ScopedQuerySet):
    scope_path = "framework__unit__path"
    scope_module = Module.ASSESSMENTS

    def visible_to(self, user, *, module=None, action="read"):
        scope = resolve(user, module or self.scope_module, action)
        if not scope:
            return self.none()
        return self.filter(models.Q(framework__unit__isnull=True) | scope.q(self.scope_path))


class FrameworkVersion(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("phiên bản"))
    note = models.CharField(_("thay đổi"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên bản bộ tiêu chí")
        verbose_name_plural = _("phiên bản bộ tiêu chí")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="one_version_number")
        ]

    def __str__(self):
        return f"{self.framework} ({_('phiên bản')} {self.number})"

    @property
    def max_total(self) -> Decimal:
        return sum(
            (c.max_points or Decimal(0) for c in self.criteria.all() if c.rule == Rule.POINTS),
            Decimal(0),
        )


class Criterion(models.Model):
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="criteria"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.SlugField(_("mã"), max_length=40)
    text = models.TextField(_("tiêu chí"))
    rule = models.CharField(_("cách đánh giá"), max_length=10, choices=Rule.choices)
    max_points = models.DecimalField(
        _("điểm tối đa"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    # A pass/fail criterion every healthy class needs (e.g. no active hotspot).
    must_pass = models.BooleanField(_("bắt buộc đạt"), default=False)
    evidence_asked = models.CharField(_("minh chứng cần có"), max_length=255, blank=True)
    # False while the text has not been checked against the signed legal document.
    confirmed = models.BooleanField(_("đã xác nhận theo văn bản"), default=False)
    source = models.CharField(
        _("hệ thống đề xuất từ"), max_length=30, choices=Source.choices, blank=True
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["framework_version", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework_version", "code"], name="one_criterion_code_per_version"
            )
        ]

    def __str__(self):
        return f"{self.order}. {self.text[:60]}"


class AssessmentClass(models.Model):
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="classes"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("tên loại"), max_length=160)
    min_points = models.DecimalField(_("từ (điểm)"), max_digits=6, decimal_places=1)
    needs_all_required = models.BooleanField(_("phải đạt mọi tiêu chí bắt buộc"), default=False)
    healthy = models.BooleanField(_("được công nhận lành mạnh"), default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("loại (xếp loại)")
        verbose_name_plural = _("loại (xếp loại)")
        ordering = ["framework_version", "order", "pk"]

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", _("Đang tự đánh giá")
    SUBMITTED = "submitted", _("Đã gửi, chờ thẩm định")
    RETURNED = "returned", _("Trả lại để bổ sung")
    APPROVED = "approved", _("Đã phê duyệt")


class AssessmentQuerySet(ScopedQuerySet):
    scope_path = "unit__path"
    scope_module = Module.ASSESSMENTS


class Assessment(models.Model):
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã, phường"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại"), max_length=16, choices=FrameworkKind.choices)
    framework_version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("bộ tiêu chí"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    self_total = models.DecimalField(_("điểm tự chấm"), max_digits=7, decimal_places=1, default=0)
    total = models.DecimalField(_("điểm thẩm định"), max_digits=7, decimal_places=1, default=0)
    result_class = models.ForeignKey(
        AssessmentClass,
        verbose_name=_("xếp loại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_comment = models.TextField(_("ý kiến thẩm định"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_on = models.DateField(_("ngày phê duyệt"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("đánh giá xã, phường")
        verbose_name_plural = _("đánh giá xã, phường")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "kind"], name="one_assessment_per_commune_year_kind"
            )
        ]
        indexes = [models.Index(fields=["year", "kind", "status"])]

    def __str__(self):
        return f"{self.unit} — {self.year}"

    def get_absolute_url(self):
        return reverse("assessments:assessment_detail", args=[self.pk])

    @property
    def editable_by_commune(self) -> bool:
        return self.status in (Status.DRAFT, Status.RETURNED)


class AnswerQuerySet(ScopedQuerySet):
    scope_path = "assessment__unit__path"
    scope_module = Module.ASSESSMENTS


class Answer(models.Model):
    """One criterion of one assessment: the commune's answer, what the system proposed
    from its records (with the evidence), and the reviewer's adjustment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(
        _("điểm tự chấm"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    passed = models.BooleanField(_("tự đánh giá đạt"), null=True, blank=True)
    note = models.TextField(_("giải trình, minh chứng"), blank=True)
    proposed_points = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    proposed_passed = models.BooleanField(null=True, blank=True)
    proposal = models.CharField(_("hệ thống đề xuất"), max_length=255, blank=True)
    # [{"label": ..., "url": ...}]: the records the proposal was read from.
    evidence = models.JSONField(default=list, blank=True)
    override_reason = models.TextField(_("lý do khác đề xuất"), blank=True)
    adjusted_points = models.DecimalField(
        _("điểm thẩm định"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    adjusted_passed = models.BooleanField(_("thẩm định đạt"), null=True, blank=True)
    adjustment_comment = models.TextField(_("ý kiến thẩm định"), blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("kết quả theo tiêu chí")
        verbose_name_plural = _("kết quả theo tiêu chí")
        ordering = ["assessment", "criterion__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="one_answer_each")
        ]

    def __str__(self):
        return f"{self.assessment}: {self.criterion.code}"

    @property
    def adjusted(self) -> bool:
        return self.adjusted_points is not None or self.adjusted_passed is not None

    @property
    def final_points(self) -> Decimal | None:
        return self.adjusted_points if self.adjusted_points is not None else self.points

    @property
    def final_passed(self) -> bool | None:
        return self.adjusted_passed if self.adjusted_passed is not None else self.passed


def document_path(instance, filename):
    return f"assessments/{instance.assessment_id}/{filename}"


class DocumentQuerySet(ScopedQuerySet):
    scope_path = "assessment__unit__path"
    scope_module = Module.ASSESSMENTS


class AssessmentDocument(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to=document_path)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("tài liệu minh chứng")
        verbose_name_plural = _("tài liệu minh chứng")
        ordering = ["pk"]

    def __str__(self):
        return self.title
