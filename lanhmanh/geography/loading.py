"""Loading the official unit lists into the database.

The `vietnam-provinces` package carries today's provinces and communes, the pre-1 July
2025 provinces, districts and communes (its ``legacy`` module) and the official 2025
conversion tables. ``units_load`` makes the database agree with it: units are created or
updated, units the package no longer lists are retired (``valid_to``), never deleted,
because plans and reports may point at them; the conversion tables become ``UnitChange``
rows. Running it twice changes nothing the second time.

It has to load ~14,000 units and ~13,500 changes in seconds, so it works in bulk: one
query reads what the database already holds, each level is written with
``bulk_create``/``bulk_update``, parents are resolved from dictionaries. ``bulk_create``
bypasses ``AdministrativeUnit.save()``, so the NFC name, the search key and the
materialised path are computed here by the same rules.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from lanhmanh.core.text import fold, nfc

from .models import AdministrativeUnit, ChangeKind, Kind, Level, Scheme, UnitChange

ERR_UNKNOWN_PROVINCE = "Không có tỉnh/thành phố mã {code} trong danh mục."

LEGAL_BASIS_PROVINCES = "Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh"
LEGAL_BASIS_DISTRICTS = (
    "Nghị quyết 203/2025/QH15 sửa đổi, bổ sung một số điều của Hiến pháp "
    "(kết thúc hoạt động của đơn vị hành chính cấp huyện)"
)
# The package does not say which resolution of the Standing Committee covered which
# province, so the basis names the kind of act and the province it concerned.
LEGAL_BASIS_COMMUNES = (
    "Nghị quyết của UBTVQH về sắp xếp các đơn vị hành chính cấp xã của {province} năm 2025"
)

BATCH_SIZE = 500

# The package writes the kind both as ``division_type`` and as a prefix of the name.
KIND_BY_DIVISION_TYPE = {
    "tỉnh": Kind.PROVINCE,
    "thành phố trung ương": Kind.CENTRAL_CITY,
    "huyện": Kind.RURAL_DISTRICT,
    "quận": Kind.URBAN_DISTRICT,
    "thị xã": Kind.DISTRICT_TOWN,
    "thành phố": Kind.PROVINCIAL_CITY,
    "xã": Kind.COMMUNE,
    "phường": Kind.WARD,
    "thị trấn": Kind.TOWNSHIP,
    "đặc khu": Kind.SPECIAL_ZONE,
}
NAME_PREFIX_BY_KIND = {
    Kind.PROVINCE: "tỉnh",
    Kind.CENTRAL_CITY: "thành phố",
    Kind.RURAL_DISTRICT: "huyện",
    Kind.URBAN_DISTRICT: "quận",
    Kind.DISTRICT_TOWN: "thị xã",
    Kind.PROVINCIAL_CITY: "thành phố",
    Kind.COMMUNE: "xã",
    Kind.WARD: "phường",
    Kind.TOWNSHIP: "thị trấn",
    Kind.SPECIAL_ZONE: "đặc khu",
}
# Codes are written with a fixed width in the official lists ('01', '001', '00001').
CODE_WIDTH = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}
LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)

Key = tuple[str, str, str]  # (scheme, level, code)


def reform_date() -> datetime.date:
    from vietnam_provinces._province_conversion_2025 import EFFECTIVE_DATE

    return datetime.date.fromisoformat(EFFECTIVE_DATE)


@dataclass(frozen=True)
class CatalogueUnit:
    """A unit as the package lists it, already in the shape the database stores."""

    scheme: str
    level: str
    code: str
    name: str
    kind: str
    parent: Key | None

    @property
    def key(self) -> Key:
        return (self.scheme, self.level, self.code)


@dataclass(frozen=True)
class CatalogueChange:
    predecessor: Key
    successor: Key
    kind: str
    partial: bool
    legal_basis: str


@dataclass
class LevelCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class LoadReport:
    levels: dict[str, LevelCounts] = field(
        default_factory=lambda: {level: LevelCounts() for level in LEVELS}
    )
    retired: list[str] = field(default_factory=list)  # paths of the units retired
    changes_created: int = 0
    changes_updated: int = 0
    changes_unchanged: int = 0
    changes_skipped: int = 0  # an end missing from the database (outside the load)

    @property
    def created(self) -> int:
        return sum(c.created for c in self.levels.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.levels.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.levels.values())

    @property
    def retired_count(self) -> int:
        return len(self.retired)

    def summary(self) -> str:
        return (
            f"Đơn vị: tạo {self.created}, cập nhật {self.updated}, giữ nguyên "
            f"{self.unchanged}, hết hiệu lực {self.retired_count}. Thay đổi: tạo "
            f"{self.changes_created}, cập nhật {self.changes_updated}, giữ nguyên "
            f"{self.changes_unchanged}."
        )


class UnknownProvince(ValueError):
    def __init__(self, code: str):
        self.code = code
        super().__init__(ERR_UNKNOWN_PROVINCE.format(code=code))


# --- Reading the package -------------------------------------------------------------


def strip_kind(name: str, kind: str) -> str:
    """'Thành phố Hà Nội' → 'Hà Nội'. Case-insensitive: the package has 'Thành Phố Bắc Kạn'
    and 'xã Bắc Sơn'."""
    name = nfc(name).strip()
    prefix = NAME_PREFIX_BY_KIND[kind] + " "
    if name.lower().startswith(prefix):
        name = name[len(prefix) :]
    return name.strip()


def _code(value, level: str) -> str:
    return str(int(value)).zfill(CODE_WIDTH[level])


def _unit(scheme, level, item, parent: Key | None) -> CatalogueUnit:
    kind = KIND_BY_DIVISION_TYPE[str(item.division_type)]
    return CatalogueUnit(
        scheme=scheme,
        level=level,
        code=_code(item.code, level),
        name=strip_kind(item.name, kind),
        kind=kind,
        parent=parent,
    )


def new_to_old_provinces() -> dict[str, list[str]]:
    """Current province code → codes of the pre-2025 provinces that became it, in whole or
    in part."""
    from vietnam_provinces._province_conversion_2025 import NEW_TO_OLD

    return {
        _code(new, Level.PROVINCE): [_code(o.code, Level.PROVINCE) for o in entry.old_provinces]
        for new, entry in NEW_TO_OLD.items()
    }


def catalogue_units(
    current_provinces: set[str] | None, legacy_provinces: set[str] | None
) -> dict[str, list[CatalogueUnit]]:
    """The package's units by level, parents before children; ``None`` means all."""
    import vietnam_provinces as current
    from vietnam_provinces import legacy

    by_level: dict[str, list[CatalogueUnit]] = {level: [] for level in LEVELS}
    C, L = Scheme.CURRENT.value, Scheme.LEGACY.value
    P, D, W = Level.PROVINCE.value, Level.DISTRICT.value, Level.COMMUNE.value

    def wanted(code: str, selected: set[str] | None) -> bool:
        return selected is None or code in selected

    for p in current.Province.iter_all():
        code = _code(p.code, P)
        if wanted(code, current_provinces):
            by_level[P].append(_unit(C, P, p, None))
    for w in current.Ward.iter_all():
        code = _code(w.province_code, P)
        if wanted(code, current_provinces):
            by_level[W].append(_unit(C, W, w, (C, P, code)))

    for p in legacy.Province.iter_all():
        code = _code(p.code, P)
        if wanted(code, legacy_provinces):
            by_level[P].append(_unit(L, P, p, None))
    district_province: dict[str, str] = {}
    for d in legacy.District.iter_all():
        code = _code(d.province_code, P)
        district_province[_code(d.code, D)] = code
        if wanted(code, legacy_provinces):
            by_level[D].append(_unit(L, D, d, (L, P, code)))
    for w in legacy.Ward.iter_all():
        district = _code(w.district_code, D)
        code = district_province[district]
        if wanted(code, legacy_provinces):
            by_level[W].append(_unit(L, W, w, (L, D, district)))
    return by_level


