"""Support for people who sell sex, trafficking victims and people at risk: cases under a
pseudonymous code, consent, needs, services, referrals, the trafficking victims' support
regimes, the registers of support models, volunteer teams and outreach, and the one
privacy policy (``access.py``) every output of the module goes through."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "lanhmanh.support"
    verbose_name = _("Hỗ trợ người bán dâm, nạn nhân bị mua bán")

    def ready(self):
        from auditlog.registry import auditlog

        from . import checks, indicators, models  # noqa: F401 - register on import

        # Only the registers: case rows are never given to auditlog, whose change log
        # would keep identifying details in clear; reads and writes of cases are recorded
        # in CaseAccess instead.
        for model in (models.Provider, models.SupportModel, models.VolunteerTeam):
            auditlog.register(model)
