"""Edit a plan, see its cascade, copy it to the next year, derive it for a unit below.

A plan is fetched through the scope (404 outside it); a write then asks ``can_write`` at
the plan's unit (403 for a read-only role inside the scope).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lanhmanh.accounts.permissions import require_write
from lanhmanh.accounts.roles import Module
from lanhmanh.core.concurrency import add_version

from .. import selectors, services
from ..forms_manage import (
    BASES,
    TARGETS,
    TASKS,
    BasisFormSet,
    DeriveForm,
    PlanForm,
    TargetFormSet,
    TaskFormSet,
    agency_choices,
)
from ..models import TaskUpdate
from . import require_plans


def _writable_plan(request, pk):
    require_plans(request.user)
    plan = selectors.plan_for_edit(request.user, pk)
    require_write(request.user, Module.PLANS, plan.unit)
    return plan


def _exists_message(error: services.PlanExists):
    return format_html(
        '{} <a href="{}">{}</a>',
        error.message,
        error.existing.get_absolute_url(),
        _("Mở kế hoạch đã có"),
    )


# Editing


def _one_more_row(data, prefix):
    """The POST data with one more (empty) row in a formset: adding a row needs no
    script, and keeps what was typed."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    if data.get(key, "").isdigit():
        data[key] = str(int(data[key]) + 1)
    return data


def _rows(formset, fields):
    """What a formset asks the service to do: one dict per kept, changed or removed row."""
    rows = []
    for form in formset.forms:
        instance = form.instance if form.instance.pk else None
        if form.cleaned_data.get("DELETE"):
            if instance is not None:
                rows.append({"instance": instance, "delete": True} | _row_version(form))
            continue
        if instance is None and not form.has_changed():
            continue
        rows.append(
            {"instance": instance}
            | _row_version(form)
            | {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}
        )
    return rows


def _row_version(form) -> dict:
    """The version a saved row was shown at, and its prefix for the conflict page."""
    if not form.instance.pk:
        return {}
    return {"version": form.cleaned_data.get("version"), "prefix": form.prefix}


def _basis_rows(user, plan, formset):
    """Bases with their parent plan: the plan in scope whose number the reference is,
    looked up again whenever the reference changes."""
    rows = _rows(formset, services.BASIS_FIELDS)
    for row in rows:
        if row.get("delete"):
            continue
        instance = row["instance"]
        if instance is None or instance.reference != row["reference"] or not instance.parent_id:
            row["parent"] = selectors.plan_by_number(user, plan=plan, number=row["reference"])
    return rows


def _removals(bases, targets, tasks) -> list[str]:
    """What saving would delete, in words, for the confirmation step."""
    removed = {
        name: [f.instance for f in fs.forms if f.instance.pk and f.cleaned_data.get("DELETE")]
        for name, fs in (("bases", bases), ("targets", targets), ("tasks", tasks))
    }
    lines = []
    for basis in removed["bases"]:
        lines.append(_("Căn cứ: %(basis)s") % {"basis": basis})
    for target in removed["targets"]:
        lines.append(_("Chỉ tiêu: %(target)s") % {"target": target})
    updates = dict.fromkeys((t.pk for t in removed["tasks"]), 0)
    for task_id in TaskUpdate.objects.filter(task__in=removed["tasks"]).values_list(
        "task_id", flat=True
    ):
        updates[task_id] += 1
    for task in removed["tasks"]:
        line = _("Nhiệm vụ: %(task)s") % {"task": task}
        if updates[task.pk]:
            line += " " + ngettext(
                "(kèm %(count)d cập nhật tiến độ)",
                "(kèm %(count)d cập nhật tiến độ)",
                updates[task.pk],
            ) % {"count": updates[task.pk]}
        lines.append(line)
    return lines


