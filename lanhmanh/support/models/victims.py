"""Trafficking victims (Law 53/2024/QH15): identification, reception, the support regimes
the law grants, and the child-protection steps of a child's case. Amounts are typed as
paid: the law's levels are set by implementing decrees and change, so none is coded."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..crypto import EncryptedTextField
from .cases import SupportClient
from .common import CaseRowQuerySet


class IdentifyingBody(models.TextChoices):
    POLICE = "police", _("Công an")
    BORDER_GUARD = "border_guard", _("Bộ đội Biên phòng")
    COAST_GUARD = "coast_guard", _("Cảnh sát biển")
    SOCIAL_AFFAIRS = "social_affairs", _("Cơ quan lao động, xã hội")
    COMMUNE = "commune", _("Ủy ban nhân dân cấp xã")
    FOREIGN = "foreign", _("Cơ quan đại diện Việt Nam ở nước ngoài, cơ quan nước ngoài")
    OTHER = "other", _("Khác")


class Victim(models.Model):
    """The trafficking part of a case (group 'victim')."""

    client = models.OneToOneField(SupportClient, on_delete=models.CASCADE, related_name="victim")
    identified_by = models.CharField(
        _("cơ quan xác định"), max_length=16, choices=IdentifyingBody.choices
    )
    identified_on = models.DateField(_("ngày xác định là nạn nhân"))
    identification_basis = EncryptedTextField(_("căn cứ xác định"), blank=True)
    received_on = models.DateField(_("ngày tiếp nhận"), null=True, blank=True)
    reception_facility = models.CharField(_("nơi tiếp nhận"), max_length=200, blank=True)
    returned_from_abroad = models.BooleanField(_("từ nước ngoài trở về"), default=False)
    country = models.CharField(_("nước trở về từ"), max_length=80, blank=True)
    border_gate = models.CharField(_("cửa khẩu"), max_length=120, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = CaseRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("nạn nhân bị mua bán")
        verbose_name_plural = _("nạn nhân bị mua bán")

    def __str__(self):
        return f"{self.get_identified_by_display()} {self.identified_on:%d/%m/%Y}"


class Regime(models.TextChoices):
    ESSENTIAL_NEEDS = "essential_needs", _("Hỗ trợ nhu cầu thiết yếu")
    TRAVEL = "travel", _("Hỗ trợ chi phí đi lại")
    MEDICAL = "medical", _("Hỗ trợ y tế")
    PSYCHOLOGICAL = "psychological", _("Hỗ trợ tâm lý")
    LEGAL_AID = "legal_aid", _("Trợ giúp pháp lý")
    EDUCATION = "education", _("Hỗ trợ học văn hóa, học nghề")
    HARDSHIP = "hardship", _("Trợ cấp khó khăn ban đầu")
    LOAN = "loan", _("Hỗ trợ vay vốn")


class VictimSupportQuerySet(CaseRowQuerySet):
    scope_path = "victim__client__unit__path"
    case_lookup = "victim__client"


class VictimSupport(models.Model):
    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="supports")
    regime = models.CharField(_("chế độ hỗ trợ"), max_length=16, choices=Regime.choices)
    given_on = models.DateField(_("ngày hỗ trợ"))
    amount = models.DecimalField(
        _("số tiền (đồng)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    note = EncryptedTextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = VictimSupportQuerySet.as_manager()

    class Meta:
        verbose_name = _("chế độ hỗ trợ nạn nhân")
        verbose_name_plural = _("chế độ hỗ trợ nạn nhân")
        ordering = ["-given_on", "-pk"]

    def __str__(self):
        return f"{self.get_regime_display()} {self.given_on:%d/%m/%Y}"


class ChildStep(models.TextChoices):
    """Case management for a child in need of protection (Law on Children 2016)."""

    REPORTED = "reported", _("Tiếp nhận thông tin, báo cáo")
    ASSESSED = "assessed", _("Đánh giá nguy cơ, mức độ tổn hại")
    SAFETY = "safety", _("Bảo đảm an toàn, chăm sóc thay thế")
    PLAN = "plan", _("Lập kế hoạch hỗ trợ, can thiệp")
    CARRIED_OUT = "carried_out", _("Thực hiện kế hoạch")
    REVIEWED = "reviewed", _("Theo dõi, đánh giá")
    CLOSED = "closed", _("Kết thúc")


class ChildProtectionStep(models.Model):
    client = models.ForeignKey(SupportClient, on_delete=models.CASCADE, related_name="child_steps")
    step = models.CharField(_("bước"), max_length=12, choices=ChildStep.choices)
    on = models.DateField(_("ngày"))
    note = EncryptedTextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CaseRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("bước bảo vệ trẻ em")
        verbose_name_plural = _("bước bảo vệ trẻ em")
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.get_step_display()} {self.on:%d/%m/%Y}"
