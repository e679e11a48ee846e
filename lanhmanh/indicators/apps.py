"""The indicator catalogue, the registry of computed indicators, and the one value
interface (``indicator_value``) that the dashboard, target progress and report documents
use without knowing where a figure comes from."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "lanhmanh.indicators"
    verbose_name = _("Chỉ số")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import CategoryOption, CategorySet, Indicator

        for model in (Indicator, CategorySet, CategoryOption):
            auditlog.register(model)
