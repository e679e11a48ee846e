"""The steering committee of a unit and its work.

Members are named public officials by position, not accounts: the chair of the people's
committee heads it, department heads are members. A member's time on the committee is
dated (joined, left), so the committee on any day can be read back and its changes
listed. Meetings record who attended, the minutes and the decisions; a decision may
become a task of one of the unit's plans, whose progress its lead agency records.
Supervision visits go from a unit to a unit below it; the visited unit answers each
recommendation. Commendations name who is commended, for what and by which decision.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.organizations.models import Agency, InspectionTeam
from lanhmanh.plans.models import Task


class CommitteeQuerySet(ScopedQuerySet):
    scope_path = "unit__path"
    scope_module = Module.COMMITTEE


class CommitteeRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban")
    DEPUTY = "deputy", _("Phó Trưởng ban")
    STANDING = "standing", _("Ủy viên thường trực")
    MEMBER = "member", _("Ủy viên")
    SECRETARY = "secretary", _("Thư ký")


class MemberQuerySet(CommitteeQuerySet):
    def on(self, day):
        """The members serving on ``day``."""
        return self.filter(joined_on__lte=day).filter(
            models.Q(left_on__isnull=True) | models.Q(left_on__gte=day)
        )


class CommitteeMember(models.Model):
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("ban chỉ đạo của đơn vị"),
        on_delete=models.PROTECT,
        related_name="committee_members",
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=200)
    committee_role = models.CharField(
        _("nhiệm vụ trong ban chỉ đạo"),
        max_length=10,
        choices=CommitteeRole.choices,
        default=CommitteeRole.MEMBER,
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_members",
    )
    follows = models.ManyToManyField(
        AdministrativeUnit,
        verbose_name=_("địa bàn phụ trách theo dõi"),
        blank=True,
        related_name="followed_by",
    )
    follows_note = models.CharField(_("lĩnh vực, địa bàn khác"), max_length=255, blank=True)
    joined_on = models.DateField(_("ngày bắt đầu tham gia"))
    decision = models.CharField(_("theo quyết định số"), max_length=60, blank=True)
    left_on = models.DateField(_("ngày thôi tham gia"), null=True, blank=True)
    left_reason = models.CharField(_("lý do thôi tham gia"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên ban chỉ đạo")
        verbose_name_plural = _("thành viên ban chỉ đạo")
        ordering = ["unit__path", "left_on", "committee_role", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="member_leaves_after_joining",
            )
        ]

    def __str__(self):
        return f"{self.full_name} ({self.position})"


class MeetingKind(models.TextChoices):
    COMMITTEE = "committee", _("Họp ban chỉ đạo")
    COORDINATION = "coordination", _("Họp giao ban, phối hợp")
    MIDYEAR = "midyear", _("Hội nghị sơ kết")
    YEAR_END = "year_end", _("Hội nghị tổng kết")


class Meeting(models.Model):
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="committee_meetings",
    )
    kind = models.CharField(_("loại cuộc họp"), max_length=12, choices=MeetingKind.choices)
    held_on = models.DateField(_("ngày họp"))
    title = models.CharField(_("nội dung cuộc họp"), max_length=255)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chaired_by = models.CharField(_("người chủ trì"), max_length=200, blank=True)
    attendees = models.ManyToManyField(
        CommitteeMember, verbose_name=_("thành viên dự họp"), blank=True, related_name="meetings"
    )
    other_attendees = models.TextField(_("thành phần khác dự họp"), blank=True)
    minutes = models.TextField(_("biên bản, kết luận"), blank=True)
    review_year = models.PositiveSmallIntegerField(
        _("năm được sơ kết, tổng kết"), null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = _("cuộc họp")
        verbose_name_plural = _("cuộc họp")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["held_on"])]

    def __str__(self):
        return f"{self.held_on:%d/%m/%Y} — {self.title}"

    def get_absolute_url(self):
        return reverse("committees:meeting_detail", args=[self.pk])


def minutes_path(instance, filename):
    return f"committees/meetings/{instance.meeting_id}/{filename}"


class MeetingChildQuerySet(ScopedQuerySet):
    scope_path = "meeting__unit__path"
    scope_module = Module.COMMITTEE


class MeetingAttachment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to=minutes_path)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("biên bản đính kèm")
        verbose_name_plural = _("biên bản đính kèm")
        ordering = ["pk"]

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Decision(models.Model):
    """What a meeting concluded ('giao Sở Y tế chủ trì…'); it becomes a plan task."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("nội dung kết luận, chỉ đạo"))
    lead = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_decisions",
    )
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    task = models.OneToOneField(
        Task,
        verbose_name=_("nhiệm vụ trong kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_decision",
    )

    objects = MeetingChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("kết luận")
        verbose_name_plural = _("kết luận")
        ordering = ["meeting", "pk"]

    def __str__(self):
        return self.text[:100]


class VisitQuerySet(ScopedQuerySet):
    # Both sides read a visit: the visiting unit is above the supervised one, so the
    # supervised unit's path is inside both scopes.
    scope_path = "supervised_unit__path"
    scope_module = Module.COMMITTEE


class SupervisionVisit(models.Model):
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị giám sát"),
        on_delete=models.PROTECT,
        related_name="supervision_visits_made",
    )
    supervised_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị được giám sát"),
        on_delete=models.PROTECT,
        related_name="supervision_visits",
    )
    visited_on = models.DateField(_("ngày giám sát"))
    members = models.ManyToManyField(
        CommitteeMember, verbose_name=_("thành viên đoàn giám sát"), blank=True, related_name="+"
    )
    other_members = models.TextField(_("thành phần khác của đoàn"), blank=True)
    findings = models.TextField(_("kết quả giám sát"))
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt giám sát")
        verbose_name_plural = _("đợt giám sát")
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["visited_on"])]

    def __str__(self):
        return f"{self.visited_on:%d/%m/%Y} — {self.supervised_unit}"

    def get_absolute_url(self):
        return reverse("committees:visit_detail", args=[self.pk])


