"""The dashboard of a unit for a period: every indicator summed from its subtree (one
batched ``indicator_values`` call), a breakdown by child unit for one indicator, and the
progress of every plan target of the unit; a unit's page of all its targets, every plan
and year; linking a target to its indicator."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanhmanh.accounts.permissions import can_write
from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import get_visible_or_404
from lanhmanh.core.concurrency import posted_version
from lanhmanh.geography.models import AdministrativeUnit, Level, Scheme
from lanhmanh.geography.selectors import ancestors_for
from lanhmanh.indicators.models import Indicator, Topic
from lanhmanh.indicators.values import children_values, indicator_values
from lanhmanh.plans.models import Target

from .. import selectors
from ..coverage import window_reach
from ..forms import PeriodForm, period_initial
from ..progress import (
    ProgressStatus,
    suggest_indicator,
    target_link_indicator,
    target_window,
    targets_progress,
)
from .common import home_unit, require_read, unit_or_404

LINKED = gettext_lazy("Đã gắn chỉ số cho chỉ tiêu.")
UNLINKED = gettext_lazy("Đã bỏ chỉ số của chỉ tiêu.")


def dashboard(request):
    require_read(request.user)
    unit_pk = request.GET.get("unit")
    unit = unit_or_404(request.user, unit_pk) if unit_pk else home_unit(request.user)
    if unit is None:
        provinces = AdministrativeUnit.objects.visible_to(request.user).filter(
            scheme=Scheme.CURRENT, level=Level.PROVINCE, valid_to__isnull=True
        )
        return render(
            request,
            "reporting/dashboard_choose.html",
            {"title": _("Bảng số liệu"), "units": provinces},
        )
    period_form = PeriodForm(request.GET if "year" in request.GET else None)
    period = period_form.period()
    if not period_form.is_bound:
        period_form = PeriodForm(initial=period_initial(period))
    window = period.window

    indicators = list(Indicator.objects.visible_to(request.user).active().for_unit(unit))
    values = indicator_values(indicators, unit, window)
    groups = defaultdict(list)
    for indicator in indicators:
        groups[indicator.topic].append((indicator, values[indicator.code]))
    topics = [(Topic(t).label, groups[t]) for t in Topic.values if groups[t]]

    chosen = next((i for i in indicators if i.code == request.GET.get("indicator")), None)
    breakdown = None
    if chosen is not None:
        breakdown = children_values(chosen, unit, window)

    today = timezone.localdate()
    on = min(today, window.end)
    targets = list(selectors.unit_targets(request.user, unit, period.year))
    progress = targets_progress(targets, on=on)
    writable = {t.plan.unit_id: can_write(request.user, Module.PLANS, t.plan.unit) for t in targets}
    return render(
        request,
        "reporting/dashboard.html",
        {
            "title": _("Bảng số liệu"),
            "unit": unit,
            "ancestors": ancestors_for(request.user, unit, Module.REPORTING),
            "period": period,
            "window": window,
            "period_form": period_form,
            "topics": topics,
            "chosen": chosen,
            "breakdown": breakdown,
            "progress": [(p, writable[p.target.plan.unit_id]) for p in progress],
            "on": on,
            "provisional": any(v.provisional for v in values.values()),
            "reach": window_reach(request.user, unit, window),
        },
    )


def unit_targets_page(request, pk):
    """Every target of every plan of a unit (and of the units merged into it), newest plan
    first, each with its progress over its plan's years up to today: one value query per
    plan, whatever the number of targets."""
    require_read(request.user)
    unit = unit_or_404(request.user, pk)
    on = timezone.localdate()
    targets = list(selectors.unit_targets(request.user, unit))
    # The plans still running (to their last year, or a target's horizon) by default;
    # the ended ones on request.
    show_all = request.GET.get("all") == "1"
    running = [t for t in targets if target_window(t).end >= on]
    older = len({t.plan_id for t in targets} - {t.plan_id for t in running})
    if not show_all:
        targets = running
    progress = targets_progress(targets, on=on)
    plans: dict[int, tuple] = {}
    for p in progress:
        plan = p.target.plan
        if plan.pk not in plans:
            writable = can_write(request.user, Module.PLANS, plan.unit)
            plans[plan.pk] = (plan, writable, [])
        plans[plan.pk][2].append(p)
    ordered = sorted(plans.values(), key=lambda item: (-item[0].year_to, -item[0].pk))
    counts = Counter(p.status for p in progress)
    return render(
        request,
        "reporting/unit_targets.html",
        {
            "title": _("Chỉ tiêu của đơn vị"),
            "unit": unit,
            "ancestors": ancestors_for(request.user, unit, Module.REPORTING),
            "plans": ordered,
            "on": on,
            "total": len(progress),
            "show_all": show_all,
            "older": older,
            "counts": [(s, s.label, counts[s]) for s in ProgressStatus if counts[s]],
        },
    )


def target_link(request, pk):
    """Confirm which indicator measures a target: suggestions from its text first."""
    require_read(request.user)
    target = get_visible_or_404(
        Target.objects.select_related("plan", "plan__unit", "indicator"), request.user, pk=pk
    )
    suggestions = suggest_indicator(target, limit=5)
    candidates = Indicator.objects.visible_to(request.user).active()
    if target.measure == "percent":
        candidates = [i for i in candidates if i.is_ratio]
    error = None
    if request.method == "POST":
        code = request.POST.get("indicator", "")
        current = Indicator.objects.visible_to(request.user).current()
        indicator = get_object_or_404(current, code=code) if code else None
        try:
            target_link_indicator(
                target=target,
                indicator=indicator,
                user=request.user,
                version=posted_version(request),
            )
        except ValidationError as exc:
            error = exc.messages
        else:
            messages.success(request, LINKED if indicator else UNLINKED)
            back = request.POST.get("next", "")
            # Only a path of this site ('/\\evil.example' is another site to a browser).
            if url_has_allowed_host_and_scheme(back, allowed_hosts=None):
                return redirect(back)
            return redirect("plans:plan_detail", target.plan_id)
    return render(
        request,
        "reporting/target_link.html",
        {
            "title": _("Gắn chỉ số cho chỉ tiêu"),
            "target": target,
            "suggestions": suggestions,
            "candidates": candidates,
            "error": error,
            "next": request.GET.get("next", request.POST.get("next", "")),
            "can_edit": can_write(request.user, Module.PLANS, target.plan.unit),
        },
    )
