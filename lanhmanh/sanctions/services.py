"""Writes of the register: record a sanction decision, edit it (refusing a stale form),
and correct a row of the catalogue. Every write checks the act against the decree in
force on its date, and the writer's scope; nothing is half-saved."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, can
from lanhmanh.inspections.models import Offender, ViolationType
from lanhmanh.inspections.services.common import vnd

from .models import PAYMENT_DAYS, Enforcement, OffenderKind, Outcome, SanctionDecision

OUTSIDE_SCOPE = _("Địa bàn này nằm ngoài phạm vi của bạn.")
ACT_IN_FUTURE = _("Ngày vi phạm không được sau ngày hôm nay.")
NOT_IN_FORCE = _(
    "Hành vi này theo Nghị định %(decree)s chỉ áp dụng %(dates)s; ngày vi phạm %(day)s "
    "phải xử lý theo nghị định có hiệu lực vào ngày đó."
)
WRONG_OFFENDER = _("Hành vi này không áp dụng cho đối tượng đã chọn (cá nhân hoặc tổ chức).")
PERSON_DETAILS = _(
    "Ghi giới tính, độ tuổi và quốc tịch của người vi phạm (chọn 'Không rõ' nếu chưa biết)."
)
ORGANISATION_REQUIRED = _("Ghi tên tổ chức hoặc chọn cơ sở vi phạm.")
DECISION_REQUIRED = _("Quyết định xử phạt phải có số và ngày ra quyết định.")
DECISION_BEFORE_ACT = _("Ngày ra quyết định không được trước ngày vi phạm.")
DECISION_IN_FUTURE = _("Ngày ra quyết định không được sau ngày hôm nay.")
FINE_REQUIRED = _("Hình thức phạt tiền phải ghi số tiền phạt.")
FINE_OUT_OF_RANGE = _(
    "Số tiền phạt phải trong khung từ %(min)s đến %(max)s đồng, theo Nghị định %(decree)s "
    "có hiệu lực vào ngày vi phạm."
)
FINE_WITHOUT_FINE = _("Chỉ ghi số tiền phạt khi hình thức xử lý là phạt tiền.")
WARNING_NOT_ALLOWED = _("Hành vi này không áp dụng hình thức phạt cảnh cáo.")
REFERRAL_TARGET_REQUIRED = _("Phải ghi cơ quan được chuyển hồ sơ.")
PAID_OVER_FINE = _("Số tiền đã nộp không được lớn hơn số tiền phạt.")
PAID_WITHOUT_FINE = _("Chỉ ghi số tiền đã nộp cho quyết định phạt tiền.")
PAID_BEFORE_DECISION = _("Ngày nộp không được trước ngày ra quyết định.")
PAID_DATE_REQUIRED = _("Ghi ngày nộp phạt.")
STALE = _(
    "Quyết định này vừa được người khác sửa (phiên bản {theirs}, bạn sửa từ phiên bản "
    "{yours}). Hãy xem lại nội dung hiện tại bên dưới rồi lưu lại."
)
CATALOGUE_STALE = _(
    "Dòng danh mục này vừa được người khác sửa (phiên bản {theirs}, bạn sửa từ phiên bản {yours})."
)
RANGE_REVERSED = _("Mức tối thiểu không được lớn hơn mức tối đa.")
DATES_REVERSED = _("Ngày hết hiệu lực không được trước ngày có hiệu lực.")

FIELDS = (
    "unit",
    "act_date",
    "violation_type",
    "offender_kind",
    "role",
    "sex",
    "age_band",
    "nationality",
    "establishment",
    "organisation_name",
    "outcome",
    "decision_number",
    "decision_date",
    "issuing_agency",
    "issuer_title",
    "fine_vnd",
    "additional_measures",
    "referred_to",
    "payment_due",
    "paid_vnd",
    "paid_on",
    "enforcement",
    "inspection",
    "tip",
)
PERSON_FIELDS = ("sex", "age_band", "nationality")
CATALOGUE_FIELDS = (
    "article",
    "description",
    "fine_min",
    "fine_max",
    "warning_allowed",
    "valid_from",
    "valid_to",
    "to_confirm",
)


class StaleVersion(ValidationError):
    """The form was filled in from an older version than the one stored."""

    def __init__(self, *, yours: int, theirs: int, message=STALE):
        super().__init__(message.format(yours=yours, theirs=theirs), code="stale")
        self.yours, self.theirs = yours, theirs


def _dates(vt: ViolationType) -> str:
    start = date_format(vt.valid_from, "d/m/Y") if vt.valid_from else ""
    end = date_format(vt.valid_to, "d/m/Y") if vt.valid_to else ""
    if start and end:
        return str(_("từ %(start)s đến %(end)s")) % {"start": start, "end": end}
    if end:
        return str(_("đến %(end)s")) % {"end": end}
    return str(_("từ %(start)s")) % {"start": start}


def decision_errors(values: dict, *, today: datetime.date) -> dict[str, list]:
    """What is wrong with a decision's values, by field (empty when right)."""
    errors: dict[str, list] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    act, vt, outcome = values.get("act_date"), values.get("violation_type"), values.get("outcome")
    if act and act > today:
        add("act_date", ACT_IN_FUTURE)
    if act and vt and not vt.in_force_on(act):
        add(
            "violation_type",
            str(NOT_IN_FORCE)
            % {"decree": vt.decree, "dates": _dates(vt), "day": date_format(act, "d/m/Y")},
        )
    kind = values.get("offender_kind")
    if vt and kind and vt.offender not in (Offender.ANY, kind):
        add("violation_type", WRONG_OFFENDER)
    if kind == OffenderKind.PERSON and not all(values.get(f) for f in PERSON_FIELDS):
        add("sex", PERSON_DETAILS)
    if kind == OffenderKind.ORGANISATION and not (
        values.get("establishment") or (values.get("organisation_name") or "").strip()
    ):
        add("organisation_name", ORGANISATION_REQUIRED)
    decided = outcome in (Outcome.FINE, Outcome.WARNING)
    decision_date = values.get("decision_date")
    if decided and not ((values.get("decision_number") or "").strip() and decision_date):
        add("decision_number", DECISION_REQUIRED)
    if decision_date and act and decision_date < act:
        add("decision_date", DECISION_BEFORE_ACT)
    if decision_date and decision_date > today:
        add("decision_date", DECISION_IN_FUTURE)
    fine = values.get("fine_vnd")
    if outcome == Outcome.FINE:
        if fine is None:
            add("fine_vnd", FINE_REQUIRED)
        elif vt and not vt.fine_min <= fine <= vt.fine_max:
            add(
                "fine_vnd",
                str(FINE_OUT_OF_RANGE)
                % {"min": vnd(vt.fine_min), "max": vnd(vt.fine_max), "decree": vt.decree},
            )
    elif fine:
        add("fine_vnd", FINE_WITHOUT_FINE)
    if outcome == Outcome.WARNING and vt and not vt.warning_allowed:
        add("outcome", WARNING_NOT_ALLOWED)
    if outcome == Outcome.REFERRED and not (values.get("referred_to") or "").strip():
        add("referred_to", REFERRAL_TARGET_REQUIRED)
    paid = values.get("paid_vnd") or 0
    if paid and outcome != Outcome.FINE:
        add("paid_vnd", PAID_WITHOUT_FINE)
    elif paid and fine is not None and paid > fine:
        add("paid_vnd", PAID_OVER_FINE)
    if paid and not values.get("paid_on"):
        add("paid_on", PAID_DATE_REQUIRED)
    paid_on = values.get("paid_on")
    if paid_on and decision_date and paid_on < decision_date:
        add("paid_on", PAID_BEFORE_DECISION)
    unit, by = values.get("unit"), values.get("_by")
    if unit is not None and by is not None and not can(by, Module.ENFORCEMENT, WRITE, unit):
        add("unit", OUTSIDE_SCOPE)
    return errors


