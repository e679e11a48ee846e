"""Awareness activities, trainings, meetings and campaigns, recorded once and counted by
the indicators at every level; budget lines of a plan and the spending against them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "lanhmanh.activities"
    verbose_name = _("Hoạt động")

    def ready(self):
        from auditlog.registry import auditlog

        from . import indicators, models  # noqa: F401 - indicators register on import

        for model in (
            models.ActivityKind,
            models.AudienceGroup,
            models.MaterialKind,
            models.BudgetLine,
            models.Activity,
            models.ActivityMaterial,
            models.ActivityAttachment,
        ):
            auditlog.register(model)
