"""Writes of criminal cases: every change goes through these functions, called by views,
the demo and tests alike. Each is atomic and validates the whole case before saving, so a
refused change leaves nothing half-saved."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, can
from lanhmanh.core.audit import AuditAction, audit
from lanhmanh.core.concurrency import version_claim

from .bodies import acting_agencies
from .models import (
    AGE_BANDS,
    STAGE_BODY,
    STAGE_DATE,
    STAGE_ORDER,
    Body,
    CaseStep,
    CriminalCase,
    Stage,
)

OUTSIDE_SCOPE = _("Địa bàn này nằm ngoài phạm vi được giao của bạn.")
WRONG_BODY = _(
    "Giai đoạn “%(stage)s” do %(body)s thực hiện: tài khoản của bạn không thuộc cơ quan đó "
    "tại địa bàn này."
)
OUT_OF_ORDER = _(
    "Vụ án đang ở giai đoạn “%(current)s”: giai đoạn tiếp theo phải là “%(next)s”, "
    "không thể chuyển sang “%(stage)s”."
)
FINISHED = _("Vụ án đã xét xử phúc thẩm: không còn giai đoạn nào tiếp theo.")
DATE_BEFORE_PREVIOUS = _("Ngày không được trước ngày của giai đoạn trước (%(date)s).")
DATE_IN_FUTURE = _("Ngày không được sau ngày hôm nay.")
AGES_DO_NOT_ADD_UP = _(
    "Tổng số bị can theo độ tuổi (%(ages)s) phải bằng tổng số bị can nam và nữ (%(total)s)."
)
CHILDREN_ABOVE_VICTIMS = _("Số nạn nhân là trẻ em không được lớn hơn tổng số nạn nhân.")
ARTICLE_REQUIRED = _("Phải chọn ít nhất một điều luật.")
MOBILE_ONLY_AT_TRIAL = _("Chỉ đánh dấu xét xử lưu động khi ghi nhận xét xử.")
ORIGIN_OUTSIDE = _("Tin báo, cơ sở hoặc tụ điểm được liên kết phải thuộc địa bàn của vụ án.")

# The fields an edit may change: the case's facts, never its stage or its dates.
DETAIL_FIELDS = [
    "reference",
    "summary",
    "defendants_male",
    "defendants_female",
    *[f"defendants_{band}" for band in AGE_BANDS],
    "victims",
    "victims_children",
    "ring_broken",
    "tip",
    "establishment",
    "hotspot",
]


def _check_scope(by, unit) -> None:
    if not can(by, Module.ENFORCEMENT, WRITE, unit):
        raise PermissionDenied(OUTSIDE_SCOPE)


def _check_date(on: datetime.date, field: str = "on") -> None:
    if on > timezone.localdate():
        raise ValidationError({field: DATE_IN_FUTURE})


def _agency_for(by, unit, stage: str, agency=None):
    """The agency of ``by`` that advances ``stage`` at ``unit``, or a refusal naming the
    body whose stage it is."""
    body = STAGE_BODY[Stage(stage)]
    agencies = acting_agencies(by, unit, body)
    if agency is not None and by.is_superuser and agency.sector.code == body:
        return agency  # the national administrator records for a named agency
    if agency is not None:
        agencies = [a for a in agencies if a.pk == agency.pk]
    if not agencies:
        raise PermissionDenied(
            WRONG_BODY % {"stage": Stage(stage).label, "body": Body(body).label.lower()}
        )
    return agencies[0]


def _check_counts(case: CriminalCase) -> None:
    ages = sum(getattr(case, f"defendants_{band}") for band in AGE_BANDS)
    errors: dict[str, object] = {}
    if ages != case.defendants:
        errors["defendants_male"] = AGES_DO_NOT_ADD_UP % {"ages": ages, "total": case.defendants}
    if case.victims_children > case.victims:
        errors["victims_children"] = CHILDREN_ABOVE_VICTIMS
    if errors:
        raise ValidationError(errors)


def _check_origins(case: CriminalCase) -> None:
    """A linked tip, establishment or hotspot lies in the case's area (the same province
    at least), so a link never reaches another province's records."""
    province = case.unit.path.split("/")[0:2]
    units = [
        origin.unit for origin in (case.tip, case.establishment, case.hotspot) if origin is not None
    ]
    if any(unit.path.split("/")[0:2] != province for unit in units):
        raise ValidationError(ORIGIN_OUTSIDE)


