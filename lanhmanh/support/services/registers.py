"""The registers without persons: providers, support models, volunteer teams, outreach."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import OUTREACH_CELLS, OutreachSession, Provider, SupportModel, VolunteerTeam
from .common import check_commune, check_not_future, check_version, check_writer

ENDED_BEFORE_STARTED = _("Ngày kết thúc không được trước ngày bắt đầu.")
NOBODY_REACHED = _("Ghi số người được tiếp cận (ít nhất một ô khác 0).")
COVERED_OUT_OF_SCOPE = _("Địa bàn triển khai phải thuộc phạm vi của bạn.")


def _save(model, obj, by, version, fields, m2m=None):
    """Create (``obj`` None) or update a register row, refusing a stale version."""
    check_writer(by, fields["unit"])
    if obj is None:
        obj = model()
    else:
        obj = model.objects.select_for_update().get(pk=obj.pk)
        check_writer(by, obj.unit)
        check_version(obj, version)
        obj.version += 1
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    return obj


@transaction.atomic
def provider_save(*, by, provider=None, version=None, services=(), **fields) -> Provider:
    return _save(Provider, provider, by, version, fields, {"services": services})


@transaction.atomic
def model_save(*, by, model=None, version=None, units_covered=(), **fields) -> SupportModel:
    from ..access import may_write

    if fields.get("ended_on") and fields["ended_on"] < fields["started_on"]:
        raise ValidationError({"ended_on": ENDED_BEFORE_STARTED})
    if any(not may_write(by, u) for u in units_covered):
        raise ValidationError({"units_covered": COVERED_OUT_OF_SCOPE})
    return _save(SupportModel, model, by, version, fields, {"units_covered": units_covered})


@transaction.atomic
def team_save(*, by, team=None, version=None, **fields) -> VolunteerTeam:
    if fields.get("dissolved_on") and fields["dissolved_on"] < fields["established_on"]:
        raise ValidationError({"dissolved_on": ENDED_BEFORE_STARTED})
    check_commune(fields["unit"])
    return _save(VolunteerTeam, team, by, version, fields)


@transaction.atomic
def outreach_record(*, by, **fields) -> OutreachSession:
    check_commune(fields["unit"])
    check_writer(by, fields["unit"])
    check_not_future(fields["held_on"], "held_on")
    if not any(fields.get(name) for name, _g, _s in OUTREACH_CELLS):
        raise ValidationError(NOBODY_REACHED)
    session = OutreachSession(recorded_by=by, **fields)
    session.full_clean()
    session.save()
    return session