def catalogue_changes(
    units: dict[Key, CatalogueUnit],
    current_provinces: set[str] | None,
    legacy_provinces: set[str] | None,
) -> list[CatalogueChange]:
    """The 2025 conversion tables as edges old → new. ``units`` gives names (for renames)
    and province names (for the legal basis); an edge is kept when either end lies in the
    selection, and later only if both ends exist in the database."""
    from vietnam_provinces import legacy
    from vietnam_provinces._province_conversion_2025 import OLD_TO_NEW as PROVINCES
    from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW as WARDS

    C, L = Scheme.CURRENT.value, Scheme.LEGACY.value
    P, D, W = Level.PROVINCE.value, Level.DISTRICT.value, Level.COMMUNE.value

    def selected(old_province: str, new_province: str) -> bool:
        if current_provinces is None:
            return True
        return old_province in (legacy_provinces or ()) or new_province in current_provinces

    def kind_of(old: Key, new: Key, n_successors: int, n_predecessors: int) -> str:
        # ``partial`` is the package's own flag; the kind follows the shape of the edges:
        # the table marks some communes 'partly merged' while listing a single successor.
        if n_successors > 1:
            return ChangeKind.SPLIT
        old_unit, new_unit = units.get(old), units.get(new)
        renamed = old_unit and new_unit and fold(old_unit.name) != fold(new_unit.name)
        return ChangeKind.RENAME if n_predecessors == 1 and renamed else ChangeKind.MERGE

    changes: list[CatalogueChange] = []

    # Provinces: one edge per (old, new); an old province split between several new ones
    # (Tiền Giang) gives partial edges.
    n_old = defaultdict(int)
    for entry in PROVINCES.values():
        for new in entry.new_provinces:
            n_old[new.code] += 1
    for entry in PROVINCES.values():
        old_code = _code(entry.old_province.code, P)
        partial = len(entry.new_provinces) > 1
        for new in entry.new_provinces:
            new_code = _code(new.code, P)
            if not selected(old_code, new_code):
                continue
            old, succ = (L, P, old_code), (C, P, new_code)
            changes.append(
                CatalogueChange(
                    old,
                    succ,
                    kind_of(old, succ, len(entry.new_provinces), n_old[new.code]),
                    partial,
                    LEGAL_BASIS_PROVINCES,
                )
            )

    # Communes: one edge per (old, new) pair of the ward table.
    n_old = defaultdict(int)
    for entry in WARDS.values():
        for new in entry.new_wards:
            n_old[new.code] += 1
    district_to_provinces: dict[str, set[str]] = defaultdict(set)
    for entry in WARDS.values():
        ref = entry.old_ward
        old = (L, W, _code(ref.code, W))
        old_province = _code(ref.province_code, P)
        partial = bool(ref.is_partly_merged)
        for new in entry.new_wards:
            new_province = _code(new.province_code, P)
            district_to_provinces[_code(ref.district_code, D)].add(new_province)
            if not selected(old_province, new_province):
                continue
            succ = (C, W, _code(new.code, W))
            province = units.get((C, P, new_province))
            province_name = (
                f"{NAME_PREFIX_BY_KIND[province.kind]} {province.name}"
                if province
                else f"tỉnh/thành phố mã {new_province}"
            )
            changes.append(
                CatalogueChange(
                    old,
                    succ,
                    kind_of(old, succ, len(entry.new_wards), n_old[new.code]),
                    partial,
                    LEGAL_BASIS_COMMUNES.format(province=province_name),
                )
            )

    # Districts ended on 1 July 2025: each points at the new province(s) its communes went
    # to; a district with no commune in the table follows its province.
    for d in legacy.District.iter_all():
        code = _code(d.code, D)
        old_province = _code(d.province_code, P)
        targets = district_to_provinces.get(code) or {
            _code(n.code, P) for n in PROVINCES[int(d.province_code)].new_provinces
        }
        for new_province in sorted(targets):
            if not selected(old_province, new_province):
                continue
            changes.append(
                CatalogueChange(
                    (L, D, code),
                    (C, P, new_province),
                    ChangeKind.ABOLISH,
                    len(targets) > 1,
                    LEGAL_BASIS_DISTRICTS,
                )
            )
    return changes


