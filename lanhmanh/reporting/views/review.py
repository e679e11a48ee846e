"""The standing agency one level up: who has reported, who is late, approve or return a
report with a comment, reopen an approved one with a reason; the overdue list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from lanhmanh.accounts.scope import REVIEW

from .. import selectors
from ..forms import ReopenForm, ReturnForm, period_from_request
from ..services import can_review, submission_approve, submission_reopen, submission_return
from . import _page, _version
from .common import home_unit, require_read, submission_or_404, unit_or_404

APPROVED = gettext_lazy("Đã duyệt báo cáo; số liệu đã được khóa.")
RETURNED = gettext_lazy("Đã trả lại báo cáo cho đơn vị.")
REOPENED = gettext_lazy("Đã mở lại báo cáo để đơn vị sửa.")
ROW_ORDER = {"on_time": 0, "late": 0, "draft": 1, "returned": 1, "missing": 1, "approved": 3}


def _require_reviewer(user, submission) -> None:
    """403 before a reviewer's form is even read: a missing comment is not the news a
    data officer who may not review at all should get."""
    if not can_review(user, submission):
        raise PermissionDenied


@require_POST
def submission_approve_view(request, pk):
    require_read(request.user)
    submission = submission_or_404(request.user, pk)
    try:
        submission_approve(
            submission=submission, user=request.user, version=_version(request, submission)
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, APPROVED)
    return redirect("reporting:submission_detail", submission.pk)


def _with_reason(request, pk, *, form_class, service, field, done, form_key):
    """Return or reopen: a reviewer's action that needs a text (comment or reason). On a
    refused text the submission's page comes back with the form and its errors."""
    require_read(request.user)
    submission = submission_or_404(request.user, pk)
    _require_reviewer(request.user, submission)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(
                submission=submission,
                user=request.user,
                version=_version(request, submission),
                **{field: form.cleaned_data[field]},
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, done)
            return redirect("reporting:submission_detail", submission.pk)
    return _page(request, submission, status=400, **{form_key: form})


@require_POST
def submission_return_view(request, pk):
    return _with_reason(
        request,
        pk,
        form_class=ReturnForm,
        service=submission_return,
        field="comment",
        done=RETURNED,
        form_key="return_form",
    )


@require_POST
def submission_reopen_view(request, pk):
    return _with_reason(
        request,
        pk,
        form_class=ReopenForm,
        service=submission_reopen,
        field="reason",
        done=REOPENED,
        form_key="reopen_form",
    )


def _rows(result) -> list[dict]:
    """One row per expected unit, with its status for the table."""
    by_unit = {}
    for s in result.waiting:
        by_unit[s.unit_id] = (s, s.status, s.get_status_display())
    for s in result.on_time:
        by_unit[s.unit_id] = (s, "on_time", _("Đã gửi đúng hạn"))
    for s in result.late:
        by_unit[s.unit_id] = (s, "late", _("Gửi muộn"))
    for s in result.approved:
        label = _("Đã duyệt (gửi muộn)") if s.is_late else _("Đã duyệt")
        by_unit[s.unit_id] = (s, "approved", label)
    rows = []
    for unit in result.expected:
        submission, status, label = by_unit.get(unit.pk, (None, "missing", _("Chưa gửi")))
        rows.append({"unit": unit, "submission": submission, "status": status, "label": label})
    # What waits for the reviewer first, then what is still expected, then what is done.
    rows.sort(key=lambda row: ROW_ORDER.get(row["status"], 2))
    return rows


def review_list(request):
    """Completeness of every form reported from below the chosen unit, for a period;
    with ``?show=waiting``, every report waiting for the user's approval."""
    require_read(request.user)
    if request.GET.get("show") == "waiting":
        return render(
            request,
            "reporting/waiting_list.html",
            {
                "title": _("Báo cáo chờ duyệt"),
                "submissions": selectors.waiting_approval(request.user),
            },
        )
    unit_pk = request.GET.get("unit")
    unit = unit_or_404(request.user, unit_pk) if unit_pk else home_unit(request.user, REVIEW)
    unit = unit or home_unit(request.user)
    if unit is None:
        return render(request, "reporting/review_list.html", {"title": _("Tiếp nhận báo cáo")})
    forms = selectors.forms_below(unit)
    chosen = next((f for f in forms if str(f.pk) == request.GET.get("form")), None)
    chosen = chosen or (forms[0] if forms else None)
    context = {"title": _("Tiếp nhận báo cáo"), "unit": unit, "forms": forms, "form": chosen}
    if chosen:
        due = selectors.period_due(chosen)
        period = period_from_request(request.GET.get("period"), due)
        if period is not None:
            result = selectors.completeness(chosen, unit, period, user=request.user)
            periods = [due]
            for _i in range(11):
                periods.append(periods[-1].previous())
            context.update(
                {
                    "period": period,
                    "periods": periods,
                    "result": result,
                    "rows": _rows(result),
                    "deadline": chosen.deadline(period, chosen.unit_level),
                }
            )
    return render(request, "reporting/review_list.html", context)


def _overdue_labels(lines, today) -> None:
    """Each line's days late and its texts, made once per distinct value: a province's
    list runs to a thousand lines, and the template's blocktranslate, date filter and
    translated labels per line were most of the page's time."""
    dates: dict = {}
    late: dict = {}
    periods: dict = {}
    units: dict = {}
    for line in lines:
        period, unit = line["period"], line["unit"]
        line["period_label"] = periods.setdefault(period.key, str(period.label))
        line["unit_name"] = units.setdefault(unit.pk, str(unit))
        deadline = line["deadline"]
        days = line["days"] = (today - deadline).days
        if deadline not in dates:
            dates[deadline] = f"{deadline:%d/%m/%Y}"
        if days not in late:
            late[days] = ngettext("quá %(days)s ngày", "quá %(days)s ngày", days) % {"days": days}
        line["deadline_text"], line["late_text"] = dates[deadline], late[days]


def overdue_list(request):
    """Reports past their deadline and not sent (missing, draft or returned), for the
    last few periods of every form reported from below the chosen unit."""
    require_read(request.user)
    unit_pk = request.GET.get("unit")
    unit = unit_or_404(request.user, unit_pk) if unit_pk else home_unit(request.user, REVIEW)
    unit = unit or home_unit(request.user)
    today = timezone.localdate()
    lines = selectors.overdue_lines(request.user, unit, today=today)
    _overdue_labels(lines, today)
    return render(
        request,
        "reporting/overdue_list.html",
        {"title": _("Báo cáo quá hạn"), "unit": unit, "lines": lines},
    )
