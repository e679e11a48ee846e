"""At-risk establishments and their commitments, inspections by team 178 with violations
and sanctions, follow-ups, and public hotspots."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "lanhmanh.inspections"
    verbose_name = _("Kiểm tra cơ sở")

    def ready(self):
        from auditlog.registry import auditlog

        from . import indicators, models  # noqa: F401 - indicators register on import

        for model in (
            models.BusinessType,
            models.ChecklistVersion,
            models.ChecklistItem,
            models.ViolationType,
            models.EstablishmentStatusChange,
            models.Commitment,
            models.InspectionPlan,
            models.Inspection,
            models.Violation,
            models.Hotspot,
            models.HotspotStatusChange,
        ):
            auditlog.register(model)
        # The keys are derived from the name and address: their changes say nothing new.
        auditlog.register(
            models.Establishment,
            exclude_fields=["search_key", "duplicate_key", "licence_key", "updated_at"],
        )