# --- Writing -------------------------------------------------------------------------


def _selection(provinces: Iterable[str] | None) -> tuple[set[str] | None, set[str] | None]:
    """Current and legacy province codes to load; raises UnknownProvince before any write."""
    if provinces is None:
        return None, None
    table = new_to_old_provinces()
    current: set[str] = set()
    for raw in provinces:
        raw = str(raw).strip()
        code = raw.zfill(CODE_WIDTH[Level.PROVINCE]) if raw.isdigit() else raw
        if code not in table:
            raise UnknownProvince(raw)
        current.add(code)
    legacy = {old for code in current for old in table[code]}
    return current, legacy


def _desired_fields(unit: CatalogueUnit, parent_id, parent_path: str | None, reform) -> dict:
    name = nfc(unit.name)
    fields = {
        "name": name,
        "kind": unit.kind,
        "parent_id": parent_id,
        # Same rule as AdministrativeUnit.build_path().
        "path": f"{parent_path or unit.scheme + '/'}{unit.code}/",
        "search_key": fold(name),
    }
    # Only the dates the package knows: a legacy unit ended the day before the reform,
    # a current one began on it (and, listed again, is no longer retired).
    if unit.scheme == Scheme.LEGACY:
        fields["valid_to"] = reform - datetime.timedelta(days=1)
    else:
        fields["valid_from"] = reform
        fields["valid_to"] = None
    return fields


