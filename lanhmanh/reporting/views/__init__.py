"""A data officer's screens: the reports due for their unit (or agency), and the entry
screen of one report: figures per cell with their errors, save with optimistic concurrency,
submit. Reviewers see the same page read-only, with approve / return / reopen."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lanhmanh.accounts.permissions import can_write
from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, get_visible_or_404, units_of
from lanhmanh.core.audit import AuditAction, audited
from lanhmanh.core.concurrency import posted_version
from lanhmanh.organizations.models import Agency, InspectionTeam

from .. import rules, selectors
from ..forms import FigureSheet, ReopenForm, ReturnForm, UploadForm
from ..models import EDITABLE_STATUSES, ReportForm, Status, Submission
from ..periods import period_from_key
from ..requests import request_for, requests_due
from ..rules import rules_for_script
from ..services import (
    ConcurrentEditError,
    can_review,
    cell_errors,
    children_texts,
    open_warnings,
    submission_create,
    submission_save_values,
    submission_submit,
)
from .common import MODULE, require_read, submission_or_404, unit_or_404

SAVED = gettext_lazy("Đã lưu số liệu.")
SUBMITTED = gettext_lazy("Đã gửi báo cáo lên cấp trên.")
NOT_SAVED = gettext_lazy("Số liệu chưa được lưu: vui lòng sửa các ô được đánh dấu.")


# ``?show=`` on 'my reports': the lists the home page's to-dos link to, exactly their rows.
SHOW_DUE, SHOW_RETURNED = "due", "returned"


def my_reports(request):
    require_read(request.user)
    show = request.GET.get("show", "")
    if show == SHOW_DUE:
        due = selectors.due_unsent(request.user)
    elif show == SHOW_RETURNED:
        due = []
    else:
        show = ""
        due = selectors.reports_due(request.user) + requests_due(
            set(units_of(request.user, Module.REPORTING, WRITE))
        )
    context = {"title": _("Báo cáo của tôi"), "due": due, "show": show}
    if show == SHOW_RETURNED:
        context["returned"] = list(selectors.returned_reports(request.user))
    elif not show:
        units = {line["unit"].pk for line in due}
        context["open_reports"] = list(
            selectors.submissions_visible_to(request.user)
            .filter(unit__in=units, status__in=EDITABLE_STATUSES)
            .exclude(pk__in=[line["submission"].pk for line in due if line["submission"]])
            .order_by("deadline")[:20]
        )
        context["recent"] = list(
            selectors.submissions_visible_to(request.user)
            .filter(unit__in=units)
            .exclude(status__in=EDITABLE_STATUSES)
            .order_by("-period_end", "unit__path")[:20]
        )
    return render(request, "reporting/my_reports.html", context)


@require_POST
def submission_open(request):
    """Open the report of a form, unit (agency) and period: created on first open."""
    require_read(request.user)
    form = get_object_or_404(ReportForm, pk=request.POST.get("form"))
    unit = unit_or_404(request.user, request.POST.get("unit"))
    agency = team = None
    if request.POST.get("agency"):
        agency = get_object_or_404(
            Agency.objects.visible_to(request.user), pk=request.POST["agency"]
        )
    if request.POST.get("team"):
        team = get_visible_or_404(InspectionTeam, request.user, pk=request.POST["team"])
    try:
        period = period_from_key(request.POST.get("period", ""))
    except ValueError as exc:
        raise Http404 from exc
    # An inactive form opens only as the answer to an ad hoc request of this unit.
    if not form.active and request_for(form, unit, period) is None:
        raise Http404
    existing = Submission.objects.visible_to(request.user).filter(
        form=form, unit=unit, agency=agency, team=team, period_key=period.key
    )
    submission = existing.first()
    if submission is None:
        try:
            submission = submission_create(
                form=form, unit=unit, period=period, user=request.user, agency=agency, team=team
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("reporting:my_reports")
    return redirect("reporting:submission_detail", submission.pk)


def _page(request, submission, *, sheet=None, errors=(), upload_errors=(), status=200, **extra):
    may_edit = submission.is_editable and can_write(request.user, MODULE, submission.unit)
    reviewer = can_review(request.user, submission)
    context = {
        "title": str(submission.form),
        "submission": submission,
        "sheet": sheet or FigureSheet(submission),
        "errors": errors,
        "upload_errors": upload_errors,
        "may_edit": may_edit,
        "may_review": reviewer and submission.status == Status.SUBMITTED,
        "may_reopen": reviewer and submission.status == Status.APPROVED,
        "self_submitted": submission.submitted_by_id == request.user.pk,
        "return_form": ReturnForm(initial={"version": submission.version}),
        "reopen_form": ReopenForm(initial={"version": submission.version}),
        "upload_form": UploadForm(),
        "events": submission.events.select_related("user").order_by("-at", "-id")[:20],
        "warnings": [
            {
                "pk": v.rule.pk,
                "message": v.message,
                "explanation": (submission.explanations or {}).get(str(v.rule.pk), ""),
            }
            for v in open_warnings(submission)
        ],
        "rule_messages": {
            "sum": str(rules.SUM_MISMATCH),
            "over": str(rules.OVER),
            "ratio": str(rules.RATIO_OVER),
        },
        "children": _children(submission),
        "rules_json": rules_for_script(submission.form),
        **extra,
    }
    return render(request, "reporting/submission_detail.html", context, status=status)


def _children(submission) -> list[dict]:
    """The units below and what they wrote, grouped by unit, for the unit's own report."""
    grouped: dict = {}
    for kind, unit, text in children_texts(submission):
        grouped.setdefault(unit.pk, {"unit": unit, "texts": []})["texts"].append((kind, text))
    return list(grouped.values())


