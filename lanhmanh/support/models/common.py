"""Choices and querysets shared by the module's models."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet


class Sex(models.TextChoices):
    FEMALE = "female", _("Nữ")
    MALE = "male", _("Nam")
    OTHER = "other", _("Khác, không nêu")


class Group(models.TextChoices):
    SEX_WORKER = "sex_worker", _("Người bán dâm")
    VICTIM = "victim", _("Nạn nhân bị mua bán")
    AT_RISK = "at_risk", _("Người có nguy cơ")


class AgeBand(models.TextChoices):
    UNDER_16 = "under_16", _("Dưới 16 tuổi")
    AGE_16_17 = "16_17", _("Từ 16 đến dưới 18 tuổi")
    AGE_18_29 = "18_29", _("Từ 18 đến dưới 30 tuổi")
    AGE_30_PLUS = "30_plus", _("Từ 30 tuổi trở lên")


class RegisterQuerySet(ScopedQuerySet):
    """Registers of the module (providers, models, teams, outreach): scoped by unit."""

    scope_path = "unit__path"
    scope_module = Module.SUPPORT


class CaseRowQuerySet(ScopedQuerySet):
    """Rows of a case (consent, services, referrals, …): seen by who opens the case."""

    scope_path = "client__unit__path"
    scope_module = Module.SUPPORT
    case_lookup = "client"

    def visible_to(self, user, **kwargs):
        from ..access import case_worker_q

        return super().visible_to(user, **kwargs).filter(case_worker_q(user, self.case_lookup))
