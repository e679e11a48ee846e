"""Which unit a district or commune belongs to, from the published list of units.

Used only when a document does not name its parent unit (a district letter that never
says its province). Reads the ``vietnam_provinces`` package: its legacy data for the
three-level map before 1 July 2025, its current data after. Returns every candidate; the
caller decides what an ambiguous answer means. Without the package it knows nothing.
"""

from __future__ import annotations

from functools import lru_cache

from .text import fold

__all__ = ["parents_of"]

_PREFIXES = (
    "thành phố trung ương",
    "thành phố",
    "tỉnh",
    "huyện",
    "quận",
    "thị xã",
    "xã",
    "phường",
    "thị trấn",
    "đặc khu",
)


def _bare(name: str) -> str:
    """'Huyện Lục Nam' → 'Lục Nam'; 'Thành phố Hà Nội' → 'Hà Nội'."""
    low = name.lower()
    for prefix in _PREFIXES:
        if low.startswith(prefix + " "):
            return name[len(prefix) + 1 :].strip()
    return name.strip()


@lru_cache(maxsize=1)
def _legacy() -> dict[tuple[str, str], list[str]]:
    """(folded bare name, division type) → parent names, for districts and communes."""
    index: dict[tuple[str, str], list[str]] = {}
    try:
        from vietnam_provinces.legacy import District, Province, Ward
    except Exception:  # pragma: no cover - the package is a project dependency
        return index
    provinces = {p.code: _bare(p.name) for p in Province.iter_all()}
    districts = {}
    for d in District.iter_all():
        districts[d.code] = _bare(d.name)
        key = (fold(_bare(d.name)), str(d.division_type))
        index.setdefault(key, []).append(provinces.get(d.province_code, ""))
    for w in Ward.iter_all():
        key = (fold(_bare(w.name)), str(w.division_type))
        index.setdefault(key, []).append(districts.get(getattr(w, "district_code", None), ""))
    return index


@lru_cache(maxsize=1)
def _current() -> dict[tuple[str, str], list[str]]:
    """(folded bare name, division type) → province names, for communes after 2025."""
    index: dict[tuple[str, str], list[str]] = {}
    try:
        from vietnam_provinces import Province, Ward
    except Exception:  # pragma: no cover
        return index
    provinces = {p.code: _bare(p.name) for p in Province.iter_all()}
    for w in Ward.iter_all():
        key = (fold(_bare(w.name)), str(w.division_type))
        index.setdefault(key, []).append(provinces.get(w.province_code, ""))
    return index


def parents_of(level_word: str, name: str, after_reform: bool) -> list[str]:
    """Names of the units a unit called ``level_word name`` belonged to (may be several).

    Districts are looked up in the pre-2025 list; communes in the pre-2025 list (their
    district) or, ``after_reform``, in the current one (their province).
    """
    level_word = level_word.lower()
    communes = {"xã", "phường", "thị trấn", "đặc khu"}
    if level_word not in {"thành phố", "huyện", "quận", "thị xã"} | communes:
        return []
    index = _current() if after_reform and level_word in communes else _legacy()
    found: list[str] = []
    for parent in index.get((fold(name), level_word), []):
        if parent and parent not in found:
            found.append(parent)
    return found
