"""Figures on tips for everyone with a place in the programme: aggregates only. Outside
the handling unit (roles without the tips module, or units outside its scope) counts from
1 to 4 are shown as '<5', so a small commune's single tip cannot point at anyone."""

import datetime

from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import scope_for
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.indicators.registry import Window, computation
from lanhmanh.inspections.indicators import during, under

from ..models import Category, Channel, Tip

SMALL = 5


def shown(value: int, exact: bool) -> str:
    if exact or value == 0 or value >= SMALL:
        return str(value)
    return f"<{SMALL}"


def _value(code, unit, window, disaggregation=None) -> int:
    return int(
        computation(code)(paths=[unit.path], window=window, disaggregation=disaggregation).numerator
    )


def _unit_figures(user, unit, window) -> dict:
    exact = scope_for(user, Module.TIPS).covers(unit.path)
    on_time = computation("tips_on_time_share")(paths=[unit.path], window=window)

    def rows(dimension, choices):
        return [
            (label, shown(_value("tips_recorded", unit, window, f"{dimension}:{code}"), exact))
            for code, label in choices
        ]

    by_commune = (
        Tip.objects.filter(under("unit__path", [unit.path]), during("received_at", window))
        .values("unit")
        .annotate(n=Count("pk"))
    )
    names = {
        u.pk: u.full_name
        for u in AdministrativeUnit.objects.filter(pk__in=[r["unit"] for r in by_commune])
    }
    return {
        "unit": unit,
        "exact": exact,
        "received": shown(_value("tips_recorded", unit, window), exact),
        "closed": shown(_value("tips_closed", unit, window), exact),
        "unfounded": shown(_value("tips_unfounded", unit, window), exact),
        "inspected": shown(_value("tips_led_to_inspection", unit, window), exact),
        "on_time": shown(int(on_time.numerator), exact),
        "judged": shown(int(on_time.denominator or 0), exact),
        "share": on_time.ratio if (exact or (on_time.denominator or 0) >= SMALL) else None,
        "by_channel": rows("tip_channel", Channel.choices),
        "by_category": rows("tip_category", Category.choices),
        "by_unit": sorted((names[r["unit"]], shown(r["n"], exact)) for r in by_commune),
    }


def statistics(request):
    scope = scope_for(request.user)
    if not scope.everything and not scope.prefixes:
        raise Http404
    today = timezone.localdate()
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else today.year
    window = Window(datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today))
    units = AdministrativeUnit.objects.visible_to(request.user).current()
    if scope.everything:
        roots = units.filter(parent__isnull=True)
    else:
        roots = units.filter(path__in=scope.prefixes)
    return render(
        request,
        "tips/statistics.html",
        {
            "figures": [
                _unit_figures(request.user, u, window) for u in roots.order_by("path")[:20]
            ],
            "window": window,
            "year": year,
            "years": range(today.year, today.year - 5, -1),
            "title": _("Thống kê tin báo, tố giác"),
        },
    )
