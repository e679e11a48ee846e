"""Report forms, submissions and the figures they carry.

A submission carries the figures of its own unit (or of one agency of it) for one period,
never totals of the units below: the system sums those (``indicators.values``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.geography.models import AdministrativeUnit, Level
from lanhmanh.indicators.models import Indicator
from lanhmanh.indicators.registry import Window
from lanhmanh.organizations.models import Agency, Sector

from .periods import Period, PeriodKind, deadline_for, period_from_key


class ReportForm(models.Model):
    """A 'biểu mẫu báo cáo': the figures a kind of unit (or one sector's agency at it)
    reports each period. A catalogue row, shared by every unit of that level."""

    code = models.SlugField(_("mã biểu"), max_length=40, unique=True)
    name = models.CharField(_("tên biểu mẫu"), max_length=255)
    description = models.TextField(_("hướng dẫn"), blank=True)
    periodicity = models.CharField(_("kỳ báo cáo"), max_length=12, choices=PeriodKind.choices)
    unit_level = models.CharField(_("cấp báo cáo"), max_length=10, choices=Level.choices)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("ngành báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report_forms",
        help_text=_("Để trống nếu Ủy ban nhân dân (cơ quan thường trực) báo cáo."),
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("hạn gửi (số ngày sau ngày chốt số liệu)"), default=3
    )
    # {level: extra days} for a report that climbs: each level reports after the one below.
    deadline_offsets = models.JSONField(_("hạn gửi lùi theo cấp"), default=dict, blank=True)
    indicators = models.ManyToManyField(
        Indicator,
        through="ReportFormIndicator",
        verbose_name=_("chỉ số"),
        related_name="report_forms",
    )
    active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("biểu mẫu báo cáo")
        verbose_name_plural = _("biểu mẫu báo cáo")
        ordering = ["unit_level", "code"]

    def __str__(self):
        return self.name

    def clean(self):
        # Decree 09/2019: at least one working day between the cut-off and the deadline.
        if self.deadline_days < 1:
            raise ValidationError(
                {"deadline_days": _("Hạn gửi phải sau ngày chốt số liệu ít nhất một ngày.")}
            )

    def deadline(self, period: Period, level: str = ""):
        return deadline_for(
            period.window,
            self.deadline_days,
            level=level or self.unit_level,
            offsets=self.deadline_offsets,
        )


class ReportFormIndicator(models.Model):
    """One row of a form: an indicator, in order, with the disaggregations it asks for."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="rows")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ số"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    disaggregations = models.JSONField(_("phân tổ"), default=list, blank=True)
    required = models.BooleanField(_("bắt buộc"), default=True)

    class Meta:
        verbose_name = _("chỉ số của biểu mẫu")
        verbose_name_plural = _("chỉ số của biểu mẫu")
        ordering = ["form", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["form", "indicator"], name="form_indicator_unique")
        ]

    def __str__(self):
        return f"{self.form.code}: {self.indicator.code}"

    def clean(self):
        extra = set(self.disaggregations or []) - set(self.indicator.disaggregations or [])
        if extra:
            message = _("Chỉ số này không có phân tổ: %(names)s") % {
                "names": ", ".join(sorted(extra))
            }
            raise ValidationError({"disaggregations": message})


class Status(models.TextChoices):
    DRAFT = "draft", _("Đang nhập")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    APPROVED = "approved", _("Đã duyệt")


# Figures that count in the values: approved ones, and submitted ones flagged provisional.
COUNTED_STATUSES = (Status.APPROVED, Status.SUBMITTED)
EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)


class SubmissionQuerySet(ScopedQuerySet):
    scope_path = "unit__path"
    scope_module = Module.REPORTING

    def for_period(self, period: Period):
        return self.filter(period_key=period.key)

    def within(self, window: Window):
        return self.filter(period_start__gte=window.start, period_end__lte=window.end)


