"""Upload a plan document, review what was read next to the source, save it."""

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanhmanh.accounts.permissions import can_write
from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, require_module
from lanhmanh.core.audit import AuditAction, audited

from ..forms import ReviewForm, TargetFormSet, TaskFormSet, UploadForm
from ..importer import DocumentReadError
from ..models import PlanImport, PlanStatus
from ..plan_imports import (
    ERR_NOT_REPLACEABLE,
    also_text,
    duplicates_of,
    highlighted_source,
    plan_import_create,
    plan_import_fresh_since,
    plan_import_save,
    proposed_lead,
    read_error_message,
    task_groups,
    unit_candidates,
    unit_named,
)

ERR_UNIT_NOT_ALLOWED = gettext_lazy("Bạn không có quyền lập kế hoạch cho đơn vị này.")


def _require_writer(user):
    require_module(user, Module.PLANS, WRITE)


@audited(AuditAction.UPLOAD)
def import_upload(request):
    _require_writer(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = plan_import_create(
                user=request.user, filename=upload.name, content=upload.read()
            )
        except DocumentReadError as exc:
            form.add_error("file", read_error_message(exc))
        else:
            return redirect(record)
    return render(request, "plans/import_upload.html", {"form": form, "title": _("Nhập kế hoạch")})


def _replaced(value, replaceable: dict):
    """The plan the reviewer chose to replace: None for none, False for one they may not."""
    if not value:
        return None
    try:
        return replaceable.get(int(value), False)
    except (TypeError, ValueError):
        return False


def import_review(request, pk):
    _require_writer(request.user)
    try:
        record = PlanImport.objects.visible_to(request.user).get(
            pk=pk, plan__isnull=True, created_at__gte=plan_import_fresh_since()
        )
    except PlanImport.DoesNotExist as exc:
        raise Http404 from exc
    draft = record.draft
    matched, others = unit_candidates(request.user, draft)
    units = matched + others
    initial = {
        "unit": matched[0].pk if len(matched) == 1 else None,
        "kind": draft.get("kind") or "plan",
        "number": draft.get("number") or "",
        "title": draft.get("title") or "",
        "year": draft.get("year"),
        "date": datetime.date.fromisoformat(draft["date"]) if draft.get("date") else None,
        "signer": draft.get("signer") or "",
    }
    target_initial = [
        {
            "quote": t.get("quote"),
            "comparator": t.get("comparator"),
            "value": t.get("value"),
            "low": t.get("low"),
            "high": t.get("high"),
            "unit": t.get("unit"),
            "agency": t.get("agency") or "",
        }
        for t in draft.get("targets") or []
    ]
    found_tasks = draft.get("tasks") or []
    proposal = proposed_lead(draft, request.user, matched[0] if len(matched) == 1 else None)
    # a task the document gives to no agency is proposed to the standing agency
    task_initial = [
        {"index": i, "lead": t.get("lead") or proposal} for i, t in enumerate(found_tasks)
    ]
    duplicates = duplicates_of(request.user, record)
    replaceable = {
        p.pk: p
        for p in duplicates
        if p.status == PlanStatus.DRAFT and can_write(request.user, Module.PLANS, p.unit)
    }
    if request.method == "POST":
        form = ReviewForm(request.POST, units=units)
        targets = TargetFormSet(request.POST, prefix="t")
        # A post without the task rows (an older page, a script) keeps the tasks as read.
        tasks = TaskFormSet(request.POST, prefix="k") if "k-TOTAL_FORMS" in request.POST else None
        if form.is_valid() and targets.is_valid() and (tasks is None or tasks.is_valid()):
            unit = next(u for u in units if u.pk == form.cleaned_data["unit"])
            replace = _replaced(request.POST.get("replace"), replaceable)
            if not can_write(request.user, Module.PLANS, unit):
                form.add_error("unit", ERR_UNIT_NOT_ALLOWED)
            elif replace is False:
                form.add_error(None, ERR_NOT_REPLACEABLE)
            else:
                kept = [
                    t for t in targets.cleaned_data if t and not t.get("DELETE") and t.get("quote")
                ]
                kept_tasks = (
                    None
                    if tasks is None
                    else [t for t in tasks.cleaned_data if t and not t.get("DELETE")]
                )
                plan = plan_import_save(
                    record=record,
                    user=request.user,
                    unit=unit,
                    review=form.cleaned_data,
                    targets=kept,
                    tasks=kept_tasks,
                    replace=replace,
                )
                messages.success(request, _("Đã lưu kế hoạch dự thảo."))
                return redirect(plan)
    else:
        form = ReviewForm(initial=initial, units=units)
        targets = TargetFormSet(initial=target_initial, prefix="t")
        tasks = None
    if tasks is None:
        tasks = TaskFormSet(initial=task_initial, prefix="k")
    found_targets = draft.get("targets") or []
    by_quote = {t.get("quote"): t for t in found_targets}
    for row in targets.forms:
        # what was read with the target's quote, also after the reviewer corrected it
        quote = row["quote"].value() if row.is_bound else row.initial.get("quote")
        row.also_text = also_text((by_quote.get(quote) or {}).get("also"))
        statement = (by_quote.get(quote) or {}).get("statement") or ""
        # The sentence the figure was read from, when it says more than the quote.
        row.statement = statement if statement != quote else ""
        row.between = row["comparator"].value() == "between"
    quotes = [t.get("quote") or "" for t in found_targets]
    return render(
        request,
        "plans/import_review.html",
        {
            "record": record,
            "form": form,
            "targets": targets,
            "tasks": tasks,
            "task_groups": task_groups(found_tasks, tasks, proposal),
            "duplicates": duplicates,
            "replaceable": replaceable,
            "draft": draft,
            "source": highlighted_source(record.text, quotes),
            "ambiguous": len(matched) > 1,
            # the unit the document names, when none of the user's units is it
            "unit_unmatched": "" if matched else unit_named(draft),
            "title": _("Kiểm tra kết quả đọc"),
        },
    )
