from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    name = "lanhmanh.tips"
    verbose_name = _("Tin báo, tố giác")

    def ready(self):
        # Computations register themselves on import; the signal links inspections.
        from . import indicators, signals  # noqa: F401
