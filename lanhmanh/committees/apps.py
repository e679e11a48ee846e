"""The steering committee (Ban chỉ đạo) of each unit: its members, meetings and their
decisions, supervision visits of the units below, and commendations."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "lanhmanh.committees"
    verbose_name = _("Ban chỉ đạo")

    def ready(self):
        from auditlog.registry import auditlog

        from . import indicators, models  # noqa: F401 - indicators register on import

        for model in (
            models.CommitteeMember,
            models.Meeting,
            models.MeetingAttachment,
            models.Decision,
            models.SupervisionVisit,
            models.Recommendation,
            models.Commendation,
        ):
            auditlog.register(model)