class Submission(models.Model):
    """The figures one unit (or one of its agencies) reports on one form for one period."""

    form = models.ForeignKey(
        ReportForm, verbose_name=_("biểu mẫu"), on_delete=models.PROTECT, related_name="submissions"
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị báo cáo"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    period_kind = models.CharField(_("loại kỳ"), max_length=12, choices=PeriodKind.choices)
    period_key = models.CharField(_("kỳ báo cáo"), max_length=40)
    period_start = models.DateField(_("chốt số liệu từ ngày"))
    period_end = models.DateField(_("chốt số liệu đến ngày"))
    deadline = models.DateField(_("hạn gửi"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Optimistic concurrency: every write of figures or status bumps it; a write that
    # brings an older version is refused (two officers never overwrite each other).
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    # Timeliness is that of the first sending: a report returned for correction and sent
    # again after the deadline was still sent on time.
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_comment = models.TextField(_("lý do trả lại"), blank=True)
    reopened_reason = models.TextField(_("lý do mở lại"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-period_end", "unit__path", "form__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "unit", "period_key"],
                condition=models.Q(agency__isnull=True),
                name="submission_unique_per_unit",
            ),
            models.UniqueConstraint(
                fields=["form", "unit", "agency", "period_key"],
                condition=models.Q(agency__isnull=False),
                name="submission_unique_per_agency",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "period_start", "period_end"]),
            models.Index(fields=["unit", "period_end"]),
        ]

    def __str__(self):
        return f"{self.form.name} — {self.unit} — {self.period.label}"

    @property
    def period(self) -> Period:
        return period_from_key(self.period_key)

    @property
    def window(self) -> Window:
        return Window(self.period_start, self.period_end)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_locked(self) -> bool:
        return self.status == Status.APPROVED

    @property
    def is_late(self) -> bool:
        """First sent after the deadline (or, never sent yet, past it today). A report
        returned and corrected keeps the timeliness of its first sending."""
        from django.utils import timezone

        sent = self.first_submitted_at or self.submitted_at
        if sent:
            return timezone.localdate(sent) > self.deadline
        return timezone.localdate() > self.deadline


class SubmissionValue(models.Model):
    """One figure: an indicator's total ('' disaggregation) or one of its parts."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ số"), on_delete=models.PROTECT, related_name="+"
    )
    disaggregation = models.CharField(_("phân tổ"), max_length=60, blank=True, default="")
    numerator = models.DecimalField(_("số liệu"), max_digits=18, decimal_places=2)
    denominator = models.DecimalField(
        _("mẫu số"), max_digits=18, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("số liệu báo cáo")
        verbose_name_plural = _("số liệu báo cáo")
        ordering = ["submission", "indicator__order", "disaggregation"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator", "disaggregation"], name="value_unique"
            )
        ]
        indexes = [models.Index(fields=["indicator", "disaggregation"])]

    def __str__(self):
        return f"{self.indicator.code}[{self.disaggregation}] = {self.numerator}"


class Action(models.TextChoices):
    CREATED = "created", _("Tạo báo cáo")
    SAVED = "saved", _("Cập nhật số liệu")
    SUBMITTED = "submitted", _("Gửi báo cáo")
    APPROVED = "approved", _("Duyệt")
    RETURNED = "returned", _("Trả lại")
    REOPENED = "reopened", _("Mở lại để sửa")


class SubmissionEvent(models.Model):
    """The history of a submission, in the words the users see; the full field-level
    trail is in the audit log."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("thời gian"))
    comment = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("lịch sử báo cáo")
        verbose_name_plural = _("lịch sử báo cáo")
        ordering = ["submission", "at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%d/%m/%Y %H:%M}"


class ReminderSent(models.Model):
    """A reminder already emailed on a day: ``send_reminders`` skips it when cron runs the
    command again the same day. ``key`` names the officer, form, unit, period and kind."""

    sent_on = models.DateField(_("ngày gửi"))
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thư nhắc đã gửi")
        constraints = [
            models.UniqueConstraint(fields=["sent_on", "key"], name="reminder_sent_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.sent_on:%d/%m/%Y} {self.key}"


from .requests_models import ReportRequest  # noqa: E402, F401 - a model of the app, in its file
