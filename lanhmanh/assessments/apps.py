"""Healthy communes: assessment frameworks as versioned data and the yearly assessment of
each commune (self-assessment, review by the level above, approval, class)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "lanhmanh.assessments"
    verbose_name = _("Đánh giá xã, phường lành mạnh")

    def ready(self):
        from auditlog.registry import auditlog

        from . import indicators, models  # noqa: F401 - indicators register on import

        for model in (
            models.Framework,
            models.FrameworkVersion,
            models.Criterion,
            models.AssessmentClass,
            models.Assessment,
            models.Answer,
            models.AssessmentDocument,
        ):
            auditlog.register(model)
