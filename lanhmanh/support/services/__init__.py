"""Writes of the module: ``<entity>_<action>``, keyword-only, atomic, checked."""

from .cases import (
    case_close,
    case_open,
    case_plan_update,
    case_update,
    uic_candidates,
    worker_assign,
)
from .registers import (
    model_save,
    outreach_record,
    provider_save,
    team_save,
)
from .victims import child_step_record, victim_save, victim_support_record
from .work import (
    assessment_record,
    consent_document_read,
    consent_record,
    consent_withdraw,
    referral_send,
    referral_update,
    service_record,
)

__all__ = [
    "assessment_record",
    "case_close",
    "case_open",
    "case_plan_update",
    "case_update",
    "child_step_record",
    "consent_document_read",
    "consent_record",
    "consent_withdraw",
    "model_save",
    "outreach_record",
    "provider_save",
    "referral_send",
    "referral_update",
    "service_record",
    "team_save",
    "uic_candidates",
    "victim_save",
    "victim_support_record",
    "worker_assign",
]
