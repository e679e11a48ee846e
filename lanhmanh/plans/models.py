from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.geography.models import AdministrativeUnit, Level
from lanhmanh.organizations.models import Agency, InspectionTeam


class PlanKind(models.TextChoices):
    PLAN = "plan", _("Kế hoạch")
    DIRECTIVE = "directive", _("Công văn chỉ đạo")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    SUPERSEDED = "superseded", _("Đã thay thế")


class SignatureForm(models.TextChoices):
    ON_BEHALF = "TM.", _("TM. (thay mặt tập thể)")
    DEPUTY = "KT.", _("KT. (ký thay người đứng đầu)")
    ACTING = "Q.", _("Q. (quyền)")
    BY_ORDER = "TL.", _("TL. (thừa lệnh)")
    AUTHORISED = "TUQ.", _("TUQ. (thừa ủy quyền)")
    HEAD = "", _("Người đứng đầu ký")


class Topic(models.TextChoices):
    PROSTITUTION = "prostitution", _("Mại dâm")
    DRUGS = "drugs", _("Ma túy")
    TRAFFICKING = "trafficking", _("Mua bán người")


# The importer's words for the report periodicities a plan asks for.
REPORTING_LABELS = {
    "monthly": _("hằng tháng"),
    "quarterly": _("hằng quý"),
    "semiannual": _("6 tháng"),
    "nine_months": _("9 tháng"),
    "annual": _("hằng năm"),
}


class PlanQuerySet(ScopedQuerySet):
    scope_path = "unit__path"
    scope_module = Module.PLANS


