"""Writes for submissions: create, enter figures, submit, approve, return, reopen.

Every write brings the ``version`` the writer last saw; a write with an older version is
refused whole (``ConcurrentEditError``), so two officers editing the same report never
silently overwrite each other. The version is claimed with one conditional UPDATE, atomic
on both engines, before anything else is written; any error after it rolls it back.

Who may do what: the reporting unit's writers (``can_write`` on module REPORTING at the
unit) create, fill in and submit; a coordinator or administrator above the unit (or,
for an agency's report, the coordinator at the same unit: the standing agency) approves,
returns and reopens (``can_review``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.permissions import can_write
from lanhmanh.accounts.roles import Module, Role
from lanhmanh.accounts.scope import REVIEW, WRITE, scope_for, units_of
from lanhmanh.core.text import nfc
from lanhmanh.geography.models import AdministrativeUnit, Level
from lanhmanh.indicators.models import Source
from lanhmanh.organizations.models import Agency, Sector

from . import notices
from .models import (
    COUNTED_STATUSES,
    EDITABLE_STATUSES,
    Action,
    Reporter,
    ReportForm,
    Status,
    Submission,
    SubmissionEvent,
    SubmissionText,
    SubmissionValue,
)
from .periods import Period, PeriodKind, is_future, period_from_key
from .requests import request_for
from .rules import evaluate
from .totals import totals_apply
from .validation import Figure, cell_key, check_cells, check_parts

STALE_VERSION = _(
    "Báo cáo đã được người khác cập nhật trong lúc bạn đang sửa. Số liệu của bạn chưa được "
    "lưu: hãy tải lại báo cáo để xem bản mới nhất rồi nhập lại."
)
LOCKED = _("Báo cáo đã được duyệt nên số liệu đã khóa. Cần mở lại báo cáo (có lý do) để sửa.")
WAITING_FOR_REVIEW = _("Báo cáo đã gửi và đang chờ duyệt: không sửa được số liệu.")
ILLEGAL_TRANSITION = _("Không thể %(action)s báo cáo đang ở trạng thái “%(status)s”.")
COMMENT_REQUIRED = _("Vui lòng ghi lý do trả lại báo cáo.")
REASON_REQUIRED = _("Vui lòng ghi lý do mở lại báo cáo.")
OUT_OF_SCOPE = _("Đơn vị không tồn tại hoặc ngoài phạm vi quản lý của bạn.")
NOT_REVIEWER = _("Chỉ cơ quan thường trực cấp trên mới được duyệt, trả lại hoặc mở lại báo cáo.")
WRONG_LEVEL = _("Biểu mẫu này dành cho đơn vị %(level)s.")
WRONG_PERIOD = _("Biểu mẫu này báo cáo theo kỳ “%(kind)s”.")
NOT_REQUESTED = _("Không có yêu cầu báo cáo đột xuất nào cho đơn vị, biểu mẫu và thời gian này.")
UNIT_NOT_IN_PERIOD = _("Đơn vị không tồn tại trong kỳ báo cáo này.")
AGENCY_REQUIRED = _("Biểu mẫu này do cơ quan ngành %(sector)s của đơn vị báo cáo.")
AGENCY_NOT_ALLOWED = _("Biểu mẫu này do Ủy ban nhân dân (cơ quan thường trực) báo cáo.")
DUPLICATE = _("Đơn vị đã có báo cáo theo biểu mẫu này cho kỳ này.")
REQUIRED_MISSING = _("Chưa nhập số liệu bắt buộc: %(names)s.")
FUTURE_PERIOD = _(
    "Kỳ báo cáo “%(period)s” chưa bắt đầu: chỉ báo cáo kỳ hiện tại hoặc các kỳ đã qua "
    "(trừ báo cáo đột xuất)."
)
SELF_APPROVAL = _(
    "Người gửi báo cáo không được tự duyệt báo cáo đó: cần một cán bộ khác của cơ quan "
    "thường trực duyệt."
)
ON_BEHALF = _("Nhập thay cho %(unit)s")
OUTLIER = _("%(indicator)s: %(value)s, chênh lệch lớn so với kỳ trước (%(previous)s).")
EXPLANATION_REQUIRED = _("Cần giải trình cảnh báo trước khi gửi: %(message)s")
TEAM_REQUIRED = _("Biểu mẫu này do đội kiểm tra liên ngành 178 của đơn vị báo cáo.")

# A figure more than this many times (or less than this fraction of) the previous
# period's, and at least OUTLIER_MIN_CHANGE away from it, is worth a second look: a
# warning, never an error (1 → 0 or 2 → 7 is ordinary noise for a commune).
OUTLIER_FACTOR = Decimal(3)
OUTLIER_MIN_CHANGE = Decimal(10)

_ACTION_NAMES = {
    Action.SUBMITTED: _("gửi"),
    Action.APPROVED: _("duyệt"),
    Action.RETURNED: _("trả lại"),
    Action.REOPENED: _("mở lại"),
}


class ConcurrentEditError(ValidationError):
    """Someone else saved the submission since this writer loaded it."""


class LockedError(ValidationError):
    """The submission is approved (or waiting for review): its figures cannot change."""


@dataclass
class SaveResult:
    version: int
    warnings: list[str] = field(default_factory=list)


def can_review(user, submission: Submission) -> bool:
    """A reviewer (coordinator or administrator) above the submitting unit (through the
    units that became theirs), or, for an agency's report, the coordinator at the unit
    itself."""
    if not user.is_authenticated or not user.is_active:
        return False
    if scope_for(user, Module.REPORTING, action=REVIEW).covers_below(submission.unit.path):
        return True
    return submission.agency_id is not None and any(
        unit.pk == submission.unit_id
        for unit in units_of(user, Module.REPORTING, REVIEW, roles={Role.COORDINATOR})
    )


def _require_writer(user, unit: AdministrativeUnit) -> None:
    if not can_write(user, Module.REPORTING, unit):
        raise PermissionDenied(OUT_OF_SCOPE)


def _require_reviewer(user, submission: Submission) -> None:
    if not can_review(user, submission):
        raise PermissionDenied(NOT_REVIEWER)


def _refuse_future(period: Period) -> None:
    if is_future(period, timezone.localdate()):
        raise ValidationError(FUTURE_PERIOD % {"period": period.label}, code="future")


def on_behalf(user, submission: Submission) -> bool:
    """The writer holds no reporting role at the submission's unit itself: a coordinator
    or administrator above it (or the national administrator) entering for the unit. It
    is allowed, and the history says so."""
    return all(unit.pk != submission.unit_id for unit in units_of(user, Module.REPORTING, WRITE))


def _writer_note(user, submission: Submission, note="") -> str:
    """The comment of a writer's event: ``note``, and who the entry was made for when it
    was made on the unit's behalf."""
    if not on_behalf(user, submission):
        return note
    behalf = str(ON_BEHALF % {"unit": submission.unit})
    return f"{note} — {behalf}" if note else behalf


