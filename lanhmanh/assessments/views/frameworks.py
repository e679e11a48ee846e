"""Screens of the assessment frameworks: the list, a framework's versions with their
criteria and classes (unconfirmed criteria said so), and the edit of a criterion, which
makes a new version when the one edited is already in use."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import REVIEW, require_module, unit_or_404, units_of
from lanhmanh.core.concurrency import posted_version
from lanhmanh.core.params import parse_choice, parse_id, parse_int
from lanhmanh.geography.models import Level

from .. import selectors, services
from ..models import AssessmentClass, Criterion, Rule, Source
from . import _decimal

MODULE = Module.ASSESSMENTS


def framework_list(request):
    require_module(request.user, MODULE)
    frameworks = list(selectors.frameworks(request.user))
    for framework in frameworks:
        framework.latest = framework.current()
        framework.editable = services.may_edit_framework(request.user, framework)
    return render(
        request,
        "assessments/framework_list.html",
        {"frameworks": frameworks, "title": _("Bộ tiêu chí đánh giá")},
    )


def framework_detail(request, pk):
    require_module(request.user, MODULE)
    framework = selectors.framework_for_page(request.user, pk)
    number = parse_int(request.GET.get("version"), minimum=1, maximum=32767)
    version = selectors.version_of(framework, number)
    if version is None:
        raise Http404
    criteria = list(version.criteria.all())
    return render(
        request,
        "assessments/framework_detail.html",
        {
            "framework": framework,
            "version": version,
            "versions": framework.versions.order_by("-number"),
            "criteria": criteria,
            "classes": version.classes.all(),
            "in_use": version.assessments.count(),
            "unconfirmed": any(not c.confirmed for c in criteria),
            "latest": framework.current(),
            "editable": services.may_edit_framework(request.user, framework),
            "adopt_units": _provinces_to_adopt(request.user, framework),
            "title": framework.name,
        },
    )


def _provinces_to_adopt(user, framework):
    if framework.unit_id is not None:
        return []
    return [
        u
        for u in units_of(user, MODULE, REVIEW)
        if u.level == Level.PROVINCE and u.valid_to is None
    ]


@require_POST
def framework_adopt(request, pk):
    require_module(request.user, MODULE)
    framework = selectors.framework_for_page(request.user, pk)
    unit = unit_or_404(request.user, parse_id(request.POST.get("unit")), MODULE)
    try:
        own = services.framework_adopt(framework=framework, unit=unit, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(framework.get_absolute_url())
    messages.success(
        request, _("Đã tạo bộ tiêu chí riêng của tỉnh; hãy sửa các tiêu chí cần thiết.")
    )
    return redirect(own.get_absolute_url())


def criterion_edit(request, pk):
    require_module(request.user, MODULE)
    criterion = Criterion.objects.select_related("framework_version__framework").filter(pk=pk)
    criterion = criterion.first()
    if criterion is None:
        raise Http404
    framework = selectors.framework_for_page(request.user, criterion.framework_version.framework_id)
    if not services.may_edit_framework(request.user, framework):
        raise PermissionDenied(services.FRAMEWORK_LOCKED)
    errors: list[str] = []
    if request.method == "POST":
        post = request.POST
        try:
            values = {
                "text": post.get("text", "").strip()[:2000],
                "rule": parse_choice(post.get("rule"), Rule.choices, criterion.rule),
                "max_points": _decimal(post.get("max_points")),
                "must_pass": post.get("must_pass") == "1",
                "evidence_asked": post.get("evidence_asked", "").strip()[:255],
                "confirmed": post.get("confirmed") == "1",
                "source": parse_choice(post.get("source"), Source.choices, ""),
                "order": parse_int(post.get("order"), minimum=1, maximum=999) or criterion.order,
            }
            if not values["text"]:
                raise ValidationError(_("Nhập nội dung tiêu chí."))
            saved = services.criterion_update(
                criterion=criterion, by=request.user, version=posted_version(request), **values
            )
        except ValidationError as error:
            errors = error.messages
        else:
            if saved.framework_version_id != criterion.framework_version_id:
                messages.success(
                    request,
                    _(
                        "Bộ tiêu chí đang được dùng nên thay đổi được lưu thành phiên bản %(n)s; "
                        "các bản đánh giá trước giữ phiên bản cũ."
                    )
                    % {"n": saved.framework_version.number},
                )
            else:
                messages.success(request, _("Đã lưu tiêu chí."))
            return redirect(
                f"{framework.get_absolute_url()}?version={saved.framework_version.number}"
            )
    return render(
        request,
        "assessments/criterion_edit.html",
        {
            "criterion": criterion,
            "framework": framework,
            "rules": Rule.choices,
            "sources": Source.choices,
            "errors": errors,
            "in_use": criterion.framework_version.assessments.exists(),
            "title": _("Sửa tiêu chí"),
        },
        status=400 if errors else 200,
    )


def class_edit(request, pk):
    require_module(request.user, MODULE)
    klass = AssessmentClass.objects.select_related("framework_version").filter(pk=pk).first()
    if klass is None:
        raise Http404
    framework = selectors.framework_for_page(request.user, klass.framework_version.framework_id)
    if not services.may_edit_framework(request.user, framework):
        raise PermissionDenied(services.FRAMEWORK_LOCKED)
    errors: list[str] = []
    if request.method == "POST":
        post = request.POST
        try:
            values = {
                "name": post.get("name", "").strip()[:160] or klass.name,
                "min_points": _decimal(post.get("min_points")),
                "needs_all_required": post.get("needs_all_required") == "1",
                "healthy": post.get("healthy") == "1",
                "order": parse_int(post.get("order"), minimum=1, maximum=999) or klass.order,
            }
            if values["min_points"] is None:
                raise ValidationError(services.NO_THRESHOLDS)
            saved = services.class_update(
                klass=klass, by=request.user, version=posted_version(request), **values
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Đã lưu loại xếp hạng."))
            return redirect(
                f"{framework.get_absolute_url()}?version={saved.framework_version.number}"
            )
    return render(
        request,
        "assessments/class_edit.html",
        {
            "klass": klass,
            "framework": framework,
            "errors": errors,
            "in_use": klass.framework_version.assessments.exists(),
            "title": _("Sửa loại xếp hạng"),
        },
        status=400 if errors else 200,
    )
