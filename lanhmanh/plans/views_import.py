"""Upload a plan document, review what was read next to the source, save it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lanhmanh.accounts.permissions import can_write
from lanhmanh.accounts.roles import Module

from .forms import ReviewForm, TargetFormSet, UploadForm
from .importer import DocumentReadError
from .importing import highlighted_source, plan_import_create, plan_import_save, unit_candidates
from .models import PlanImport

ERR_UNIT_NOT_ALLOWED = _("Bạn không có quyền lập kế hoạch cho đơn vị này.")


def _require_writer(user):
    if not can_write(user, Module.PLANS):
        raise Http404


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
            form.add_error("file", str(exc))
        else:
            return redirect(record)
    return render(request, "plans/import_upload.html", {"form": form, "title": _("Nhập kế hoạch")})


def import_review(request, pk):
    _require_writer(request.user)
    try:
        record = PlanImport.objects.visible_to(request.user).get(pk=pk, plan__isnull=True)
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
        "date": draft.get("date"),
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
    if request.method == "POST":
        form = ReviewForm(request.POST, units=units)
        targets = TargetFormSet(request.POST, prefix="t")
        if form.is_valid() and targets.is_valid():
            unit = next(u for u in units if u.pk == form.cleaned_data["unit"])
            if not can_write(request.user, Module.PLANS, unit):
                form.add_error("unit", ERR_UNIT_NOT_ALLOWED)
            else:
                kept = [
                    t for t in targets.cleaned_data if t and not t.get("DELETE") and t.get("quote")
                ]
                plan = plan_import_save(
                    record=record,
                    user=request.user,
                    unit=unit,
                    review=form.cleaned_data,
                    targets=kept,
                )
                messages.success(request, _("Đã lưu kế hoạch dự thảo."))
                return redirect(plan)
    else:
        form = ReviewForm(initial=initial, units=units)
        targets = TargetFormSet(initial=target_initial, prefix="t")
    quotes = [t.get("quote") or "" for t in draft.get("targets") or []]
    return render(
        request,
        "plans/import_review.html",
        {
            "record": record,
            "form": form,
            "targets": targets,
            "draft": draft,
            "source": highlighted_source(record.text, quotes),
            "ambiguous": len(matched) > 1,
            "title": _("Kiểm tra kết quả đọc"),
        },
    )
