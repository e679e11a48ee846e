"""Find the unit a document names, as the map was on the document's date.

'quận Ba Đình' in a 2021 plan is the pre-2025 district of Hà Nội, not today's ward of
the same name: the date decides which code list is searched.
"""

import datetime

from lanhmanh.core.text import fold

from .models import AdministrativeUnit


def units_matching(
    *,
    name: str,
    level: str | None = None,
    parent_name: str | None = None,
    on: datetime.date | None = None,
):
    """Units whose name matches ``name`` (diacritics and case ignored), valid on ``on``.

    Returns a list: empty when nothing matches, several when the caller must ask.
    """
    units = AdministrativeUnit.objects.filter(search_key=fold(name)).select_related("parent")
    if on is not None:
        units = units.valid_on(on)
    if level:
        units = units.filter(level=level)
    found = list(units.order_by("path")[:20])
    if parent_name and len(found) > 1:
        key = fold(parent_name)
        narrowed = [u for u in found if _has_ancestor_named(u, key)]
        found = narrowed or found
    return found


def _has_ancestor_named(unit: AdministrativeUnit, key: str) -> bool:
    return any(a.search_key == key for a in unit.ancestors())
