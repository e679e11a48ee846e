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
from lanhmanh.indicators.models import Indicator, OwnedQuerySet
from lanhmanh.indicators.registry import Window
from lanhmanh.organizations.models import Agency, InspectionTeam, Sector

from .periods import Period, PeriodKind, deadline_for, period_from_key


class Reporter(models.TextChoices):
    COMMITTEE = "committee", _("Ủy ban nhân dân (cơ quan thường trực)")
    AGENCY = "agency", _("Cơ quan chuyên môn của ngành")
    TEAM = "team", _("Đội kiểm tra liên ngành 178")


class Recipient(models.TextChoices):
    PARENT_COMMITTEE = "parent_committee", _("Ủy ban nhân dân cấp trên")
    PARENT_STANDING = "parent_standing", _("Cơ quan thường trực cấp trên")
    STEERING = "steering", _("Ban Chỉ đạo")


class ReportFormQuerySet(OwnedQuerySet):
    def current(self):
        return self.filter(current=True)


# The parts of a form whose change, once reports were filed on it, makes a new edition.
FORM_MEANING_FIELDS = (
    "periodicity",
    "unit_level",
    "reporter",
    "sector",
    "deadline_days",
    "deadline_offsets",
)


class ReportForm(models.Model):
    """A 'biểu mẫu báo cáo': the figures and written sections a kind of unit (or one
    sector's agency at it, or its team 178) reports each period. National (no ``owner``)
    or a province's own. Reports keep pointing at the edition they were filed on: a form
    in use is never edited in place (``report_form_save`` makes a new edition)."""

    code = models.SlugField(_("mã biểu"), max_length=40)
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
    reporter = models.CharField(
        _("ai báo cáo"), max_length=10, choices=Reporter.choices, default=Reporter.COMMITTEE
    )
    # Blank: every unit of the level (inside the owner, for a province's form).
    units = models.ManyToManyField(
        AdministrativeUnit, verbose_name=_("đơn vị báo cáo"), blank=True, related_name="+"
    )
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    owner = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị sở hữu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    edition = models.PositiveSmallIntegerField(_("lần ban hành"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("thay thế biểu mẫu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_edition",
    )
    current = models.BooleanField(_("bản hiện hành"), default=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    objects = ReportFormQuerySet.as_manager()

    class Meta:
        verbose_name = _("biểu mẫu báo cáo")
        verbose_name_plural = _("biểu mẫu báo cáo")
        ordering = ["unit_level", "code", "edition"]
        constraints = [
            models.UniqueConstraint(fields=["code", "edition"], name="form_code_edition"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(current=True), name="form_code_current"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def topics(self) -> list[str]:
        """The topics of the form's indicators, in the catalogue's order."""
        from lanhmanh.indicators.models import Topic

        found = {row.indicator.topic for row in self.rows.select_related("indicator")}
        return [t for t in Topic.values if t in found]

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


class SectionKind(models.TextChoices):
    FIGURES = "figures", _("Số liệu")
    SITUATION = "situation", _("Tình hình")
    RESULTS = "results", _("Kết quả thực hiện")
    DIFFICULTIES = "difficulties", _("Khó khăn, vướng mắc và nguyên nhân")
    PROPOSALS = "proposals", _("Đề xuất, kiến nghị")
    OTHER = "other", _("Nội dung khác")


class ReportFormSection(models.Model):
    """A part of a form: a group of figures, or a written section (a text box) whose
    texts roll up from the units below by ``kind``."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại"), max_length=15, choices=SectionKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=255)
    help_text = models.TextField(_("hướng dẫn"), blank=True)

    class Meta:
        verbose_name = _("phần của biểu mẫu")
        verbose_name_plural = _("phần của biểu mẫu")
        ordering = ["form", "order", "id"]

    def __str__(self):
        return self.title

    @property
    def is_text(self) -> bool:
        return self.kind != SectionKind.FIGURES


class ReportFormIndicator(models.Model):
    """One row of a form: an indicator, in order, with the disaggregations it asks for."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="rows")
    section = models.ForeignKey(
        ReportFormSection, null=True, blank=True, on_delete=models.SET_NULL, related_name="rows"
    )
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


class RuleKind(models.TextChoices):
    SUM_OF_PARTS = "sum_of_parts", _("Tổng số bằng cộng các phân tổ")
    AT_MOST = "at_most", _("Số liệu không lớn hơn số liệu khác")
    NUMERATOR_AT_MOST_DENOMINATOR = "ratio", _("Tử số không lớn hơn mẫu số")
    REQUIRED = "required", _("Bắt buộc nhập")


class Severity(models.TextChoices):
    ERROR = "error", _("Lỗi (không gửi được)")
    WARNING = "warning", _("Cảnh báo (cần giải trình)")


class ValidationRule(models.Model):
    """A check of a form's figures, as data. ``left`` and ``right`` are cell keys
    ('code' for a total, 'code|set:option' for a part); for ``sum_of_parts`` ``right``
    is the breakdown's code. An error blocks the report; a warning asks for a comment."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="rules")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại kiểm tra"), max_length=15, choices=RuleKind.choices)
    left = models.CharField(_("số liệu"), max_length=110)
    right = models.CharField(_("so với"), max_length=110, blank=True)
    severity = models.CharField(
        _("mức độ"), max_length=10, choices=Severity.choices, default=Severity.ERROR
    )
    message = models.CharField(_("thông báo"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("quy tắc kiểm tra")
        verbose_name_plural = _("quy tắc kiểm tra")
        ordering = ["form", "order", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.left} {self.right}".strip()


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
    team = models.ForeignKey(
        InspectionTeam,
        verbose_name=_("đội báo cáo"),
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
    # {rule id: the comment that explains a warning}: a warning needs one to submit.
    explanations = models.JSONField(_("giải trình"), default=dict, blank=True)
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


class SubmissionText(models.Model):
    """What a unit wrote in one written section of its report."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="texts")
    section = models.ForeignKey(ReportFormSection, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("nội dung báo cáo")
        verbose_name_plural = _("nội dung báo cáo")
        ordering = ["submission", "section__order"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "section"], name="text_unique")
        ]

    def __str__(self):
        return f"{self.section}: {self.text[:40]}"


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
from .totals_models import ApprovedTotal  # noqa: E402, F401 - a model of the app, in its file
