"""What happens in a case: consent, needs, services given and referrals."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..crypto import EncryptedTextField
from .cases import SupportClient
from .catalogue import Provider, ServiceType
from .common import CaseRowQuerySet


class ConsentPurpose(models.TextChoices):
    SERVICES = "services", _("Nhận dịch vụ hỗ trợ")
    REFERRAL = "referral", _("Chuyển gửi đến cơ sở cung cấp dịch vụ")
    SHARING = "sharing", _("Chia sẻ thông tin với cơ quan khác")
    REPORTING = "reporting", _("Sử dụng trong báo cáo (không nhận dạng)")


class ConsentMethod(models.TextChoices):
    SIGNED = "signed", _("Ký phiếu đồng ý (đính kèm)")
    ORAL = "oral", _("Đồng ý bằng lời, có người làm chứng")


class Consent(models.Model):
    """What the person agreed to, on a day, and how; a withdrawal is a date on the row."""

    client = models.ForeignKey(SupportClient, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("nội dung đồng ý"), max_length=12, choices=ConsentPurpose.choices)
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("cơ sở được chuyển gửi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency_name = models.CharField(_("cơ quan được chia sẻ"), max_length=200, blank=True)
    given_on = models.DateField(_("ngày đồng ý"))
    method = models.CharField(_("hình thức"), max_length=8, choices=ConsentMethod.choices)
    witness_name = EncryptedTextField(_("người làm chứng"), blank=True)
    # The signed form carries the person's name: stored encrypted like the other details.
    document = models.FileField(_("phiếu đồng ý"), upload_to="support/consent/", blank=True)
    document_type = models.CharField(max_length=40, blank=True)
    withdrawn_on = models.DateField(_("ngày rút lại"), null=True, blank=True)
    withdrawal_note = EncryptedTextField(_("ghi chú khi rút lại"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CaseRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự đồng ý")
        verbose_name_plural = _("sự đồng ý")
        ordering = ["-given_on", "-pk"]

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.given_on:%d/%m/%Y})"

    def is_active_on(self, day) -> bool:
        return self.given_on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)


class NeedsAssessment(models.Model):
    client = models.ForeignKey(SupportClient, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("ngày đánh giá"))
    needs = models.ManyToManyField(ServiceType, verbose_name=_("nhu cầu"), related_name="+")
    notes = EncryptedTextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CaseRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("đánh giá nhu cầu")
        verbose_name_plural = _("đánh giá nhu cầu")
        ordering = ["-assessed_on", "-pk"]

    def __str__(self):
        return f"{self.assessed_on:%d/%m/%Y}"


class SupportService(models.Model):
    """A service given to the person."""

    client = models.ForeignKey(SupportClient, on_delete=models.CASCADE, related_name="services")
    service_type = models.ForeignKey(
        ServiceType, verbose_name=_("dịch vụ"), on_delete=models.PROTECT, related_name="+"
    )
    given_on = models.DateField(_("ngày cung cấp"))
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("cơ sở cung cấp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cost = models.DecimalField(
        _("chi phí (đồng)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    note = EncryptedTextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CaseRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("dịch vụ đã cung cấp")
        verbose_name_plural = _("dịch vụ đã cung cấp")
        ordering = ["-given_on", "-pk"]

    def __str__(self):
        return f"{self.service_type} {self.given_on:%d/%m/%Y}"


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Đã chuyển gửi")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    COMPLETED = "completed", _("Đã hoàn thành")
    DECLINED = "declined", _("Từ chối")


class Referral(models.Model):
    client = models.ForeignKey(SupportClient, on_delete=models.CASCADE, related_name="referrals")
    provider = models.ForeignKey(
        Provider, verbose_name=_("cơ sở nhận"), on_delete=models.PROTECT, related_name="referrals"
    )
    service_type = models.ForeignKey(
        ServiceType, verbose_name=_("dịch vụ"), on_delete=models.PROTECT, related_name="+"
    )
    sent_on = models.DateField(_("ngày chuyển gửi"))
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    status_on = models.DateField(_("ngày cập nhật tình trạng"))
    follow_up_on = models.DateField(_("ngày theo dõi tiếp"), null=True, blank=True)
    note = EncryptedTextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    objects = CaseRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuyển gửi")
        verbose_name_plural = _("chuyển gửi")
        ordering = ["-sent_on", "-pk"]

    def __str__(self):
        return f"{self.provider} {self.sent_on:%d/%m/%Y}"
