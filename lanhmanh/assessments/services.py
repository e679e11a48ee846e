"""Writes of the module: framework versions and their criteria and classes, and the
assessment of a commune from its self-assessment to the approval by the level above.

Frameworks: a version an assessment uses is frozen; an edit then makes the next version
(a copy with the change) and new assessments take it. Assessments: the commune writes
(WRITE at the commune), a unit above reviews (REVIEW covering the commune from above:
never the commune itself, so a commune cannot approve its own assessment).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import REVIEW, WRITE, can, scope_for
from lanhmanh.core.concurrency import version_claim
from lanhmanh.geography.models import Level

from . import proposals
from .models import (
    Answer,
    Assessment,
    AssessmentClass,
    AssessmentDocument,
    Criterion,
    Framework,
    FrameworkVersion,
    Rule,
    Status,
)

MODULE = Module.ASSESSMENTS

NO_THRESHOLDS = _(
    "Bộ tiêu chí phải có các loại xếp hạng với ngưỡng điểm, trong đó một loại từ 0 điểm "
    "không đòi tiêu chí bắt buộc (để mọi kết quả đều được xếp loại)."
)
NO_CRITERIA = _("Bộ tiêu chí phải có ít nhất một tiêu chí.")
MAX_REQUIRED = _("Tiêu chí chấm điểm phải có điểm tối đa lớn hơn 0.")
ABOVE_MAX = _("Điểm %(points)s vượt quá điểm tối đa %(max)s của tiêu chí.")
NEGATIVE = _("Điểm không được âm.")
ANSWER_MISSING = _("Chưa chấm tiêu chí: %(criteria)s.")
DUPLICATE = _("Xã, phường này đã có bản đánh giá năm %(year)s theo loại này.")
NOT_A_COMMUNE = _("Chỉ đánh giá được xã, phường, đặc khu đang có hiệu lực.")
OUTSIDE_SCOPE = _("Xã, phường này nằm ngoài phạm vi của bạn.")
BAD_YEAR = _("Năm đánh giá không hợp lệ.")
NO_FRAMEWORK = _("Chưa có bộ tiêu chí đang áp dụng cho loại đánh giá này.")
OWN_ASSESSMENT = _(
    "Xã, phường không tự phê duyệt bản đánh giá của mình: việc thẩm định, phê duyệt do cấp "
    "trên thực hiện."
)
NOT_EDITABLE = _("Bản đánh giá đã gửi hoặc đã phê duyệt, không sửa được nữa.")
NOT_SUBMITTED = _("Chỉ thẩm định bản đánh giá đã gửi.")
REASON_REQUIRED = _("Cần ghi lý do khi chấm khác với đề xuất của hệ thống (%(criterion)s).")
COMMENT_REQUIRED = _("Cần ghi ý kiến khi điều chỉnh hoặc trả lại.")
FRAMEWORK_LOCKED = _("Bạn không có quyền sửa bộ tiêu chí này.")
# A form made from an older version raises lanhmanh.core.concurrency.StaleVersion: the
# user gets both versions side by side (409), never a silent overwrite.


# Frameworks ---------------------------------------------------------------------------


def may_edit_framework(user, framework: Framework) -> bool:
    """National frameworks: national administrators; a province's own: its coordinators
    and administrators (the roles that review assessments)."""
    if framework.unit_id is None:
        return bool(user.is_authenticated and user.is_superuser)
    return can(user, MODULE, REVIEW, framework.unit)


def check_version(criteria: list[dict], classes: list[dict]) -> None:
    """A version is usable only with criteria and thresholds that class every result."""
    if not criteria:
        raise ValidationError(NO_CRITERIA, code="no_criteria")
    for c in criteria:
        if c.get("rule") == Rule.POINTS and not (c.get("max_points") or 0) > 0:
            raise ValidationError(MAX_REQUIRED, code="max_required")
    catch_all = [
        k
        for k in classes
        if k.get("min_points") is not None
        and Decimal(k["min_points"]) == 0
        and not k.get("needs_all_required")
    ]
    if not classes or not catch_all:
        raise ValidationError(NO_THRESHOLDS, code="no_thresholds")


CRITERION_FIELDS = (
    "order",
    "code",
    "text",
    "rule",
    "max_points",
    "must_pass",
    "evidence_asked",
    "confirmed",
    "source",
)
CLASS_FIELDS = ("order", "code", "name", "min_points", "needs_all_required", "healthy")


@transaction.atomic
def framework_version_create(
    *, framework: Framework, by, note: str, criteria: list[dict], classes: list[dict]
) -> FrameworkVersion:
    if by is not None and not may_edit_framework(by, framework):
        raise PermissionDenied(FRAMEWORK_LOCKED)
    check_version(criteria, classes)
    last = framework.versions.order_by("-number").first()
    version = FrameworkVersion.objects.create(
        framework=framework, number=(last.number + 1) if last else 1, note=note, created_by=by
    )
    for values in criteria:
        criterion = Criterion(
            framework_version=version, **{k: values[k] for k in CRITERION_FIELDS if k in values}
        )
        criterion.full_clean(exclude=["framework_version"])
        criterion.save()
    for values in classes:
        klass = AssessmentClass(
            framework_version=version, **{k: values[k] for k in CLASS_FIELDS if k in values}
        )
        klass.full_clean(exclude=["framework_version"])
        klass.save()
    return version


def _as_dicts(version: FrameworkVersion):
    criteria = [{f: getattr(c, f) for f in CRITERION_FIELDS} for c in version.criteria.all()]
    classes = [{f: getattr(k, f) for f in CLASS_FIELDS} for k in version.classes.all()]
    return criteria, classes


@transaction.atomic
def criterion_update(*, criterion: Criterion, by, version: int, **values) -> Criterion:
    """Change a criterion. When its framework version is in use by an assessment, the
    change goes into a new version and the criterion returned belongs to it."""
    fv = criterion.framework_version
    if not may_edit_framework(by, fv.framework):
        raise PermissionDenied(FRAMEWORK_LOCKED)
    current = Criterion.objects.select_for_update().get(pk=criterion.pk)
    version_claim(current, version)
    values = {k: v for k, v in values.items() if k in CRITERION_FIELDS and k != "code"}
    if fv.assessments.exists() or fv.framework.versions.filter(number__gt=fv.number).exists():
        criteria, classes = _as_dicts(fv)
        for row in criteria:
            if row["code"] == current.code:
                row.update(values)
        new = framework_version_create(
            framework=fv.framework,
            by=by,
            note=str(_("Sửa tiêu chí %(code)s") % {"code": current.code}),
            criteria=criteria,
            classes=classes,
        )
        return new.criteria.get(code=current.code)
    merged = {f: getattr(current, f) for f in CRITERION_FIELDS} | values
    check_version([merged], [{"min_points": 0}])
    for field, value in values.items():
        setattr(current, field, value)
    current.full_clean()
    current.save()
    return current


NOT_A_PROVINCE = _("Chỉ tỉnh, thành phố mới áp dụng bộ tiêu chí riêng.")
ALREADY_ADOPTED = _("Tỉnh đã có bộ tiêu chí riêng cho loại đánh giá này.")


@transaction.atomic
def framework_adopt(*, framework: Framework, unit, by) -> Framework:
    """A province takes a national framework as its own, to adapt it: a copy of the current
    version that its coordinators and administrators edit; its communes are assessed by
    it from then on (assessments made before keep their version)."""
    if unit.level != Level.PROVINCE or framework.unit_id is not None:
        raise ValidationError(NOT_A_PROVINCE, code="not_a_province")
    if not can(by, MODULE, REVIEW, unit):
        raise PermissionDenied(FRAMEWORK_LOCKED)
    if Framework.objects.filter(kind=framework.kind, unit=unit, is_active=True).exists():
        raise ValidationError(ALREADY_ADOPTED, code="already_adopted")
    current = framework.current()
    if current is None:
        raise ValidationError(NO_FRAMEWORK, code="no_framework")
    own = Framework.objects.create(
        kind=framework.kind, name=framework.name, legal_basis=framework.legal_basis, unit=unit
    )
    criteria, classes = _as_dicts(current)
    framework_version_create(
        framework=own,
        by=by,
        note=str(_("Áp dụng từ bộ tiêu chí toàn quốc")),
        criteria=criteria,
        classes=classes,
    )
    return own


@transaction.atomic
def class_update(*, klass: AssessmentClass, by, version: int, **values) -> AssessmentClass:
    """Change a class (its name, threshold, whether it is healthy). As for a criterion, a
    version in use gets a new version; a change that would leave some results without a
    class is refused (``NO_THRESHOLDS``)."""
    fv = klass.framework_version
    if not may_edit_framework(by, fv.framework):
        raise PermissionDenied(FRAMEWORK_LOCKED)
    current = AssessmentClass.objects.select_for_update().get(pk=klass.pk)
    version_claim(current, version)
    values = {k: v for k, v in values.items() if k in CLASS_FIELDS and k != "code"}
    criteria, classes = _as_dicts(fv)
    for row in classes:
        if row["code"] == current.code:
            row.update(values)
    in_use = fv.assessments.exists() or fv.framework.versions.filter(number__gt=fv.number)
    if in_use:
        new = framework_version_create(
            framework=fv.framework,
            by=by,
            note=str(_("Sửa loại %(code)s") % {"code": current.code}),
            criteria=criteria,
            classes=classes,
        )
        return new.classes.get(code=current.code)
    check_version(criteria, classes)
    for field, value in values.items():
        setattr(current, field, value)
    current.full_clean()
    current.save()
    return current


def applicable_framework(unit, kind: str) -> Framework | None:
    """The framework a commune is assessed by: its province's own when it has one,
    otherwise the national one."""
    candidates = Framework.objects.filter(kind=kind, is_active=True).select_related("unit")
    best = None
    for framework in candidates:
        if framework.unit is None:
            best = best or framework
        elif unit.path.startswith(framework.unit.path):
            return framework
    return best


# Assessments --------------------------------------------------------------------------


def is_reviewer(user, unit) -> bool:
    """A role that reviews assessments at a unit above ``unit`` (not at the unit itself)."""
    return scope_for(user, MODULE, action=REVIEW).covers_below(unit.path)


def require_reviewer(user, unit) -> None:
    if not is_reviewer(user, unit):
        raise PermissionDenied(OWN_ASSESSMENT)


@transaction.atomic
def assessment_create(*, unit, year: int, kind: str, by, today=None) -> Assessment:
    today = today or timezone.localdate()
    if not can(by, MODULE, WRITE, unit):
        raise ValidationError({"unit": OUTSIDE_SCOPE})
    if unit.level != Level.COMMUNE or unit.valid_to is not None:
        raise ValidationError({"unit": NOT_A_COMMUNE})
    if not (2000 <= year <= today.year):
        raise ValidationError({"year": BAD_YEAR})
    framework = applicable_framework(unit, kind)
    fv = framework.current() if framework else None
    if fv is None:
        raise ValidationError({"kind": NO_FRAMEWORK})
    if Assessment.objects.filter(unit=unit, year=year, kind=kind).exists():
        raise ValidationError({"year": DUPLICATE % {"year": year}}, code="duplicate")
    assessment = Assessment(unit=unit, year=year, kind=kind, framework_version=fv, created_by=by)
    assessment.full_clean()
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as exc:  # a second writer got there first
        raise ValidationError({"year": DUPLICATE % {"year": year}}, code="duplicate") from exc
    answers = []
    for criterion in fv.criteria.all():
        proposal = proposals.propose(criterion, user=by, unit=unit, year=year, today=today)
        answer = Answer(assessment=assessment, criterion=criterion)
        if proposal is not None:
            answer.proposal = proposal.text[:255]
            answer.evidence = proposal.evidence
            if criterion.rule == Rule.POINTS:
                answer.proposed_points = proposal.points(criterion.max_points)
                answer.points = answer.proposed_points
            else:
                answer.proposed_passed = proposal.passed
                answer.passed = proposal.passed
        answers.append(answer)
    Answer.objects.bulk_create(answers)
    assessment.self_total = _total(assessment.answers.select_related("criterion"), final=False)
    assessment.total = assessment.self_total
    assessment.save(update_fields=["self_total", "total"])
    return assessment


def _check_points(criterion: Criterion, points) -> None:
    if points is None:
        return
    if points < 0:
        raise ValidationError(NEGATIVE, code="negative")
    if criterion.max_points is not None and points > criterion.max_points:
        raise ValidationError(
            ABOVE_MAX % {"points": points, "max": criterion.max_points}, code="above_max"
        )


def _total(answers, *, final: bool) -> Decimal:
    total = Decimal(0)
    for a in answers:
        if a.criterion.rule == Rule.POINTS:
            value = a.final_points if final else a.points
            total += value or 0
    return total


def _locked(assessment: Assessment, version: int) -> Assessment:
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    version_claim(current, version)
    return current


def _bump(current: Assessment, *fields: str) -> Assessment:
    """Save the fields changed (the version was claimed by ``_locked``)."""
    current.save(update_fields=list(fields))
    return current


@transaction.atomic
def answers_save(*, assessment: Assessment, by, version: int, answers: dict) -> Assessment:
    """The commune's answers: ``{criterion_id: {"points"|"passed", "note",
    "override_reason"}}``; every answer is checked before any is saved."""
    if not can(by, MODULE, WRITE, assessment.unit):
        raise PermissionDenied
    current = _locked(assessment, version)
    if not current.editable_by_commune:
        raise ValidationError(NOT_EDITABLE, code="not_editable")
    rows = {a.criterion_id: a for a in current.answers.select_related("criterion")}
    errors: dict[str, list] = {}
    for criterion_id, values in answers.items():
        answer = rows.get(int(criterion_id))
        if answer is None:
            continue
        criterion = answer.criterion
        key = f"c{criterion.pk}"
        try:
            if criterion.rule == Rule.POINTS:
                _check_points(criterion, values.get("points"))
                answer.points = values.get("points")
            else:
                answer.passed = values.get("passed")
            answer.note = values.get("note", answer.note) or ""
            answer.override_reason = (values.get("override_reason") or "").strip()
            differs = (
                criterion.rule == Rule.POINTS
                and answer.proposed_points is not None
                and answer.points != answer.proposed_points
            ) or (
                criterion.rule == Rule.PASS_FAIL
                and answer.proposed_passed is not None
                and answer.passed != answer.proposed_passed
            )
            if differs and not answer.override_reason:
                raise ValidationError(
                    REASON_REQUIRED % {"criterion": criterion.code}, code="reason_required"
                )
        except ValidationError as error:
            errors.setdefault(key, []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    Answer.objects.bulk_update(
        rows.values(), ["points", "passed", "note", "override_reason"], batch_size=200
    )
    current.self_total = _total(rows.values(), final=False)
    current.total = _total(rows.values(), final=True)
    return _bump(current, "self_total", "total")


@transaction.atomic
def assessment_submit(*, assessment: Assessment, by, version: int) -> Assessment:
    if not can(by, MODULE, WRITE, assessment.unit):
        raise PermissionDenied
    current = _locked(assessment, version)
    if not current.editable_by_commune:
        raise ValidationError(NOT_EDITABLE, code="not_editable")
    missing = [
        a.criterion.code
        for a in current.answers.select_related("criterion")
        if (a.criterion.rule == Rule.POINTS and a.points is None)
        or (a.criterion.rule == Rule.PASS_FAIL and a.passed is None)
    ]
    if missing:
        raise ValidationError(ANSWER_MISSING % {"criteria": ", ".join(missing)}, code="missing")
    current.status = Status.SUBMITTED
    current.submitted_at = timezone.now()
    current.submitted_by = by
    return _bump(current, "status", "submitted_at", "submitted_by")


@transaction.atomic
def answer_adjust(
    *,
    assessment: Assessment,
    by,
    version: int,
    criterion: Criterion,
    points=None,
    passed: bool | None = None,
    comment: str,
) -> Assessment:
    """The reviewer changes one criterion's result, saying why."""
    require_reviewer(by, assessment.unit)
    current = _locked(assessment, version)
    if current.status != Status.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED, code="not_submitted")
    if not (comment or "").strip():
        raise ValidationError({"comment": COMMENT_REQUIRED})
    answer = current.answers.select_related("criterion").get(criterion=criterion)
    if criterion.rule == Rule.POINTS:
        if points is None:
            raise ValidationError({"points": ANSWER_MISSING % {"criteria": criterion.code}})
        try:
            _check_points(criterion, points)
        except ValidationError as error:
            raise ValidationError({"points": error.messages}) from error
        answer.adjusted_points = points
    else:
        answer.adjusted_passed = passed
    answer.adjustment_comment = comment.strip()
    answer.save(update_fields=["adjusted_points", "adjusted_passed", "adjustment_comment"])
    current.total = _total(current.answers.select_related("criterion"), final=True)
    return _bump(current, "total")