def _event(submission, action, user, comment="") -> None:
    SubmissionEvent.objects.create(
        submission=submission, action=action, user=user, at=timezone.now(), comment=comment
    )


def _claim(submission: Submission, version: int | None, allowed, refuse) -> None:
    """Take the next version, if nobody else took it and the status allows the write, in
    one conditional UPDATE (atomic on both engines), or raise and write nothing:
    ``ConcurrentEditError`` for an older version, ``refuse(submission)`` for a status."""
    expected = submission.version if version is None else int(version)
    claimed = Submission.objects.filter(
        pk=submission.pk, version=expected, status__in=allowed
    ).update(version=F("version") + 1)
    submission.refresh_from_db()
    if claimed:
        return
    if submission.version != expected:
        raise ConcurrentEditError(STALE_VERSION, code="stale")
    raise refuse(submission)


def _not_editable(submission: Submission) -> ValidationError:
    if submission.status == Status.APPROVED:
        return LockedError(LOCKED, code="locked")
    return LockedError(WAITING_FOR_REVIEW, code="locked")


@transaction.atomic
def submission_create(
    *,
    form: ReportForm,
    unit: AdministrativeUnit,
    period: Period | str,
    user,
    agency: Agency | None = None,
    team=None,
) -> Submission:
    """Open a draft report of ``unit`` (or one of its agencies, or its team 178) on
    ``form`` for ``period``; its written sections start from the texts of the units
    below for the same period (to edit, not to copy by hand)."""
    _require_writer(user, unit)
    if isinstance(period, str):
        period = period_from_key(period)
    if unit.level != form.unit_level:
        raise ValidationError(WRONG_LEVEL % {"level": Level(form.unit_level).label.lower()})
    # An ad hoc period is opened only by a request that asks this unit for this form.
    request = request_for(form, unit, period)
    if period.kind == PeriodKind.AD_HOC and request is None:
        raise ValidationError(NOT_REQUESTED)
    if period.kind != form.periodicity and request is None:
        raise ValidationError(WRONG_PERIOD % {"kind": form.get_periodicity_display()})
    _refuse_future(period)
    window = period.window
    if (unit.valid_from and unit.valid_from > window.end) or (
        unit.valid_to and unit.valid_to < window.start
    ):
        raise ValidationError(UNIT_NOT_IN_PERIOD)
    if form.reporter == Reporter.TEAM:
        if team is None or team.unit_id != unit.pk:
            raise ValidationError(TEAM_REQUIRED)
    elif form.sector_id:
        if agency is None or agency.sector_id != form.sector_id or agency.unit_id != unit.pk:
            sector = cast(Sector, form.sector)  # sector_id is set
            raise ValidationError(AGENCY_REQUIRED % {"sector": sector.name.lower()})
    elif agency is not None:
        raise ValidationError(AGENCY_NOT_ALLOWED)
    submission = Submission(
        form=form,
        unit=unit,
        agency=agency,
        team=team if form.reporter == Reporter.TEAM else None,
        period_kind=period.kind,
        period_key=period.key,
        period_start=window.start,
        period_end=window.end,
        deadline=request.deadline if request else form.deadline(period, unit.level),
        created_by=user,
    )
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError as exc:
        raise ValidationError(DUPLICATE) from exc
    _prefill_texts(submission)
    _event(submission, Action.CREATED, user, _writer_note(user, submission))
    return submission


