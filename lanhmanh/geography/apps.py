from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeographyConfig(AppConfig):
    name = "lanhmanh.geography"
    verbose_name = _("Đơn vị hành chính")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import AdministrativeUnit, UnitChange

        auditlog.register(AdministrativeUnit)
        auditlog.register(UnitChange)