@transaction.atomic
def case_create(
    *, by, unit, reference: str, summary: str, articles, reported_on: datetime.date, agency=None,
    request=None, **details,
) -> CriminalCase:  # fmt: skip
    """Record a case as reported: the police's first stage."""
    _check_scope(by, unit)
    acting = _agency_for(by, unit, Stage.REPORTED, agency)
    _check_date(reported_on, "reported_on")
    articles = list(articles)
    if not articles:
        raise ValidationError({"articles": ARTICLE_REQUIRED})
    case = CriminalCase(
        unit=unit,
        reference=reference.strip(),
        summary=summary.strip(),
        reported_on=reported_on,
        stage=Stage.REPORTED,
        created_by=by,
        **{k: v for k, v in details.items() if k in DETAIL_FIELDS},
    )
    case.full_clean()
    _check_counts(case)
    _check_origins(case)
    case.save()
    case.articles.set(articles)
    CaseStep.objects.create(
        case=case, stage=Stage.REPORTED, on=reported_on, agency=acting, recorded_by=by
    )
    audit(request or by, AuditAction.CREATE, case, stage=Stage.REPORTED)
    return case


@transaction.atomic
def case_update(*, case: CriminalCase, by, version, articles=None, request=None, **details):
    """Correct the facts of a case (counts, links, articles); stages move only through
    ``case_advance``."""
    _check_scope(by, case.unit)
    version_claim(case, version)
    for name, value in details.items():
        if name in DETAIL_FIELDS:
            setattr(case, name, value)
    case.full_clean()
    _check_counts(case)
    _check_origins(case)
    case.save()
    if articles is not None:
        articles = list(articles)
        if not articles:
            raise ValidationError({"articles": ARTICLE_REQUIRED})
        case.articles.set(articles)
    audit(request or by, AuditAction.UPDATE, case, fields=sorted(details))
    return case


@transaction.atomic
def case_advance(
    *,
    case: CriminalCase,
    by,
    stage: str,
    on: datetime.date,
    version,
    agency=None,
    mobile_trial: bool = False,
    note: str = "",
    request=None,
) -> CaseStep:
    """Move ``case`` to ``stage`` on ``on``: only the next stage, only by its body, never
    before the previous stage's date."""
    _check_scope(by, case.unit)
    stage = Stage(stage)
    upcoming = case.next_stage
    if upcoming is None:
        raise ValidationError({"stage": FINISHED})
    if stage != upcoming:
        raise ValidationError(
            {
                "stage": OUT_OF_ORDER
                % {
                    "current": case.get_stage_display(),
                    "next": upcoming.label,
                    "stage": stage.label,
                }
            }
        )
    acting = _agency_for(by, case.unit, stage, agency)
    _check_date(on)
    previous = case.date_of(case.stage)
    if previous and on < previous:
        raise ValidationError({"on": DATE_BEFORE_PREVIOUS % {"date": f"{previous:%d/%m/%Y}"}})
    if mobile_trial and stage != Stage.TRIED:
        raise ValidationError({"mobile_trial": MOBILE_ONLY_AT_TRIAL})
    version_claim(case, version)
    setattr(case, STAGE_DATE[stage], on)
    case.stage = stage
    if stage == Stage.TRIED:
        case.mobile_trial = mobile_trial
    case.full_clean()
    case.save()
    step = CaseStep(case=case, stage=stage, on=on, agency=acting, note=note, recorded_by=by)
    step.full_clean()
    step.save()
    audit(request or by, AuditAction.UPDATE, case, stage=stage.value, agency=acting.pk)
    return step


def stages_done(case: CriminalCase) -> list[Stage]:
    return STAGE_ORDER[: STAGE_ORDER.index(Stage(case.stage)) + 1]
