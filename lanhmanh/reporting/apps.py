"""Reporting periods and cut-off windows, report forms, submissions and their workflow,
completeness, target progress and report documents."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "lanhmanh.reporting"
    verbose_name = _("Báo cáo")

    def ready(self):
        from auditlog.registry import auditlog

        from lanhmanh.indicators.registry import EnteredFigures, register_entered

        from . import models

        register_entered(
            EnteredFigures(
                model=models.SubmissionValue,
                counted=tuple(models.COUNTED_STATUSES),
                pending=models.Status.SUBMITTED,
            )
        )

        for model in (
            models.ReportForm,
            models.ReportFormIndicator,
            models.ReportFormSection,
            models.ValidationRule,
            models.Submission,
            models.SubmissionText,
        ):
            auditlog.register(model)
        auditlog.register(models.SubmissionValue)
        auditlog.register(models.SubmissionEvent)
        auditlog.register(models.ReportRequest, m2m_fields={"units"})