@audited(AuditAction.READ)
def submission_detail(request, pk):
    """GET: the report; POST: save its figures (``action=save``) or save and submit."""
    require_read(request.user)
    submission = submission_or_404(request.user, pk)
    if request.method != "POST":
        return _page(request, submission)
    sheet = FigureSheet(submission)
    values = sheet.read(request.POST)
    texts = sheet.read_texts(request.POST)
    explanations = sheet.read_explanations(request.POST)
    # A missing or garbled version is refused as stale, never skipped.
    version = posted_version(request)
    try:
        result = submission_save_values(
            submission=submission,
            values=values,
            version=version,
            user=request.user,
            texts=texts,
            explanations=explanations,
        )
    except ConcurrentEditError as error:
        # Keep what the user typed on screen: they copy it over the newer figures.
        submission.refresh_from_db()
        return _page(request, submission, sheet=sheet, errors=error.messages, status=409)
    except ValidationError as error:
        rest = sheet.set_errors(cell_errors(error))
        return _page(request, submission, sheet=sheet, errors=[NOT_SAVED, *rest], status=400)
    for warning in result.warnings:
        messages.warning(request, warning)
    if request.POST.get("action") == "submit":
        try:
            submission_submit(submission=submission, user=request.user, version=result.version)
        except ValidationError as error:
            messages.success(request, SAVED)
            for message in error.messages:
                messages.error(request, message)
            return redirect("reporting:submission_detail", submission.pk)
        messages.success(request, SUBMITTED)
        return redirect("reporting:submission_detail", submission.pk)
    messages.success(request, SAVED)
    return redirect("reporting:submission_detail", submission.pk)


@require_POST
def submission_submit_view(request, pk):
    require_read(request.user)
    submission = submission_or_404(request.user, pk)
    try:
        submission_submit(
            submission=submission, user=request.user, version=_version(request, submission)
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, SUBMITTED)
    return redirect("reporting:submission_detail", submission.pk)


def _version(request, submission) -> int:
    """The version the form was made from: a missing one is stale, never skipped."""
    return posted_version(request)
