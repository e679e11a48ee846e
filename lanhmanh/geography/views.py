from django.shortcuts import render
from django.utils.translation import gettext as _

from lanhmanh.core.scoping import get_visible_or_404

from .models import AdministrativeUnit, Scheme
from .selectors import ancestors_for, unit_children, unit_history, unit_roots


def unit_list(request):
    """The unit browser: today's units, or those before 1 July 2025 (?era=2004)."""
    scheme = request.GET.get("era", Scheme.CURRENT)
    if scheme not in Scheme.values:
        scheme = Scheme.CURRENT
    return render(
        request,
        "geography/unit_list.html",
        {
            "roots": unit_roots(request.user, scheme),
            "scheme": scheme,
            "schemes": Scheme.choices,
            "title": _("Đơn vị hành chính"),
        },
    )


def unit_children_fragment(request, pk):
    """htmx: the children of one unit, to open a branch of the tree in place."""
    unit = get_visible_or_404(AdministrativeUnit, request.user, pk=pk)
    return render(
        request,
        "geography/_unit_children.html",
        {"unit": unit, "children": unit_children(request.user, unit)},
    )


def unit_detail(request, pk):
    unit = get_visible_or_404(
        AdministrativeUnit.objects.select_related("parent"), request.user, pk=pk
    )
    formed_from, became = unit_history(request.user, unit)
    return render(
        request,
        "geography/unit_detail.html",
        {
            "unit": unit,
            "title": unit.full_name,
            "ancestors": ancestors_for(request.user, unit),
            "children": unit_children(request.user, unit),
            "formed_from": formed_from,
            "became": became,
            # Through the reverse relations: the agencies' app sits above this one.
            "agencies": unit.agencies.visible_to(request.user).select_related("sector"),
            "teams": unit.inspection_teams.visible_to(request.user),
            "standing": unit.standing_agencies.select_related("agency").order_by("-valid_from"),
        },
    )
