"""Criminal cases of prostitution and trafficking offences, followed stage by stage by
police, procuracy and court, counted by the indicators (no names, counts only)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "lanhmanh.cases"
    verbose_name = _("Vụ án")

    def ready(self):
        from auditlog.registry import auditlog

        from . import indicators, models  # noqa: F401 - indicators register on import

        for model in (models.CriminalArticle, models.CriminalCase, models.CaseStep):
            auditlog.register(model)