def _load_level(
    level_units: list[CatalogueUnit],
    existing: dict[Key, AdministrativeUnit],
    reform: datetime.date,
) -> LevelCounts:
    counts = LevelCounts()
    to_create: list[AdministrativeUnit] = []
    to_update: list[AdministrativeUnit] = []
    changed_fields: set[str] = set()
    for unit in level_units:
        parent = existing[unit.parent] if unit.parent else None
        fields = _desired_fields(
            unit, parent.pk if parent else None, parent.path if parent else None, reform
        )
        row = existing.get(unit.key)
        if row is None:
            row = AdministrativeUnit(scheme=unit.scheme, level=unit.level, code=unit.code, **fields)
            to_create.append(row)
            existing[unit.key] = row
            continue
        diff = [name for name, value in fields.items() if getattr(row, name) != value]
        if diff:
            for name in diff:
                setattr(row, name, fields[name])
            changed_fields.update(diff)
            to_update.append(row)
        else:
            counts.unchanged += 1
    # Both engines return the new primary keys, which the next level needs as parent_id.
    AdministrativeUnit.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        AdministrativeUnit.objects.bulk_update(
            to_update, sorted(changed_fields), batch_size=BATCH_SIZE
        )
    counts.created, counts.updated = len(to_create), len(to_update)
    return counts


def _retire(
    existing: dict[Key, AdministrativeUnit],
    listed: set[Key],
    prefixes: list[str] | None,
    day: datetime.date,
) -> list[AdministrativeUnit]:
    """Units in the loaded part of the map that the package no longer lists."""
    retired = []
    for key, row in existing.items():
        if key in listed or (row.valid_to is not None and row.valid_to <= day):
            continue
        if prefixes is not None and not any(row.path.startswith(p) for p in prefixes):
            continue
        row.valid_to = day
        retired.append(row)
    AdministrativeUnit.objects.bulk_update(retired, ["valid_to"], batch_size=BATCH_SIZE)
    return retired


