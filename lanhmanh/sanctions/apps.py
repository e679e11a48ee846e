"""Sanction decisions against persons and organisations, outside inspections too, judged
by the decree in force on the date of the act and counted by the indicators."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SanctionsConfig(AppConfig):
    name = "lanhmanh.sanctions"
    verbose_name = _("Xử phạt vi phạm hành chính")

    def ready(self):
        from auditlog.registry import auditlog

        from . import indicators, models  # noqa: F401 - indicators register on import

        auditlog.register(models.SanctionDecision)
