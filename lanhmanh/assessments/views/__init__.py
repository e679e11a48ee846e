"""Screens of the yearly assessment: the province's list by class with the changes since
last year, a commune's assessment (answers, proposals with their evidence, the review),
its edit form, the review steps and a commune's history."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import (
    WRITE,
    can,
    get_visible_or_404,
    require,
    require_module,
    unit_or_404,
)
from lanhmanh.core.audit import AuditAction, audited
from lanhmanh.core.concurrency import posted_version
from lanhmanh.core.params import parse_choice, parse_id, parse_year

from .. import selectors, services
from ..models import AssessmentDocument, FrameworkKind, Rule, Status

MODULE = Module.ASSESSMENTS


def _filters(request) -> selectors.Filters:
    get = request.GET
    unit = None
    if unit_pk := parse_id(get.get("unit")):
        unit = unit_or_404(request.user, unit_pk, MODULE)
    return selectors.Filters(
        year=parse_year(get.get("year"), default=selectors.this_year()),
        kind=parse_choice(get.get("kind"), FrameworkKind.choices, FrameworkKind.PROSTITUTION),
        unit=unit,
        status=parse_choice(get.get("status"), Status.choices),
        klass=(get.get("class") or "")[:40],
        todo=get.get("todo") == "1",
        review=get.get("review") == "1",
    )


def assessment_list(request):
    require_module(request.user, MODULE)
    filters = _filters(request)
    rows = selectors.classification(request.user, filters)
    counts, pending = selectors.class_counts(rows)
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "rows": rows,
            "filters": filters,
            "counts": counts,
            "pending": pending,
            "kinds": FrameworkKind.choices,
            "statuses": Status.choices,
            "years": range(selectors.this_year(), selectors.this_year() - 6, -1),
            "can_create": can(request.user, MODULE, WRITE),
            "querystring": request.GET.urlencode(),
            "title": _("Đánh giá, phân loại xã, phường lành mạnh"),
        },
    )


def assessment_create(request):
    require_module(request.user, MODULE)
    require(request.user, MODULE, WRITE)
    communes = list(selectors.writable_communes(request.user))
    errors: list[str] = []
    initial = {
        "unit": parse_id(request.GET.get("unit")),
        "year": selectors.this_year(),
        "kind": FrameworkKind.PROSTITUTION,
    }
    if request.method == "POST":
        post = request.POST
        initial = {
            "unit": parse_id(post.get("unit")),
            "year": parse_year(post.get("year")),
            "kind": parse_choice(post.get("kind"), FrameworkKind.choices),
        }
        unit = next((u for u in communes if u.pk == initial["unit"]), None)
        if initial["unit"] and unit is None:
            # Outside the scope: missing (404); seen but not written: the service says so.
            unit = unit_or_404(request.user, initial["unit"], MODULE)
        if unit is None or not initial["year"] or not initial["kind"]:
            errors.append(_("Chọn xã, phường, năm và loại đánh giá."))
        else:
            try:
                assessment = services.assessment_create(
                    unit=unit, year=initial["year"], kind=initial["kind"], by=request.user
                )
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                messages.success(
                    request,
                    _("Đã tạo bản tự đánh giá; hệ thống đã đề xuất các tiêu chí có dữ liệu."),
                )
                return redirect("assessments:assessment_edit", assessment.pk)
    return render(
        request,
        "assessments/assessment_create.html",
        {
            "communes": communes,
            "initial": initial,
            "errors": errors,
            "kinds": FrameworkKind.choices,
            "title": _("Tự đánh giá xã, phường"),
        },
        status=400 if errors else 200,
    )


def _context(request, assessment, **extra):
    user = request.user
    return {
        "assessment": assessment,
        "answers": selectors.answers_of(assessment),
        "history": selectors.history_of(user, assessment.unit, assessment.kind).exclude(
            pk=assessment.pk
        ),
        "documents": assessment.documents.all(),
        "reports": selectors.year_reports(user, assessment.unit, assessment.year),
        "can_write": can(user, MODULE, WRITE, assessment.unit) and assessment.editable_by_commune,
        "is_reviewer": services.is_reviewer(user, assessment.unit)
        and assessment.status == Status.SUBMITTED,
        "can_attach": can(user, MODULE, WRITE, assessment.unit)
        or services.is_reviewer(user, assessment.unit),
        "unconfirmed": any(not a.criterion.confirmed for a in selectors.answers_of(assessment)),
        "title": f"{assessment.unit.full_name} — {assessment.year}",
        **extra,
    }


@audited(AuditAction.READ)
def assessment_detail(request, pk):
    require_module(request.user, MODULE)
    assessment = selectors.assessment_for_page(request.user, pk)
    return render(request, "assessments/assessment_detail.html", _context(request, assessment))


def _decimal(text) -> Decimal | None:
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("Điểm phải là một số.")) from None
    if not value.is_finite() or abs(value) >= 10**5:
        raise ValidationError(_("Điểm phải là một số."))
    return value


def _passed(text) -> bool | None:
    return {"1": True, "0": False}.get(text or "")


def assessment_edit(request, pk):
    require_module(request.user, MODULE)
    assessment = selectors.assessment_for_page(request.user, pk)
    require(request.user, MODULE, WRITE, assessment.unit)
    errors: dict[str, list] = {}
    general: list[str] = []
    answers = list(selectors.answers_of(assessment))
    if request.method == "POST":
        post = request.POST
        values = {}
        for answer in answers:
            key = f"c{answer.criterion_id}"
            row = {
                "note": post.get(f"{key}-note", "")[:4000],
                "override_reason": post.get(f"{key}-reason", "")[:4000],
            }
            try:
                if answer.criterion.rule == Rule.POINTS:
                    row["points"] = _decimal(post.get(f"{key}-points"))
                else:
                    row["passed"] = _passed(post.get(f"{key}-passed"))
            except ValidationError as error:
                errors.setdefault(key, []).extend(error.messages)
                continue
            values[answer.criterion_id] = row
            # Shown again as typed when something is refused.
            answer.note, answer.override_reason = row["note"], row["override_reason"]
            if "points" in row:
                answer.points = row["points"]
            else:
                answer.passed = row["passed"]
        if not errors:
            try:
                services.answers_save(
                    assessment=assessment,
                    by=request.user,
                    version=posted_version(request),
                    answers=values,
                )
                if post.get("submit") == "1":
                    assessment.refresh_from_db()
                    services.assessment_submit(
                        assessment=assessment, by=request.user, version=assessment.version
                    )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for key, messages_ in error.message_dict.items():
                        errors.setdefault(key, []).extend(messages_)
                else:
                    general.extend(error.messages)
            else:
                messages.success(
                    request,
                    _("Đã gửi bản tự đánh giá lên cấp trên.")
                    if post.get("submit") == "1"
                    else _("Đã lưu bản tự đánh giá."),
                )
                return redirect(assessment.get_absolute_url())
    elif not assessment.editable_by_commune:
        messages.info(request, services.NOT_EDITABLE)
        return redirect(assessment.get_absolute_url())
    for answer in answers:
        answer.errors = errors.get(f"c{answer.criterion_id}", [])
    return render(
        request,
        "assessments/assessment_edit.html",
        {
            "assessment": assessment,
            "answers": answers,
            "general": general,
            "has_errors": bool(errors or general),
            "title": _("Tự đánh giá: %(unit)s, năm %(year)s")
            % {"unit": assessment.unit.full_name, "year": assessment.year},
        },
        status=400 if (errors or general) else 200,
    )


def _review_step(request, pk, step):
    require_module(request.user, MODULE)
    assessment = selectors.assessment_for_page(request.user, pk)
    if not services.is_reviewer(request.user, assessment.unit):
        raise PermissionDenied(services.OWN_ASSESSMENT)
    if request.method != "POST":
        return redirect(assessment.get_absolute_url())
    try:
        step(assessment)
    except ValidationError as error:
        return render(
            request,
            "assessments/assessment_detail.html",
            _context(request, assessment, review_errors=error.messages),
            status=400,
        )
    return redirect(assessment.get_absolute_url())


def answer_adjust(request, pk):
    def step(assessment):
        answer = next(
            (
                a
                for a in selectors.answers_of(assessment)
                if a.criterion_id == parse_id(request.POST.get("criterion"))
            ),
            None,
        )
        if answer is None:
            raise Http404
        rule = answer.criterion.rule
        services.answer_adjust(
            assessment=assessment,
            by=request.user,
            version=posted_version(request),
            criterion=answer.criterion,
            points=_decimal(request.POST.get("points")) if rule == Rule.POINTS else None,
            passed=_passed(request.POST.get("passed")) if rule == Rule.PASS_FAIL else None,
            comment=request.POST.get("comment", "")[:4000],
        )
        messages.success(request, _("Đã điều chỉnh kết quả tiêu chí."))

    return _review_step(request, pk, step)


def assessment_return(request, pk):
    def step(assessment):
        services.assessment_return(
            assessment=assessment,
            by=request.user,
            version=posted_version(request),
            comment=request.POST.get("comment", "")[:4000],
        )
        messages.success(request, _("Đã trả lại bản đánh giá để xã, phường bổ sung."))

    return _review_step(request, pk, step)


def assessment_approve(request, pk):
    def step(assessment):
        approved = services.assessment_approve(
            assessment=assessment,
            by=request.user,
            version=posted_version(request),
            comment=request.POST.get("comment", "")[:4000],
        )
        messages.success(
            request,
            _("Đã phê duyệt: %(unit)s xếp %(klass)s.")
            % {"unit": approved.unit.full_name, "klass": approved.result_class.name},
        )

    return _review_step(request, pk, step)


def commune_history(request, unit_pk):
    require_module(request.user, MODULE)
    unit = unit_or_404(request.user, unit_pk, MODULE)
    return render(
        request,
        "assessments/commune_history.html",
        {
            "unit": unit,
            "rows": selectors.history_of(request.user, unit),
            "title": _("Kết quả đánh giá qua các năm: %(unit)s") % {"unit": unit.full_name},
        },
    )


@require_POST
def document_add(request, pk):
    require_module(request.user, MODULE)
    assessment = selectors.assessment_for_page(request.user, pk)
    upload = request.FILES.get("file")
    if not (
        can(request.user, MODULE, WRITE, assessment.unit)
        or services.is_reviewer(request.user, assessment.unit)
    ):
        raise PermissionDenied
    try:
        if upload is None:
            raise ValidationError(_("Chọn tệp cần đính kèm."))
        services.document_add(
            assessment=assessment,
            by=request.user,
            upload=upload,
            title=request.POST.get("title", "")[:255],
        )
    except ValidationError as error:
        return render(
            request,
            "assessments/assessment_detail.html",
            _context(request, assessment, document_errors=error.messages),
            status=400,
        )
    messages.success(request, _("Đã đính kèm tài liệu."))
    return redirect(assessment.get_absolute_url())


@audited(AuditAction.DOWNLOAD)
def document_file(request, pk):
    require_module(request.user, MODULE)
    document = get_visible_or_404(
        AssessmentDocument.objects.select_related("assessment"), request.user, pk=pk
    )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=not document.content_type.startswith("image/"),
        filename=document.file.name.rsplit("/", 1)[-1],
        content_type=document.content_type,
    )
