"""The register of sanction decisions (xử phạt vi phạm hành chính).

A record is opened when a competent body (ward police, the commune's chair, a team 178)
finds a person or an organisation committing an act of the catalogue; it carries the
decision once issued: its number and date, the fine or warning, additional measures,
what was paid and how it was enforced. A person is kept as counts need them — sex, age
band, nationality, whether a minor — never by name or ID number: the system counts,
it keeps no watch-list. An organisation may be named (or be an establishment of the
register). The act is judged by the catalogue row in force on its date.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.inspections.models import Establishment, Inspection, ViolationType
from lanhmanh.organizations.models import Agency
from lanhmanh.tips.models import Tip

# Law on Handling Administrative Violations, art. 73: a fine is paid within ten days of
# receiving the decision; the due date stays editable on the record.
PAYMENT_DAYS = 10


class OffenderKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    ORGANISATION = "organisation", _("Tổ chức")


class OffenderRole(models.TextChoices):
    SELLER = "seller", _("Bán dâm")
    BUYER = "buyer", _("Mua dâm")
    ORGANISER = "organiser", _("Tổ chức, chứa mại dâm")
    CONCEALING = "concealing", _("Che giấu, bảo kê")
    PROCURING = "procuring", _("Môi giới, lôi kéo, dụ dỗ")
    ASSISTING = "assisting", _("Giúp sức, góp tiền, tạo điều kiện")
    OTHER = "other", _("Khác")


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")
    UNKNOWN = "unknown", _("Không rõ")


class AgeBand(models.TextChoices):
    """The age bands of the activity register, so figures break down alike."""

    UNDER_16 = "under_16", _("Dưới 16 tuổi")
    AGE_16_17 = "16_17", _("Từ 16 đến dưới 18 tuổi")
    AGE_18_29 = "18_29", _("Từ 18 đến dưới 30 tuổi")
    AGE_30_PLUS = "30_plus", _("Từ 30 tuổi trở lên")
    UNKNOWN = "unknown", _("Không rõ")


MINOR_BANDS = (AgeBand.UNDER_16, AgeBand.AGE_16_17)


class Nationality(models.TextChoices):
    VIETNAMESE = "vn", _("Việt Nam")
    FOREIGN = "foreign", _("Nước ngoài")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Đang xem xét, chưa ra quyết định")
    FINE = "fine", _("Phạt tiền")
    WARNING = "warning", _("Phạt cảnh cáo")
    REFERRED = "referred", _("Chuyển cơ quan tiến hành tố tụng")


DECIDED = (Outcome.FINE, Outcome.WARNING)
HANDLED = (Outcome.FINE, Outcome.WARNING, Outcome.REFERRED)


class Enforcement(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Đang thi hành")
    COMPLIED = "complied", _("Đã chấp hành xong")
    ENFORCED = "enforced", _("Đã cưỡng chế thi hành")
    POSTPONED = "postponed", _("Hoãn, giảm, miễn")


class SanctionDecisionQuerySet(ScopedQuerySet):
    scope_path = "unit__path"
    scope_module = Module.ENFORCEMENT

    def unpaid_overdue(self, today: datetime.date):
        """Fines still owed (in whole or part) after their due date, not postponed."""
        return self.filter(
            outcome=Outcome.FINE,
            payment_due__lt=today,
            paid_vnd__lt=models.F("fine_vnd"),
            enforcement=Enforcement.IN_PROGRESS,
        )


class SanctionDecision(models.Model):
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn vi phạm"),
        on_delete=models.PROTECT,
        related_name="sanction_decisions",
    )
    act_date = models.DateField(_("ngày vi phạm"))
    violation_type = models.ForeignKey(
        ViolationType, verbose_name=_("hành vi vi phạm"), on_delete=models.PROTECT
    )
    offender_kind = models.CharField(
        _("đối tượng"), max_length=12, choices=OffenderKind.choices, default=OffenderKind.PERSON
    )
    role = models.CharField(_("vai trò"), max_length=12, choices=OffenderRole.choices)
    sex = models.CharField(_("giới tính"), max_length=8, choices=Sex.choices, blank=True)
    age_band = models.CharField(_("độ tuổi"), max_length=8, choices=AgeBand.choices, blank=True)
    nationality = models.CharField(
        _("quốc tịch"), max_length=8, choices=Nationality.choices, blank=True
    )
    establishment = models.ForeignKey(
        Establishment,
        verbose_name=_("cơ sở (tổ chức vi phạm)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sanction_decisions",
    )
    organisation_name = models.CharField(_("tên tổ chức vi phạm"), max_length=255, blank=True)
    outcome = models.CharField(_("hình thức xử lý"), max_length=10, choices=Outcome.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày ra quyết định"), null=True, blank=True)
    issuing_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan ra quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sanction_decisions",
    )
    issuer_title = models.CharField(_("chức danh người ký"), max_length=120, blank=True)
    fine_vnd = models.PositiveBigIntegerField(_("số tiền phạt (đồng)"), null=True, blank=True)
    additional_measures = models.CharField(
        _("hình thức xử phạt bổ sung, biện pháp khắc phục"), max_length=255, blank=True
    )
    referred_to = models.CharField(_("chuyển đến cơ quan"), max_length=255, blank=True)
    payment_due = models.DateField(_("hạn nộp phạt"), null=True, blank=True)
    paid_vnd = models.PositiveBigIntegerField(_("số tiền đã nộp (đồng)"), default=0)
    paid_on = models.DateField(_("ngày nộp"), null=True, blank=True)
    enforcement = models.CharField(
        _("tình trạng thi hành"),
        max_length=12,
        choices=Enforcement.choices,
        default=Enforcement.IN_PROGRESS,
    )
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("lượt kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sanction_decisions",
    )
    tip = models.ForeignKey(
        Tip,
        verbose_name=_("tin báo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sanction_decisions",
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SanctionDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyết định xử phạt")
        verbose_name_plural = _("quyết định xử phạt")
        ordering = ["-act_date", "-pk"]
        indexes = [models.Index(fields=["act_date"]), models.Index(fields=["decision_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(paid_vnd=0) | models.Q(paid_vnd__lte=models.F("fine_vnd")),
                name="sanction_paid_at_most_fine",
            )
        ]

    def __str__(self):
        number = self.decision_number or _("chưa có số")
        return f"{number} — {self.violation_type.description} ({self.act_date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("sanctions:decision_detail", args=[self.pk])

    @property
    def is_minor(self) -> bool:
        return self.age_band in MINOR_BANDS

    @property
    def owed_vnd(self) -> int:
        return max((self.fine_vnd or 0) - self.paid_vnd, 0) if self.outcome == Outcome.FINE else 0

    def is_overdue(self, today: datetime.date) -> bool:
        return bool(
            self.owed_vnd
            and self.payment_due
            and self.payment_due < today
            and self.enforcement == Enforcement.IN_PROGRESS
        )