@transaction.atomic
def assessment_return(*, assessment: Assessment, by, version: int, comment: str) -> Assessment:
    require_reviewer(by, assessment.unit)
    current = _locked(assessment, version)
    if current.status != Status.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED, code="not_submitted")
    if not (comment or "").strip():
        raise ValidationError({"comment": COMMENT_REQUIRED})
    current.status = Status.RETURNED
    current.review_comment = comment.strip()
    return _bump(current, "status", "review_comment")


def classify(version: FrameworkVersion, answers) -> tuple[Decimal, AssessmentClass]:
    """The total and the first class (in order) whose threshold it reaches and whose
    required criteria all passed."""
    answers = list(answers)
    total = _total(answers, final=True)
    required_ok = all(
        a.final_passed is not False
        for a in answers
        if a.criterion.must_pass and a.criterion.rule == Rule.PASS_FAIL
    )
    for klass in version.classes.order_by("order", "pk"):
        if total >= klass.min_points and (required_ok or not klass.needs_all_required):
            return total, klass
    raise ValidationError(NO_THRESHOLDS, code="no_thresholds")


@transaction.atomic
def assessment_approve(
    *, assessment: Assessment, by, version: int, comment: str = "", on: datetime.date | None = None
) -> Assessment:
    require_reviewer(by, assessment.unit)
    current = _locked(assessment, version)
    if current.status != Status.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED, code="not_submitted")
    total, klass = classify(current.framework_version, current.answers.select_related("criterion"))
    current.total = total
    current.result_class = klass
    current.status = Status.APPROVED
    current.approved_on = on or timezone.localdate()
    current.approved_by = by
    if comment.strip():
        current.review_comment = comment.strip()
    return _bump(
        current, "total", "result_class", "status", "approved_on", "approved_by", "review_comment"
    )


def document_add(*, assessment: Assessment, by, upload, title: str = "") -> AssessmentDocument:
    """A document attached as evidence (PDF, JPEG or PNG; images lose their metadata)."""
    from lanhmanh.activities.attachments import clean_attachment

    if not can(by, MODULE, WRITE, assessment.unit) and not is_reviewer(by, assessment.unit):
        raise PermissionDenied
    content, content_type = clean_attachment(upload)
    document = AssessmentDocument(
        assessment=assessment,
        title=(title or upload.name)[:255],
        content_type=content_type,
        size=content.size,
        uploaded_by=by,
    )
    document.file.save(content.name or "tai-lieu", content, save=False)
    document.save()
    return document