def plan_update(request, pk):
    """The header, bases, targets and tasks on one page, saved together or not at all.
    Rows marked for removal are listed for confirmation before anything is saved."""
    plan = _writable_plan(request, pk)
    label = plan.number or plan.get_kind_display()
    agencies = selectors.agencies_for_plan(plan)
    data = request.POST if request.method == "POST" else None
    more = request.POST.get("more") if data is not None else None
    if more in (BASES, TARGETS, TASKS):
        data = _one_more_row(data, more)
    form = add_version(PlanForm(data, instance=plan, agencies=agencies), plan)
    bases = BasisFormSet(data, queryset=plan.bases.select_related("parent"), prefix=BASES)
    kwargs = {"form_kwargs": {"agencies": agencies, "agency_choices": agency_choices(agencies)}}
    targets = TargetFormSet(data, queryset=plan.targets.all(), prefix=TARGETS, **kwargs)
    tasks = TaskFormSet(
        data, queryset=plan.tasks.prefetch_related("coordinating"), prefix=TASKS, **kwargs
    )
    removals, invalid = [], False
    if data is not None and not more:
        invalid = not all([form.is_valid(), bases.is_valid(), targets.is_valid(), tasks.is_valid()])
    if data is not None and not more and not invalid:
        removals = _removals(bases, targets, tasks)
        if not removals or request.POST.get("confirm_removal"):
            try:
                services.plan_update(
                    plan=plan,
                    version=form.cleaned_data["version"],
                    fields=form.cleaned_data,
                    bases=_basis_rows(request.user, plan, bases),
                    targets=_rows(targets, services.TARGET_FIELDS),
                    tasks=_rows(tasks, services.TASK_FIELDS),
                )
            except ValidationError as error:
                form.add_service_error(error)
                removals, invalid = [], True
            else:
                messages.success(request, _("Đã lưu kế hoạch."))
                return redirect(plan)
    return render(
        request,
        "plans/plan_form.html",
        {
            "plan": plan,
            "label": label,
            "form": form,
            "bases": bases,
            "targets": targets,
            "tasks": tasks,
            "removals": removals,
            "invalid": invalid,
            "title": _("Sửa kế hoạch"),
        },
    )


# Cascade


def plan_cascade(request, pk):
    require_plans(request.user)
    cascade = selectors.plan_cascade(request.user, pk)
    return render(
        request,
        "plans/plan_cascade.html",
        {
            "cascade": cascade,
            "plan": cascade.plan,
            "above": list(reversed(cascade.above)),
            "title": _("Chuỗi kế hoạch"),
        },
    )


# Copy to the next year


def plan_copy(request, pk):
    """GET: what the copy will hold, to confirm; POST: make it."""
    plan = _writable_plan(request, pk)
    if request.method == "POST":
        try:
            copy = services.plan_copy_to_next_year(plan=plan, user=request.user)
        except services.PlanExists as error:
            messages.error(request, _exists_message(error))
            return redirect(plan)
        messages.success(
            request,
            _("Đã tạo dự thảo kế hoạch năm %(year)s. Hãy kiểm tra và sửa trước khi ban hành.")
            % {"year": copy.year_from},
        )
        return redirect(copy)
    span = plan.year_to - plan.year_from + 1
    return render(
        request,
        "plans/plan_copy_confirm.html",
        {
            "plan": plan,
            "year_from": plan.year_from + span,
            "year_to": plan.year_to + span,
            "existing": plan.copies.filter(year_from=plan.year_from + span).first(),
            "n_targets": plan.targets.count(),
            "n_tasks": plan.tasks.count(),
            "title": _("Sao chép sang năm sau"),
        },
    )


# Derive for a unit below


def plan_derive(request, pk):
    """GET: choose the unit; POST: create its draft plan."""
    plan = _writable_plan(request, pk)
    units = selectors.units_to_derive_for(request.user, plan)
    form = DeriveForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.plan_derive_for_unit(
                plan=plan, unit=form.cleaned_data["unit"], user=request.user
            )
        except services.PlanExists as error:
            messages.error(request, _exists_message(error))
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Đã tạo dự thảo kế hoạch của %(unit)s. Hãy đặt lại các chỉ tiêu số lượng.")
                % {"unit": child.unit},
            )
            return redirect(child)
    return render(
        request,
        "plans/plan_derive.html",
        {
            "plan": plan,
            "form": form,
            "has_units": units.exists(),
            "n_targets": plan.targets.count(),
            "n_tasks": plan.tasks.count(),
            "title": _("Lập kế hoạch cho đơn vị cấp dưới"),
        },
    )
