"""Supervision visits of the units below with their recommendations and the visited
unit's answers; commendations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lanhmanh.accounts.scope import WRITE
from lanhmanh.core.audit import AuditAction, audit, audited

from .. import selectors, services
from ..forms import AnswerForm, CommendationForm, RecommendationForm, VisitForm
from .common import (
    confirm_page,
    form_page,
    may_write,
    own_units,
    readable_unit,
    require_read,
    require_write,
    save_form,
    today,
    writable_unit,
)

PAGE_SIZE = 50
SHOWS = ("to_answer", "overdue", "open", "all")


def _unit_filter(request):
    value = request.GET.get("unit", "").strip()
    return readable_unit(request.user, int(value) if value.isdigit() else 0) if value else None


def visit_list(request):
    require_read(request.user)
    unit = _unit_filter(request)
    rows = selectors.visits(request.user, unit=unit)
    return render(
        request,
        "committees/visit_list.html",
        {
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "unit": unit,
            "write_units": own_units(request.user, WRITE),
            "title": _("Giám sát đơn vị cấp dưới"),
        },
    )


def visit_create(request, unit_pk):
    unit = writable_unit(request.user, unit_pk)
    form = VisitForm(
        request.POST or None,
        places=selectors.units_below(unit),
        members=selectors.members_of(unit).filter(left_on__isnull=True),
        initial={"visited_on": today()},
    )
    if save_form(
        request,
        form,
        lambda: services.visit_create(unit=unit, by=request.user, **form.values()),
        _("Đã ghi nhận đợt giám sát: thêm các kiến nghị bên dưới."),
    ):
        return redirect(form.saved)
    return form_page(
        request,
        form=form,
        title=_("Ghi nhận đợt giám sát"),
        back=reverse("committees:visit_list"),
        subtitle=unit,
    )


@audited(AuditAction.READ)
def visit_detail(request, pk):
    require_read(request.user)
    visit = selectors.visit(request.user, pk)
    return render(
        request,
        "committees/visit_detail.html",
        {
            "visit": visit,
            "can_write": may_write(request.user, visit.unit),
            "can_answer": services.may_answer(request.user, visit),
            "recommendation_form": RecommendationForm(),
            "today": today(),
            "title": _("Đợt giám sát"),
        },
    )


def visit_update(request, pk):
    require_read(request.user)
    visit = selectors.visit(request.user, pk)
    require_write(request.user, visit.unit)
    initial = {
        "visited_on": visit.visited_on,
        "findings": visit.findings,
        "other_members": visit.other_members,
        "members": list(visit.members.all()),
    }
    form = VisitForm(
        request.POST or None,
        places=selectors.units_below(visit.unit),
        members=selectors.members_of(visit.unit),
        initial=initial,
        version=visit.version,
    )
    if save_form(
        request,
        form,
        lambda: services.visit_update(
            visit=visit, by=request.user, version=form.cleaned_data["version"], **form.values()
        ),
        _("Đã lưu thay đổi."),
    ):
        return redirect(visit)
    return form_page(
        request,
        form=form,
        title=_("Sửa đợt giám sát"),
        back=visit.get_absolute_url(),
        subtitle=visit,
    )


def recommendation_add(request, pk):
    require_read(request.user)
    visit = selectors.visit(request.user, pk)
    require_write(request.user, visit.unit)
    form = RecommendationForm(request.POST or None)
    if save_form(
        request,
        form,
        lambda: services.recommendation_add(visit=visit, by=request.user, **form.cleaned_data),
        _("Đã thêm kiến nghị."),
    ):
        return redirect(visit)
    return form_page(
        request, form=form, title=_("Thêm kiến nghị"), back=visit.get_absolute_url(), subtitle=visit
    )


def recommendation_answer(request, pk):
    """The supervised unit answers; the visitors and read-only roles get 403."""
    require_read(request.user)
    recommendation = selectors.recommendation(request.user, pk)
    if not services.may_answer(request.user, recommendation.visit):
        raise PermissionDenied
    form = AnswerForm(
        request.POST or None,
        version=recommendation.version,
        initial={
            "answer": recommendation.answer,
            "answered_on": recommendation.answered_on or today(),
            "done": recommendation.done,
        },
    )
    back = recommendation.visit.get_absolute_url()
    if save_form(
        request,
        form,
        lambda: services.recommendation_answer(
            recommendation=recommendation, by=request.user, **form.cleaned_data
        ),
        _("Đã gửi trả lời kiến nghị."),
    ):
        return redirect(back)
    return form_page(
        request, form=form, title=_("Trả lời kiến nghị"), back=back, subtitle=recommendation
    )


def recommendation_list(request):
    require_read(request.user)
    show = request.GET.get("show", "open")
    show = show if show in SHOWS else "open"
    rows = selectors.recommendation_list(request.user, show=show, today=today())
    return render(
        request,
        "committees/recommendation_list.html",
        {
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "show": show,
            "shows": [
                ("to_answer", _("Cần đơn vị tôi trả lời")),
                ("overdue", _("Quá hạn (đoàn của đơn vị tôi)")),
                ("open", _("Chưa thực hiện xong")),
                ("all", _("Tất cả")),
            ],
            "today": today(),
            "title": _("Kiến nghị sau giám sát"),
        },
    )


# Commendations


def commendation_list(request):
    require_read(request.user)
    unit = _unit_filter(request)
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    rows = selectors.commendations(request.user, year=year, unit=unit)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "committees/commendation_list.html",
        {
            "page": page,
            "writable_ids": {c.unit_id for c in page if may_write(request.user, c.unit)},
            "unit": unit,
            "year": year,
            "write_units": own_units(request.user, WRITE),
            "title": _("Khen thưởng"),
        },
    )


def _commendation_form(request, unit, **kwargs):
    return CommendationForm(
        request.POST or None,
        places=selectors.units_within(unit),
        agencies=selectors.agencies_within(unit),
        teams=selectors.teams_within(unit),
        reviews=selectors.reviews_of(unit),
        **kwargs,
    )


def commendation_create(request, unit_pk):
    unit = writable_unit(request.user, unit_pk)
    form = _commendation_form(request, unit, initial={"review_year": today().year})
    back = reverse("committees:commendation_list")
    if save_form(
        request,
        form,
        lambda: services.commendation_create(unit=unit, by=request.user, **form.values()),
        _("Đã ghi nhận khen thưởng."),
    ):
        return redirect(back)
    return form_page(request, form=form, title=_("Ghi nhận khen thưởng"), back=back, subtitle=unit)


def commendation_update(request, pk):
    require_read(request.user)
    commendation = selectors.commendation(request.user, pk)
    require_write(request.user, commendation.unit)
    initial = {f: getattr(commendation, f) for f in services.COMMENDATION_FIELDS}
    form = _commendation_form(
        request, commendation.unit, initial=initial, version=commendation.version
    )
    back = reverse("committees:commendation_list")
    if save_form(
        request,
        form,
        lambda: services.commendation_update(
            commendation=commendation,
            by=request.user,
            version=form.cleaned_data["version"],
            **form.values(),
        ),
        _("Đã lưu thay đổi."),
    ):
        return redirect(back)
    return form_page(
        request, form=form, title=_("Sửa khen thưởng"), back=back, subtitle=commendation
    )


def commendation_delete(request, pk):
    require_read(request.user)
    commendation = selectors.commendation(request.user, pk)
    require_write(request.user, commendation.unit)
    back = reverse("committees:commendation_list")
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        audit(request, AuditAction.DELETE, commendation, decision=commendation.decision_number)
        services.commendation_delete(commendation=commendation, by=request.user)
        messages.success(request, _("Đã xóa khen thưởng."))
        return redirect(back)
    return confirm_page(request, title=_("Xóa khen thưởng"), what=commendation, back=back)