class RecommendationQuerySet(ScopedQuerySet):
    scope_path = "visit__supervised_unit__path"
    scope_module = Module.COMMITTEE

    def open(self):
        return self.filter(done=False)

    def overdue(self, today):
        return self.filter(done=False, due_date__lt=today)


class Recommendation(models.Model):
    visit = models.ForeignKey(
        SupervisionVisit, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField(_("kiến nghị"))
    due_date = models.DateField(_("hạn thực hiện"))
    answer = models.TextField(_("trả lời của đơn vị"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done = models.BooleanField(_("đã thực hiện xong"), default=False)
    version = models.PositiveIntegerField(default=1)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["done", "due_date"])]

    def __str__(self):
        return self.text[:100]


class RecipientKind(models.TextChoices):
    UNIT = "unit", _("Tập thể: đơn vị hành chính")
    AGENCY = "agency", _("Tập thể: cơ quan, đơn vị")
    TEAM = "team", _("Tập thể: đội kiểm tra liên ngành")
    PERSON = "person", _("Cá nhân")


class CommendationLevel(models.TextChoices):
    NATIONAL = "national", _("Trung ương (Thủ tướng, Bộ, ngành)")
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện (trước 01/07/2025)")
    COMMUNE = "commune", _("Cấp xã")


class Commendation(models.Model):
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị xét khen thưởng"),
        on_delete=models.PROTECT,
        related_name="committee_commendations",
    )
    recipient_kind = models.CharField(
        _("đối tượng khen thưởng"), max_length=8, choices=RecipientKind.choices
    )
    recipient_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị được khen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan được khen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient_team = models.ForeignKey(
        InspectionTeam,
        verbose_name=_("đội được khen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person_name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    person_position = models.CharField(_("chức vụ, đơn vị công tác"), max_length=200, blank=True)
    reason = models.TextField(_("thành tích được khen"))
    award = models.CharField(_("hình thức khen thưởng"), max_length=120)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    level = models.CharField(_("cấp khen thưởng"), max_length=10, choices=CommendationLevel.choices)
    review_year = models.PositiveSmallIntegerField(_("năm sơ kết, tổng kết"))
    review = models.ForeignKey(
        Meeting,
        verbose_name=_("tại hội nghị sơ kết, tổng kết"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commendations",
    )
    version = models.PositiveIntegerField(default=1)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["-review_year", "-decision_date", "pk"]

    def __str__(self):
        return f"{self.recipient_name} — {self.decision_number}"

    @property
    def recipient_name(self) -> str:
        if self.recipient_kind == RecipientKind.PERSON:
            return (
                f"{self.person_name} ({self.person_position})"
                if self.person_position
                else self.person_name
            )
        target = {
            RecipientKind.UNIT: self.recipient_unit,
            RecipientKind.AGENCY: self.recipient_agency,
            RecipientKind.TEAM: self.recipient_team,
        }.get(self.recipient_kind)
        return str(target) if target else ""