def children_texts(submission: Submission) -> list[tuple]:
    """(section kind, unit, text) of the reports of the units below ``submission``'s unit
    (and those merged into it) for windows inside its own, sent or approved, in unit order."""
    return texts_below(submission.unit, submission.period_start, submission.period_end)


def texts_below(unit: AdministrativeUnit, start, end) -> list[tuple]:
    """(section kind, unit, text) written by the units below ``unit`` for windows inside
    ``start``–``end``, in reports sent or approved."""
    from lanhmanh.indicators.values import rollup_paths, units_under

    prefixes = rollup_paths([unit.path])[unit.path]
    texts = (
        SubmissionText.objects.filter(
            submission__unit__in=units_under(prefixes),
            submission__period_start__gte=start,
            submission__period_end__lte=end,
            submission__status__in=COUNTED_STATUSES,
        )
        .exclude(submission__unit=unit)
        .exclude(text="")
        .select_related("section", "submission__unit")
        .order_by("submission__unit__path", "submission__period_end", "section__order")
    )
    # A unit that wrote the same words month after month says them once.
    found, seen = [], set()
    for t in texts:
        key = (t.section.kind, t.submission.unit_id, t.text.strip())
        if key not in seen:
            seen.add(key)
            found.append((t.section.kind, t.submission.unit, t.text))
    return found


def _prefill_texts(submission: Submission) -> None:
    sections = [s for s in submission.form.sections.all() if s.is_text]
    if not sections:
        return
    by_kind: dict[str, list[str]] = {}
    for kind, unit, text in children_texts(submission):
        by_kind.setdefault(kind, []).append(f"{unit}: {text.strip()}")
    SubmissionText.objects.bulk_create(
        SubmissionText(submission=submission, section=s, text="\n\n".join(by_kind[s.kind]))
        for s in sections
        if by_kind.get(s.kind)
    )


def _form_rows(form: ReportForm):
    """The rows people enter figures for: a computed indicator's figures come from its
    module's records, never from a form."""
    rows = [
        r for r in form.rows.select_related("indicator") if r.indicator.source != Source.COMPUTED
    ]
    return (
        {r.indicator.code: list(r.disaggregations or []) for r in rows},
        {r.indicator.code: r.indicator for r in rows},
        rows,
    )


def _stored(submission: Submission) -> dict[tuple[str, str], SubmissionValue]:
    return {
        (v.indicator.code, v.disaggregation): v
        for v in submission.values.select_related("indicator")
    }