def _normalise(values: dict) -> dict:
    """What follows from the outcome and the offender: a person's fields empty for an
    organisation, a due date ten days after a fine's decision."""
    if values.get("offender_kind") == OffenderKind.ORGANISATION:
        for name in PERSON_FIELDS:
            values[name] = ""
    else:
        values["establishment"], values["organisation_name"] = None, ""
    if values.get("outcome") == Outcome.FINE:
        if not values.get("payment_due") and values.get("decision_date"):
            values["payment_due"] = values["decision_date"] + datetime.timedelta(days=PAYMENT_DAYS)
        if values.get("paid_vnd") is None:
            values["paid_vnd"] = 0
    else:
        values["payment_due"], values["paid_vnd"], values["paid_on"] = None, 0, None
    if not values.get("enforcement"):
        values["enforcement"] = Enforcement.IN_PROGRESS
    return values


def _check(values: dict, by) -> None:
    errors = decision_errors({**values, "_by": by}, today=timezone.localdate())
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def sanction_decision_create(*, by, **values) -> SanctionDecision:
    values = _normalise({k: v for k, v in values.items() if k in FIELDS})
    _check(values, by)
    decision = SanctionDecision(created_by=by, **values)
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def sanction_decision_update(
    *, decision: SanctionDecision, by, version: int, **values
) -> SanctionDecision:
    if not can(by, Module.ENFORCEMENT, WRITE, decision.unit):
        raise PermissionDenied
    current = SanctionDecision.objects.select_for_update().get(pk=decision.pk)
    if current.version != version:
        raise StaleVersion(yours=version, theirs=current.version)
    merged = {f: getattr(current, f) for f in FIELDS} | {
        k: v for k, v in values.items() if k in FIELDS
    }
    merged = _normalise(merged)
    _check(merged, by)
    for field, value in merged.items():
        setattr(current, field, value)
    current.version = F("version") + 1
    current.full_clean(exclude=["version"])
    current.save()
    current.refresh_from_db()
    return current


@transaction.atomic
def violation_type_update(*, row: ViolationType, by, version: int, **values) -> ViolationType:
    """Correct a catalogue row (its range once the decree's text is at hand). Only a
    national administrator edits the catalogue every unit judges by."""
    if not (by and by.is_superuser):
        raise PermissionDenied
    current = ViolationType.objects.select_for_update().get(pk=row.pk)
    if current.version != version:
        raise StaleVersion(yours=version, theirs=current.version, message=CATALOGUE_STALE)
    values = {k: v for k, v in values.items() if k in CATALOGUE_FIELDS}
    merged = {f: getattr(current, f) for f in CATALOGUE_FIELDS} | values
    errors: dict[str, list] = {}
    if merged["fine_min"] > merged["fine_max"]:
        errors["fine_min"] = [RANGE_REVERSED]
    if merged["valid_from"] and merged["valid_to"] and merged["valid_to"] < merged["valid_from"]:
        errors["valid_to"] = [DATES_REVERSED]
    if errors:
        raise ValidationError(errors)
    for field, value in values.items():
        setattr(current, field, value)
    current.version = F("version") + 1
    current.full_clean(exclude=["version"])
    current.save()
    current.refresh_from_db()
    return current