def _load_changes(
    changes: list[CatalogueChange],
    existing: dict[Key, AdministrativeUnit],
    reform: datetime.date,
    report: LoadReport,
) -> None:
    current = {
        (pred, succ): (pk, kind, partial, basis)
        for pk, pred, succ, kind, partial, basis in UnitChange.objects.filter(
            effective_on=reform
        ).values_list("pk", "predecessor_id", "successor_id", "kind", "partial", "legal_basis")
    }
    to_create, to_update, seen = [], [], set()
    for change in changes:
        pred, succ = existing.get(change.predecessor), existing.get(change.successor)
        if pred is None or succ is None:
            report.changes_skipped += 1
            continue
        ends = (pred.pk, succ.pk)
        if ends in seen:
            continue
        seen.add(ends)
        wanted = (change.kind, change.partial, change.legal_basis)
        fields = dict(kind=change.kind, partial=change.partial, legal_basis=change.legal_basis)
        have = current.get(ends)
        if have is None:
            to_create.append(
                UnitChange(
                    predecessor_id=pred.pk, successor_id=succ.pk, effective_on=reform, **fields
                )
            )
        elif have[1:] != wanted:
            to_update.append(UnitChange(pk=have[0], **fields))
        else:
            report.changes_unchanged += 1
    UnitChange.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    UnitChange.objects.bulk_update(
        to_update, ["kind", "partial", "legal_basis"], batch_size=BATCH_SIZE
    )
    report.changes_created, report.changes_updated = len(to_create), len(to_update)


def _noop(_line: str) -> None:
    pass


@transaction.atomic
def units_load(
    *,
    provinces: list[str] | None = None,
    retire_missing_on: datetime.date | None = None,
    progress: Callable[[str], None] = _noop,
) -> LoadReport:
    """Make the units and the 2025 changes in the database agree with the package.

    ``provinces`` (current two-digit codes) restricts the load to those provinces and the
    pre-2025 provinces that became them; only units inside that part of the map can be
    retired. Raises ``UnknownProvince`` before writing anything.
    """
    current_sel, legacy_sel = _selection(provinces)
    day = retire_missing_on or timezone.localdate()
    reform = reform_date()
    report = LoadReport()

    by_level = catalogue_units(current_sel, legacy_sel)
    # One read of everything already there: parents, comparisons and retirements all
    # come from this dictionary, so the query count does not grow with the map.
    existing: dict[Key, AdministrativeUnit] = {
        (u.scheme, u.level, u.code): u
        for u in AdministrativeUnit.objects.filter(
            scheme__in=[Scheme.CURRENT, Scheme.LEGACY]
        ).order_by()
    }
    for level in LEVELS:
        counts = _load_level(by_level[level], existing, reform)
        report.levels[level] = counts
        progress(
            f"{Level(level).label}: {len(by_level[level])} đơn vị trong danh mục — tạo "
            f"{counts.created}, cập nhật {counts.updated}, giữ nguyên {counts.unchanged}."
        )

    listed = {u.key for units in by_level.values() for u in units}
    prefixes = None
    if current_sel is not None:
        prefixes = [f"{Scheme.CURRENT}/{c}/" for c in sorted(current_sel)]
        prefixes += [f"{Scheme.LEGACY}/{c}/" for c in sorted(legacy_sel or ())]
    retired = _retire(existing, listed, prefixes, day)
    report.retired = sorted(row.path for row in retired)
    progress(f"Không còn trong danh mục, hết hiệu lực từ {day:%d/%m/%Y}: {len(retired)} đơn vị.")

    units = {u.key: u for level_units in by_level.values() for u in level_units}
    changes = catalogue_changes(units, current_sel, legacy_sel)
    _load_changes(changes, existing, reform, report)
    progress(
        f"Thay đổi ngày {reform:%d/%m/%Y}: tạo {report.changes_created}, cập nhật "
        f"{report.changes_updated}, giữ nguyên {report.changes_unchanged}"
        + (f", bỏ qua {report.changes_skipped} (thiếu đơn vị)." if report.changes_skipped else ".")
    )
    return report
