"""Cases: a person receiving support (``SupportClient``) under a pseudonymous code, their
identifying details (encrypted), the social workers of the case and every read of it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.geography.models import AdministrativeUnit

from ..crypto import EncryptedTextField
from .common import AgeBand, CaseRowQuerySet, Group, Sex


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Đang hỗ trợ")
    CLOSED = "closed", _("Đã kết thúc")


class ClosureReason(models.TextChoices):
    GOALS_MET = "goals_met", _("Đã đạt mục tiêu, ổn định cuộc sống")
    DECLINED = "declined", _("Người được hỗ trợ không muốn tiếp tục")
    MOVED = "moved", _("Chuyển nơi ở")
    TRANSFERRED = "transferred", _("Chuyển cơ quan khác quản lý ca")
    LOST_CONTACT = "lost_contact", _("Mất liên lạc")
    DIED = "died", _("Qua đời")
    OTHER = "other", _("Khác")


class SupportClientQuerySet(ScopedQuerySet):
    """Cases seen by the user: in their support scope AND they work on the case or
    supervise its unit (``access.case_worker_q``). Counts go through ``counted_for``."""

    scope_path = "unit__path"
    scope_module = Module.SUPPORT

    def visible_to(self, user, **kwargs):
        from ..access import case_worker_q

        return super().visible_to(user, **kwargs).filter(case_worker_q(user))

    def counted_for(self, user):
        """Every case under the units whose counts the user may see (never their rows)."""
        from ..access import counts_scope

        return self.filter(counts_scope(user).q("unit__path"))


class SupportClient(models.Model):
    """A case: one person who asked for help, known by a pseudonymous code."""

    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    opened_on = models.DateField(_("ngày mở ca"))
    sex = models.CharField(_("giới tính"), max_length=10, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    age_band = models.CharField(_("nhóm tuổi"), max_length=10, choices=AgeBand.choices, blank=True)
    group = models.CharField(_("nhóm đối tượng"), max_length=12, choices=Group.choices)
    is_child = models.BooleanField(_("trẻ em (dưới 16 tuổi)"), default=False)
    # The code itself (encrypted) and its keyed digest, the only thing ever matched.
    uic = EncryptedTextField(_("mã định danh"), blank=True)
    uic_digest = models.CharField(max_length=64, db_index=True, blank=True)
    # A worker's confirmation that this case is the same person as an earlier one.
    same_person_as = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    plan = EncryptedTextField(_("kế hoạch hỗ trợ"), blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    closure_reason = models.CharField(
        _("lý do kết thúc"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    closure_note = EncryptedTextField(_("ghi chú khi kết thúc"), blank=True)
    anonymised_on = models.DateField(_("ngày ẩn danh hóa"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    objects = SupportClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("ca hỗ trợ")
        verbose_name_plural = _("ca hỗ trợ")
        ordering = ["-opened_on", "-pk"]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("support:case_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """The case number shown on pages: says nothing about the person."""
        return f"CA-{self.opened_on:%Y}-{self.pk:05d}"

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN


class ClientIdentity(models.Model):
    """Identifying details, all optional, all encrypted with a key outside the database."""

    client = models.OneToOneField(SupportClient, on_delete=models.CASCADE, related_name="identity")
    full_name = EncryptedTextField(_("họ và tên"), blank=True)
    phone = EncryptedTextField(_("điện thoại"), blank=True)
    id_number = EncryptedTextField(_("số CCCD, giấy tờ tùy thân"), blank=True)
    address = EncryptedTextField(_("địa chỉ"), blank=True)

    objects = CaseRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông tin nhận dạng")
        verbose_name_plural = _("thông tin nhận dạng")

    def __str__(self):
        # Never the name: a string of this row may end up in a log or an error page.
        return f"{self.client_id}"

    FIELDS = ("full_name", "phone", "id_number", "address")

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f) for f in self.FIELDS)


class CaseWorker(models.Model):
    """A social worker assigned to a case, from a day until (maybe) another."""

    client = models.ForeignKey(SupportClient, on_delete=models.CASCADE, related_name="workers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    since = models.DateField(_("từ ngày"))
    until = models.DateField(_("đến ngày"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CaseRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("cán bộ phụ trách ca")
        verbose_name_plural = _("cán bộ phụ trách ca")
        ordering = ["since", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "user"],
                condition=models.Q(until__isnull=True),
                name="support_one_active_assignment",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.since:%d/%m/%Y})"


class AccessAction(models.TextChoices):
    LIST = "list", _("Xem trong danh sách ca")
    VIEW = "view", _("Xem ca")
    VIEW_IDENTITY = "view_identity", _("Xem thông tin nhận dạng")
    EDIT = "edit", _("Sửa, ghi thêm")
    EXPORT = "export", _("Xuất dữ liệu cá nhân")


class CaseAccess(models.Model):
    """One read (or write, or export) of a case: who, when, which fields, why."""

    client = models.ForeignKey(SupportClient, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    action = models.CharField(_("thao tác"), max_length=16, choices=AccessAction.choices)
    fields = models.JSONField(_("trường dữ liệu"), default=list)
    reason = models.CharField(_("lý do"), max_length=255, blank=True)

    objects = CaseRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt truy cập ca")
        verbose_name_plural = _("lượt truy cập ca")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%d/%m/%Y %H:%M}"
