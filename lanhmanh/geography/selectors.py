"""Reads of administrative units, always through the user's scope."""

from django.db.models import Count

from lanhmanh.core.scoping import resolve

from .models import AdministrativeUnit, Scheme, UnitChange


def unit_roots(user, scheme: str = Scheme.CURRENT):
    """The top units the user may browse from: the provinces for a national user, the
    units of their memberships (and those they were formed from) otherwise."""
    scope = resolve(user)
    units = AdministrativeUnit.objects.filter(scheme=scheme)
    if scope.everything:
        units = units.filter(parent__isnull=True)
    else:
        units = units.filter(path__in=scope.prefixes)
    return units.annotate(n_children=Count("children")).order_by("search_key")


def unit_children(user, unit):
    return (
        AdministrativeUnit.objects.visible_to(user)
        .filter(parent=unit)
        .annotate(n_children=Count("children"))
        .order_by("kind", "search_key")
    )


def unit_history(user, unit):
    """What the unit was formed from and what it became, limited to units the user may
    see (a commune split across provinces must not reveal the neighbour)."""
    formed_from = (
        UnitChange.objects.filter(resolve(user).q("predecessor__path"), successor=unit)
        .select_related("predecessor", "predecessor__parent")
        .order_by("predecessor__path")
    )
    became = (
        UnitChange.objects.filter(resolve(user).q("successor__path"), predecessor=unit)
        .select_related("successor", "successor__parent")
        .order_by("successor__path")
    )
    return formed_from, became


def ancestors_for(user, unit, module: str | None = None) -> list:
    """``unit``'s ancestors, each with ``linked``: whether ``user`` may open it (a commune
    sees its province's name in a breadcrumb, never a link to a page it cannot open)."""
    ancestors = list(unit.ancestors())
    visible = set(
        AdministrativeUnit.objects.visible_to(user, module=module)
        .filter(pk__in=[a.pk for a in ancestors])
        .values_list("pk", flat=True)
    )
    for ancestor in ancestors:
        ancestor.linked = ancestor.pk in visible
    return ancestors
