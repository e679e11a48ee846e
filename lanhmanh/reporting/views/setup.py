"""Configuration screens of the reporting regime: the indicator catalogue and the
breakdowns. Everyone with the reporting module reads the rows they may see (national ones
and their province's); only the owner's administrator writes (403 for anyone else)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanhmanh.accounts.scope import get_visible_or_404
from lanhmanh.core.concurrency import require_version
from lanhmanh.indicators import services as catalogue
from lanhmanh.indicators.models import CategorySet, Indicator
from lanhmanh.indicators.services import (
    can_configure,
    category_set_save,
    has_figures,
    indicator_update,
    may_configure_anything,
)

from ..setup_forms import CategorySetForm, IndicatorForm
from .common import require_read

SAVED = gettext_lazy("Đã lưu.")
NEW_EDITION = gettext_lazy(
    "Chỉ số đã có số liệu nên thay đổi được ban hành thành lần %(edition)s; số liệu cũ giữ "
    "nguyên ý nghĩa cũ."
)


def _require_configurer(user) -> None:
    if not may_configure_anything(user):
        raise PermissionDenied


def indicator_list(request):
    require_read(request.user)
    indicators = (
        Indicator.objects.visible_to(request.user)
        .select_related("owner")
        .order_by("topic", "order", "code", "-edition")
    )
    if not request.GET.get("all"):
        indicators = indicators.filter(current=True)
    return render(
        request,
        "reporting/setup/indicator_list.html",
        {
            "title": _("Danh mục chỉ số"),
            "tab": "setup",
            "indicators": list(indicators),
            "may_add": may_configure_anything(request.user),
        },
    )


def indicator_create(request):
    require_read(request.user)
    _require_configurer(request.user)
    form = IndicatorForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = catalogue.indicator_create(user=request.user, **form.values())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, SAVED)
            return redirect("reporting:indicator_edit", indicator.pk)
    return render(
        request,
        "reporting/setup/indicator_form.html",
        {"title": _("Thêm chỉ số"), "tab": "setup", "form": form, "may_edit": True},
        status=400 if form.errors else 200,
    )


def indicator_edit(request, pk):
    require_read(request.user)
    indicator = get_visible_or_404(Indicator.objects.select_related("owner"), request.user, pk=pk)
    may_edit = indicator.current and can_configure(request.user, indicator.owner)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        form = IndicatorForm(request.POST, initial={"code": indicator.code}, user=request.user)
        form.fields["code"].disabled = True
        require_version(form)
        if form.is_valid():
            values = form.values()
            values.pop("code", None)  # the code names the indicator across editions
            try:
                saved = indicator_update(
                    indicator=indicator,
                    user=request.user,
                    version=form.cleaned_data.get("version"),
                    **values,
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                if saved.pk != indicator.pk:
                    messages.success(request, NEW_EDITION % {"edition": saved.edition})
                else:
                    messages.success(request, SAVED)
                return redirect("reporting:indicator_edit", saved.pk)
    else:
        form = IndicatorForm(initial=IndicatorForm.initial_for(indicator), user=request.user)
    form.fields["code"].disabled = True
    editions = Indicator.objects.filter(code=indicator.code).order_by("-edition")
    return render(
        request,
        "reporting/setup/indicator_form.html",
        {
            "title": indicator.name,
            "tab": "setup",
            "form": form,
            "indicator": indicator,
            "editions": list(editions),
            "has_figures": has_figures(indicator),
            "may_edit": may_edit,
        },
        status=400 if form.errors else 200,
    )


def breakdown_list(request):
    require_read(request.user)
    sets = (
        CategorySet.objects.visible_to(request.user)
        .select_related("owner")
        .prefetch_related("options")
        .annotate(n=Count("options"))
    )
    return render(
        request,
        "reporting/setup/breakdown_list.html",
        {
            "title": _("Danh mục phân tổ"),
            "tab": "setup",
            "sets": list(sets),
            "may_add": may_configure_anything(request.user),
        },
    )


def _breakdown_page(request, form, category_set=None, may_edit=True):
    title = category_set.name if category_set else _("Thêm phân tổ")
    context = {"title": title, "tab": "setup", "form": form, "category_set": category_set}
    context["may_edit"] = may_edit
    return render(
        request,
        "reporting/setup/breakdown_form.html",
        context,
        status=400 if form.errors else 200,
    )


def breakdown_create(request):
    require_read(request.user)
    _require_configurer(request.user)
    form = CategorySetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            category_set_save(
                user=request.user,
                code=data["code"],
                name=data["name"],
                name_en=data["name_en"],
                order=data["order"] or 0,
                options=data["options"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, SAVED)
            return redirect("reporting:breakdown_list")
    return _breakdown_page(request, form)


def breakdown_edit(request, pk):
    require_read(request.user)
    category_set = get_visible_or_404(CategorySet, request.user, pk=pk)
    may_edit = can_configure(request.user, category_set.owner)
    if request.method != "POST":
        form = CategorySetForm(initial=CategorySetForm.initial_for(category_set))
        form.fields["code"].disabled = True
        return _breakdown_page(request, form, category_set, may_edit)
    if not may_edit:
        raise PermissionDenied
    form = CategorySetForm(request.POST)
    form.fields["code"].disabled = True
    require_version(form)
    form.initial["code"] = category_set.code
    if form.is_valid():
        data = form.cleaned_data
        try:
            category_set_save(
                user=request.user,
                category_set=category_set,
                code=category_set.code,
                name=data["name"],
                name_en=data["name_en"],
                order=data["order"] or 0,
                options=data["options"],
                version=data["version"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, SAVED)
            return redirect("reporting:breakdown_list")
    return _breakdown_page(request, form, category_set, may_edit)
