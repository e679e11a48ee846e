from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "lanhmanh.organizations"
    verbose_name = _("Cơ quan, đơn vị")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.Sector,
            models.Agency,
            models.StandingAgency,
            models.InspectionTeam,
            models.TeamMember,
            models.AgencyTemplate,
        ):
            auditlog.register(model)
