"""Notifications: what happened that a user should know, in the application (the bell)
and, when the user chose so in their profile, by e-mail."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REPORT_RETURNED = "report_returned", _("Báo cáo bị trả lại")
    REPORT_APPROVED = "report_approved", _("Báo cáo đã được duyệt")
    REPORT_DUE = "report_due", _("Báo cáo còn ba ngày đến hạn")
    TASK_ASSIGNED = "task_assigned", _("Được giao chủ trì nhiệm vụ")
    TIP_ASSIGNED = "tip_assigned", _("Được phân công xử lý tin báo")


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user, **_ignored):
        """A notification is its recipient's only; not a unit's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read=False)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(_("đường dẫn"), max_length=500)
    created = models.DateTimeField(_("thời điểm"), default=timezone.now)
    read = models.BooleanField(_("đã đọc"), default=False)
    emailed = models.BooleanField(_("đã gửi thư"), default=False)
    # Idempotence: the same event (user, kind, object, day) is recorded once, so a command
    # run twice, or a retried request, notifies once.
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["recipient", "read", "-created"])]

    def __str__(self):
        return self.text


class EmailPreference(models.Model):
    """The kinds a user receives by e-mail; without a row, every kind."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preference"
    )
    kinds = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("thông báo qua thư")
        verbose_name_plural = _("thông báo qua thư")

    def __str__(self):
        return f"{self.user}: {', '.join(self.kinds)}"