@transaction.atomic
def submission_save_values(
    *,
    submission: Submission,
    values: dict,
    version: int,
    user,
    texts: dict | None = None,
    explanations: dict | None = None,
) -> SaveResult:
    """Save figures ({cell key or (code, disaggregation): raw}; an empty cell clears the
    figure), written sections ({section id: text}) and explanations of warnings ({rule
    id: comment}). All or nothing: any bad cell or broken error rule raises a
    ValidationError by cell key and saves nothing. Returns the new version and warnings
    (warning rules, outliers against the last period)."""
    _require_writer(user, submission.unit)
    rows, indicators, _rows = _form_rows(submission.form)
    parsed, errors = check_cells(rows, indicators, values)
    if errors:
        raise ValidationError(errors)
    stored = _stored(submission)
    merged: dict[tuple[str, str], Figure] = {
        key: Figure(v.numerator, v.denominator) for key, v in stored.items()
    }
    for key, figure in parsed.items():
        if figure is None:
            merged.pop(key, None)
        else:
            merged[key] = figure
    errors = check_parts(merged, rows)
    violations = evaluate(submission.form.rules.all(), merged, indicators)
    for v in violations:
        if v.is_error:
            errors.setdefault(v.cell, []).append(v.message)
    if errors:
        raise ValidationError(errors)

    _claim(submission, version, EDITABLE_STATUSES, _not_editable)
    _save_texts(submission, texts)
    if explanations is not None:
        kept = {str(k): nfc(str(v)).strip() for k, v in explanations.items() if str(v).strip()}
        if kept != submission.explanations:
            submission.explanations = kept
            submission.save(update_fields=["explanations"])
    for (code, disaggregation), figure in parsed.items():
        current = stored.get((code, disaggregation))
        if figure is None:
            if current:
                current.delete()
        elif current is None:
            SubmissionValue.objects.create(
                submission=submission,
                indicator=indicators[code],
                disaggregation=disaggregation,
                numerator=figure.numerator,
                denominator=figure.denominator,
            )
        elif (current.numerator, current.denominator) != (figure.numerator, figure.denominator):
            current.numerator, current.denominator = figure.numerator, figure.denominator
            current.save(update_fields=["numerator", "denominator"])
    _event(submission, Action.SAVED, user, _writer_note(user, submission))
    warnings = [v.message for v in violations if not v.is_error]
    return SaveResult(
        submission.version, warnings + outlier_warnings(submission, merged, indicators)
    )


def _save_texts(submission: Submission, texts: dict | None) -> None:
    if not texts:
        return
    sections = {s.pk: s for s in submission.form.sections.all() if s.is_text}
    stored = {t.section_id: t for t in submission.texts.all()}
    for key, raw in texts.items():
        section = sections.get(int(key))
        if section is None:
            continue
        text = nfc(str(raw or "")).strip()
        current = stored.get(section.pk)
        if current is None:
            if text:
                SubmissionText.objects.create(submission=submission, section=section, text=text)
        elif current.text != text:
            current.text = text
            current.save(update_fields=["text"])


def figures_of(submission: Submission) -> dict:
    return {k: Figure(v.numerator, v.denominator) for k, v in _stored(submission).items()}


def open_warnings(submission: Submission) -> list:
    """Warning rules the report's figures break, with whether each is explained."""
    _rows, indicators, _r = _form_rows(submission.form)
    found = evaluate(submission.form.rules.all(), figures_of(submission), indicators)
    return [v for v in found if not v.is_error]


def outlier_warnings(submission: Submission, figures: dict, indicators: dict) -> list[str]:
    """Totals more than three times, or less than a third of, the same report's figure of
    the previous period."""
    previous = (
        Submission.objects.filter(
            form=submission.form_id,
            unit=submission.unit_id,
            agency=submission.agency_id,
            period_key=submission.period.previous().key,
        )
        .exclude(status=Status.DRAFT)
        .first()
    )
    if previous is None:
        return []
    before = {
        v.indicator.code: _shown(v.numerator, v.denominator)
        for v in previous.values.filter(disaggregation="").select_related("indicator")
    }
    warnings = []
    for (code, disaggregation), figure in figures.items():
        if disaggregation or not before.get(code):
            continue
        now, then = _shown(figure.numerator, figure.denominator), before[code]
        if now is None or then is None:
            continue
        large = abs(now - then) >= OUTLIER_MIN_CHANGE
        if large and (now > then * OUTLIER_FACTOR or now * OUTLIER_FACTOR < then):
            warnings.append(
                str(
                    OUTLIER
                    % {
                        "indicator": indicators[code].name,
                        "value": _plain(now),
                        "previous": _plain(then),
                    }
                )
            )
    return warnings


def _shown(numerator, denominator) -> Decimal | None:
    if denominator is None:
        return numerator
    return numerator * 100 / denominator if denominator else None


