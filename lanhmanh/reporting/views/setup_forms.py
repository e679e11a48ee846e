"""Report forms set up in the browser: the list of forms a user may see, and one page to
create or change a form with its indicator rows, written sections and rules. Saving a
form that reports were filed on makes a new edition (the service decides)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanhmanh.accounts.scope import get_visible_or_404
from lanhmanh.core.concurrency import require_version
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.indicators.models import CategorySet, Indicator
from lanhmanh.indicators.services import can_configure, may_configure_anything, owner_for

from ..models import ReportForm
from ..setup import has_reports, report_form_save
from ..setup_forms import ReportFormSettings, RowFormSet, RuleFormSet, SectionFormSet
from .common import require_read

SAVED = gettext_lazy("Đã lưu biểu mẫu.")
NEW_EDITION = gettext_lazy(
    "Biểu mẫu đã có báo cáo nên thay đổi được ban hành thành lần %(edition)s; các báo cáo "
    "cũ vẫn mở theo biểu mẫu cũ."
)


def _form_or_404(user, pk) -> ReportForm:
    queryset = ReportForm.objects.select_related("owner", "sector")
    return get_visible_or_404(queryset, user, pk=pk)


def form_list(request):
    require_read(request.user)
    forms = ReportForm.objects.visible_to(request.user).select_related("owner", "sector")
    if not request.GET.get("all"):
        forms = forms.filter(current=True)
    return render(
        request,
        "reporting/setup/form_list.html",
        {
            "title": _("Biểu mẫu báo cáo"),
            "tab": "setup",
            "forms": list(forms.order_by("unit_level", "code", "-edition")),
            "may_add": may_configure_anything(request.user),
        },
    )


def _choices(user, owner):
    indicators = (
        Indicator.objects.visible_to(user).filter(current=True, active=True).order_by("code")
    )
    sets = [(s.code, s.name) for s in CategorySet.objects.visible_to(user)]
    units = AdministrativeUnit.objects.none()
    if owner is not None:
        units = (
            AdministrativeUnit.objects.subtree_of(owner)
            .filter(valid_to__isnull=True)
            .exclude(pk=owner.pk)
        )
    return indicators, sets, units


def _bound(request, form_obj, owner):
    indicators, sets, units = _choices(request.user, owner)
    data = request.POST if request.method == "POST" else None
    initial, rows, sections, rules = {}, [], [], []
    if form_obj is not None:
        initial = {
            "code": form_obj.code,
            "name": form_obj.name,
            "description": form_obj.description,
            "periodicity": form_obj.periodicity,
            "unit_level": form_obj.unit_level,
            "reporter": form_obj.reporter,
            "sector": form_obj.sector_id,
            "units": list(form_obj.units.all()),
            "deadline_days": form_obj.deadline_days,
            "recipients": form_obj.recipients,
            "active": form_obj.active,
            "version": form_obj.version,
        }
        rows = [
            {
                "indicator": r.indicator,
                "disaggregations": r.disaggregations,
                "required": r.required,
                "group": r.section.title if r.section else "",
            }
            for r in form_obj.rows.select_related("indicator", "section")
        ]
        sections = [
            {"kind": s.kind, "title": s.title} for s in form_obj.sections.all() if s.is_text
        ]
        rules = [
            {
                "kind": r.kind,
                "left": r.left,
                "right": r.right,
                "severity": r.severity,
                "message": r.message,
            }
            for r in form_obj.rules.all()
        ]
    settings = ReportFormSettings(data, initial=initial, units=units)
    if form_obj is not None:
        settings.fields["code"].disabled = True
        require_version(settings)
    kwargs = {"indicators": indicators, "sets": sets}
    return (
        settings,
        RowFormSet(data, initial=rows or None, prefix="rows", form_kwargs=kwargs),
        SectionFormSet(data, initial=sections or None, prefix="sections"),
        RuleFormSet(data, initial=rules or None, prefix="rules"),
    )


def _filled(formset, key) -> list[dict]:
    return [f.cleaned_data for f in formset if f.cleaned_data.get(key)]


def _page(request, form_obj, owner, may_edit, parts=None, status=200):
    settings, rows, sections, rules = parts or _bound(request, form_obj, owner)
    return render(
        request,
        "reporting/setup/form_edit.html",
        {
            "title": form_obj.name if form_obj else _("Thêm biểu mẫu"),
            "tab": "setup",
            "report_form": form_obj,
            "settings": settings,
            "rows": rows,
            "sections": sections,
            "rules": rules,
            "may_edit": may_edit,
            "in_use": bool(form_obj and has_reports(form_obj)),
        },
        status=status,
    )


def _save(request, form_obj, owner):
    parts = _bound(request, form_obj, owner)
    settings, rows, sections, rules = parts
    if all(p.is_valid() for p in parts):
        try:
            saved = report_form_save(
                user=request.user,
                code=form_obj.code if form_obj else settings.cleaned_data["code"],
                fields=settings.values(),
                rows=_filled(rows, "indicator"),
                sections=[
                    {"kind": s["kind"], "title": s["title"] or s["kind"]}
                    for s in _filled(sections, "kind")
                ],
                rules=[
                    {k: r[k] for k in ("kind", "left", "right", "severity", "message")}
                    for r in _filled(rules, "kind")
                ],
                units=list(settings.cleaned_data["units"]),
                form=form_obj,
                version=settings.cleaned_data.get("version"),
            )
        except ValidationError as error:
            settings.add_service_error(error)
        else:
            if form_obj is not None and saved.pk != form_obj.pk:
                messages.success(request, NEW_EDITION % {"edition": saved.edition})
            else:
                messages.success(request, SAVED)
            return redirect("reporting:form_edit", saved.pk)
    return _page(request, form_obj, owner, True, parts, status=400)


def form_create(request):
    require_read(request.user)
    if not may_configure_anything(request.user):
        raise PermissionDenied
    owner = owner_for(request.user)
    if request.method == "POST":
        return _save(request, None, owner)
    return _page(request, None, owner, True)


def form_edit(request, pk):
    require_read(request.user)
    form_obj = _form_or_404(request.user, pk)
    may_edit = form_obj.current and can_configure(request.user, form_obj.owner)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        return _save(request, form_obj, form_obj.owner)
    return _page(request, form_obj, form_obj.owner, may_edit)