class Plan(models.Model):
    """A plan or directive issued by a unit's people's committee or one of its agencies."""

    kind = models.CharField(
        _("loại văn bản"), max_length=10, choices=PlanKind.choices, default=PlanKind.PLAN
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị ban hành"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    issuing_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan ban hành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_plans",
    )
    issuer_name = models.CharField(_("tên cơ quan ban hành"), max_length=255, blank=True)
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    year_from = models.PositiveSmallIntegerField(_("từ năm"))
    year_to = models.PositiveSmallIntegerField(_("đến năm"))
    title = models.TextField(_("trích yếu"))
    topics = models.JSONField(_("lĩnh vực"), default=list, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    signature_form = models.CharField(
        _("hình thức ký"), max_length=5, choices=SignatureForm.choices, blank=True
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    # The reporting duties and the standing agency as the document states them (read by
    # the importer): the agency that coordinates this plan and the report periodicities
    # ('semiannual', 'annual', the importer's words) it asks for.
    standing_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan thường trực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="standing_plans",
    )
    standing_agency_name = models.CharField(
        _("cơ quan thường trực (theo văn bản)"), max_length=255, blank=True
    )
    reporting_periods = models.JSONField(_("chế độ báo cáo"), default=list, blank=True)
    source_file = models.FileField(_("tệp gốc"), upload_to="plans/%Y/", blank=True)
    source_text = models.TextField(_("văn bản gốc"), blank=True)
    import_warnings = models.JSONField(_("cảnh báo khi nhập"), default=list, blank=True)
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("sao chép từ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Optimistic concurrency: an edit form made from an older version is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year_from", "unit__path", "-issued_on"]
        indexes = [models.Index(fields=["unit", "year_from"])]

    def __str__(self):
        label = self.number or self.get_kind_display()
        return f"{label} — {self.title[:80]}"

    def get_absolute_url(self):
        return reverse("plans:plan_detail", args=[self.pk])

    @property
    def reporting_labels(self) -> list[str]:
        return [str(REPORTING_LABELS.get(p, p)) for p in self.reporting_periods or []]

    def clean(self):
        if self.year_to and self.year_from and self.year_to < self.year_from:
            raise ValidationError({"year_to": _("Năm kết thúc phải sau năm bắt đầu.")})


class PlanBasis(models.Model):
    """A document the plan implements: a plan in the system, or a reference."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="bases")
    parent = models.ForeignKey(
        Plan,
        verbose_name=_("kế hoạch cấp trên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implementations",
    )
    reference = models.CharField(_("số, ký hiệu văn bản"), max_length=80, blank=True)
    issued_on = models.DateField(_("ngày"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")
        ordering = ["plan", "id"]

    def __str__(self):
        return self.reference or str(self.parent)


class Comparator(models.TextChoices):
    AT_LEAST = ">=", _("ít nhất")
    AT_MOST = "<=", _("không quá")
    EQUAL = "=", _("bằng")
    BETWEEN = "between", _("trong khoảng")


class Measure(models.TextChoices):
    COUNT = "count", _("số lượng")
    PERCENT = "percent", _("tỷ lệ %")
    TIMES_PER_MONTH = "times_per_month", _("lần/tháng")
    TIMES_PER_QUARTER = "times_per_quarter", _("lần/quý")
    TIMES_PER_YEAR = "times_per_year", _("lần/năm")


HORIZON_BEFORE_PLAN = _("Năm đích của chỉ tiêu không được trước năm bắt đầu của kế hoạch.")


class TargetQuerySet(ScopedQuerySet):
    scope_path = "plan__unit__path"
    scope_module = Module.PLANS


class Target(models.Model):
    """A measurable commitment of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    statement = models.TextField(_("nội dung chỉ tiêu"))
    quote = models.TextField(_("trích dẫn nguyên văn"), blank=True)
    comparator = models.CharField(_("so sánh"), max_length=8, choices=Comparator.choices)
    value = models.DecimalField(
        _("giá trị"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    low = models.DecimalField(_("từ"), max_digits=14, decimal_places=2, null=True, blank=True)
    high = models.DecimalField(_("đến"), max_digits=14, decimal_places=2, null=True, blank=True)
    measure = models.CharField(_("đơn vị đo"), max_length=20, choices=Measure.choices)
    of_what = models.CharField(_("tỷ lệ trên"), max_length=255, blank=True)
    baseline = models.DecimalField(
        _("giá trị nền"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    also = models.JSONField(_("số liệu kèm theo"), default=dict, blank=True)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan chịu trách nhiệm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
    )
    agency_name = models.CharField(_("tên cơ quan (theo văn bản)"), max_length=255, blank=True)
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("chỉ số đo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
    )
    # What the target counts when the plan says less than 'everything under the unit':
    # one agency's or one team's records ('team 178 of the province inspects 80–130
    # establishments'), or those of one level's units.
    limit_agency = models.ForeignKey(
        Agency,
        verbose_name=_("chỉ tính số liệu của cơ quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    limit_team = models.ForeignKey(
        InspectionTeam,
        verbose_name=_("chỉ tính số liệu của đội"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    limit_level = models.CharField(
        _("chỉ tính số liệu của cấp"), max_length=10, choices=Level.choices, blank=True
    )
    # 'Each commune at least one awareness activity': the value is asked of every unit of
    # this level under the plan's unit; progress is the share of them that reached it.
    each_level = models.CharField(
        _("áp dụng cho từng đơn vị cấp"), max_length=10, choices=Level.choices, blank=True
    )
    # '95% by 2020' in a 2018 plan: measured to the end of this year, not the plan's.
    horizon_year = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    # Optimistic concurrency: a target is edited on its plan's page and on its own pages
    # (limits, indicator); a form made from an older version of the row is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "order", "id"]

    def __str__(self):
        return self.statement[:100]

    def clean(self):
        if self.comparator == Comparator.BETWEEN:
            if self.low is None or self.high is None:
                raise ValidationError(_("Chỉ tiêu dạng khoảng cần giá trị từ và đến."))
            if self.low > self.high:
                raise ValidationError(_("Giá trị 'từ' phải nhỏ hơn hoặc bằng giá trị 'đến'."))
        elif self.value is None:
            raise ValidationError({"value": _("Chỉ tiêu cần một giá trị.")})
        if self.measure == Measure.PERCENT:
            for v in (self.value, self.low, self.high):
                if v is not None and not 0 <= v <= 100:
                    raise ValidationError(_("Tỷ lệ phải trong khoảng 0 đến 100%."))
        plan = self.plan if self.plan_id else None
        if self.horizon_year and plan and self.horizon_year < plan.year_from:
            raise ValidationError({"horizon_year": HORIZON_BEFORE_PLAN})

    @property
    def year_to(self) -> int:
        """The last year the target is measured over: its horizon, or the plan's."""
        return max(self.plan.year_to, self.horizon_year or 0)

    @property
    def limits(self):
        from lanhmanh.indicators.registry import Limits

        return Limits(self.limit_agency_id, self.limit_team_id, self.limit_level)


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")


class TaskQuerySet(ScopedQuerySet):
    scope_path = "plan__unit__path"
    scope_module = Module.PLANS


class Task(models.Model):
    """Work a plan gives to a lead agency, with coordinating agencies."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    section = models.CharField(_("mục"), max_length=255, blank=True)
    text = models.TextField(_("nội dung nhiệm vụ"))
    lead = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_tasks",
    )
    lead_name = models.CharField(_("chủ trì (theo văn bản)"), max_length=255, blank=True)
    coordinating = models.ManyToManyField(
        Agency, verbose_name=_("cơ quan phối hợp"), blank=True, related_name="coordinated_tasks"
    )
    coordinating_names = models.JSONField(_("phối hợp (theo văn bản)"), default=list, blank=True)
    when = models.CharField(_("thời gian thực hiện"), max_length=120, blank=True)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    # Optimistic concurrency: a row of the plan's page made from an older version is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "order", "id"]

    def __str__(self):
        return self.text[:100]


class TaskUpdate(models.Model):
    """Progress written by the assigned agency, dated."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_on = models.DateField(_("ngày"))
    text = models.TextField(_("kết quả thực hiện"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=TaskStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["task", "-written_on", "-id"]

    def __str__(self):
        return f"{self.written_on:%d/%m/%Y}: {self.text[:60]}"


class PlanImportQuerySet(models.QuerySet):
    def visible_to(self, user, **kwargs):
        # An import belongs to whoever uploaded it until it is saved as a plan of a unit.
        if not user.is_authenticated:
            return self.none()
        return self.filter(created_by=user)


class PlanImport(models.Model):
    """An uploaded plan document waiting for review: nothing the user uploaded or
    corrected is lost if they leave the review screen and come back."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_imports"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(_("tên tệp"), max_length=255)
    source_file = models.FileField(_("tệp gốc"), upload_to="plan-imports/%Y/")
    text = models.TextField(_("văn bản đã đọc"))
    draft = models.JSONField(_("kết quả đọc"), default=dict)
    plan = models.OneToOneField(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_record"
    )

    objects = PlanImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt nhập kế hoạch")
        verbose_name_plural = _("lượt nhập kế hoạch")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse("plans:import_review", args=[self.pk])
