from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "lanhmanh.audit"
    verbose_name = _("Nhật ký hệ thống")

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