def _plain(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.1')).normalize():f}"


def _illegal(action):
    def refuse(submission) -> ValidationError:
        return ValidationError(
            ILLEGAL_TRANSITION
            % {"action": _ACTION_NAMES[action], "status": submission.get_status_display()},
            code="illegal",
        )

    return refuse


@transaction.atomic
def submission_submit(*, submission: Submission, user, version: int | None = None) -> Submission:
    """Send a draft (or a returned report, corrected) up for approval."""
    _require_writer(user, submission.unit)
    _refuse_future(submission.period)
    missing = _missing_required(submission)
    if missing:
        raise ValidationError(REQUIRED_MISSING % {"names": ", ".join(missing)})
    _rows, indicators, _r = _form_rows(submission.form)
    found = evaluate(submission.form.rules.all(), figures_of(submission), indicators, required=True)
    errors: dict[str, list] = {}
    for v in found:
        if v.is_error:
            errors.setdefault(v.cell, []).append(v.message)
        elif not (submission.explanations or {}).get(str(v.rule.pk)):
            errors.setdefault(v.cell, []).append(EXPLANATION_REQUIRED % {"message": v.message})
    if errors:
        raise ValidationError(errors)
    _claim(submission, version, EDITABLE_STATUSES, _illegal(Action.SUBMITTED))
    resubmitted = submission.status == Status.RETURNED
    submission.status = Status.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.submitted_by = user
    if submission.first_submitted_at is None:
        submission.first_submitted_at = submission.submitted_at
    submission.save(
        update_fields=[
            "status",
            "submitted_at",
            "first_submitted_at",
            "submitted_by",
            "updated_at",
        ]
    )
    note = str(_("Gửi lại sau khi sửa")) if resubmitted else ""
    _event(submission, Action.SUBMITTED, user, _writer_note(user, submission, note))
    return submission


def _missing_required(submission: Submission) -> list[str]:
    present = set(
        submission.values.filter(disaggregation="").values_list("indicator_id", flat=True)
    )
    return [
        row.indicator.name
        for row in submission.form.rows.select_related("indicator")
        if row.required
        and row.indicator_id not in present
        and row.indicator.source != Source.COMPUTED
    ]


@transaction.atomic
def submission_approve(*, submission: Submission, user, version: int | None = None) -> Submission:
    """Accept a submitted report: its figures are locked from now on."""
    _require_reviewer(user, submission)
    # Separation of duties: whoever sent the report (for the unit or on its behalf) is
    # not the one who accepts it.
    if submission.submitted_by_id is not None and submission.submitted_by_id == user.pk:
        raise ValidationError(SELF_APPROVAL, code="self_approval")
    _refuse_future(submission.period)
    _claim(submission, version, [Status.SUBMITTED], _illegal(Action.APPROVED))
    submission.status = Status.APPROVED
    submission.approved_at = timezone.now()
    submission.approved_by = user
    submission.returned_comment = ""
    submission.save(
        update_fields=["status", "approved_at", "approved_by", "returned_comment", "updated_at"]
    )
    _event(submission, Action.APPROVED, user)
    totals_apply(submission=submission, sign=1)
    notices.report_approved(submission)
    return submission


@transaction.atomic
def submission_return(
    *, submission: Submission, user, comment: str, version: int | None = None
) -> Submission:
    """Send a submitted report back to its unit, saying what to correct."""
    _require_reviewer(user, submission)
    comment = nfc(comment).strip()
    if not comment:
        raise ValidationError({"comment": COMMENT_REQUIRED})
    _claim(submission, version, [Status.SUBMITTED], _illegal(Action.RETURNED))
    submission.status = Status.RETURNED
    submission.returned_comment = comment
    submission.save(update_fields=["status", "returned_comment", "updated_at"])
    _event(submission, Action.RETURNED, user, comment)
    notices.report_returned(submission)
    return submission


@transaction.atomic
def submission_reopen(
    *, submission: Submission, user, reason: str, version: int | None = None
) -> Submission:
    """Unlock an approved report for correction; the reason stays in its history and the
    audit log, and its figures stop counting until it is approved again."""
    _require_reviewer(user, submission)
    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    _claim(submission, version, [Status.APPROVED], _illegal(Action.REOPENED))
    submission.status = Status.DRAFT
    submission.reopened_reason = reason
    submission.approved_at = None
    submission.approved_by = None
    submission.save(
        update_fields=["status", "reopened_reason", "approved_at", "approved_by", "updated_at"]
    )
    _event(submission, Action.REOPENED, user, reason)
    totals_apply(submission=submission, sign=-1)
    return submission


def cell_errors(error: ValidationError) -> dict[str, list[str]]:
    """A save's errors by cell key, as plain strings (for the entry screen and Excel)."""
    if not hasattr(error, "error_dict"):
        return {"": [str(m) for m in error.messages]}
    return {key: [str(m) for m in messages] for key, messages in error.message_dict.items()}


__all__ = [
    "ConcurrentEditError",
    "LockedError",
    "SaveResult",
    "can_review",
    "cell_errors",
    "cell_key",
    "submission_approve",
    "submission_create",
    "submission_reopen",
    "submission_return",
    "submission_save_values",
    "submission_submit",
]
