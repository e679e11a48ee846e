from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "lanhmanh.plans"
    verbose_name = _("Kế hoạch")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        for model in (models.Plan, models.PlanBasis, models.Target, models.Task):
            auditlog.register(model)
        auditlog.register(models.TaskUpdate)
