"""Which units became which (the 2025 reorganisation and any later change): the one walk
through ``geography.UnitChange`` that scope, indicator values, dashboards, the unit
services and the demo share.

It sits below every app, so it reaches the model through the app registry instead of an
import; the walks run one query per step back (or forward) in time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.apps import apps

from .scoping import minimal_prefixes, prefix_q

# Predecessor lookups OR together one LIKE per prefix; SQLite limits expression depth.
_CHUNK = 300
_BROADEN_AFTER = 40


def _changes():
    return apps.get_model("geography", "UnitChange").objects


def _walk(unit_ids: Iterable[int], *, back: bool) -> dict:
    """Units reached from ``unit_ids`` through changes, transitively: the units they were
    formed from (``back``) or those they became; {pk: unit}, the start excluded."""
    near, far = ("successor", "predecessor") if back else ("predecessor", "successor")
    seen = set(unit_ids)
    found: dict = {}
    frontier = set(seen)
    while frontier:
        changes = _changes().filter(**{f"{near}__in": frontier}).select_related(far)
        frontier = set()
        for change in changes:
            pk = getattr(change, f"{far}_id")
            if pk not in seen:
                seen.add(pk)
                found[pk] = getattr(change, far)
                frontier.add(pk)
    return found


def formed_from(units: Iterable) -> list:
    """Every unit that turned into one of ``units``, directly or through earlier changes,
    ordered by path."""
    return sorted(_walk([u.pk for u in units], back=True).values(), key=lambda u: u.path)


def merged_into(unit) -> list:
    """``unit`` and every unit that turned into it (the 2004-code province merged into
    today's)."""
    return [unit, *formed_from([unit])]


def reaches(start, target) -> bool:
    """Is ``target`` a successor (directly or later) of ``start``?"""
    return target.pk in _walk([start.pk], back=False)


def ancestor_paths(path: str) -> list[str]:
    """'2025/38/14755/' → ['2025/', '2025/38/', '2025/38/14755/']."""
    parts = path.strip("/").split("/")
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _query_prefixes(frontier: set[str]) -> list[str]:
    """The prefixes to look changes up by: the frontier itself, or, when it holds many
    units (a province's hundreds of old communes), their parents, fewer and broader; the
    pairs found are then sorted out by who owns them."""
    minimal = minimal_prefixes(frontier)
    if len(minimal) <= _BROADEN_AFTER:
        return minimal
    return minimal_prefixes(p[: p.rstrip("/").rfind("/") + 1] or p for p in minimal)


def rollup_paths(roots: Sequence[str]) -> dict[str, list[str]]:
    """For each root unit path, the minimal path prefixes its figures (or its scope) roll
    up from: its own subtree and the subtrees of the units that turned into a unit of it,
    directly or through earlier changes. One query per step back in time (per chunk of
    prefixes)."""
    covered: dict[str, set[str]] = {root: {root} for root in roots}
    owners: dict[str, set[str]] = defaultdict(set)  # prefix → roots that include it
    for root in roots:
        owners[root].add(root)
    frontier = set(roots)
    while frontier:
        pairs: set[tuple[str, str]] = set()
        prefixes = _query_prefixes(frontier)
        for i in range(0, len(prefixes), _CHUNK):
            q = prefix_q(prefixes[i : i + _CHUNK], "successor__path")
            pairs |= set(_changes().filter(q).values_list("predecessor__path", "successor__path"))
        frontier = set()
        for predecessor, successor in sorted(pairs):
            for root in {r for a in ancestor_paths(successor) for r in owners.get(a, ())}:
                if any(root in owners.get(a, ()) for a in ancestor_paths(predecessor)):
                    continue
                covered[root].add(predecessor)
                owners[predecessor].add(root)
                frontier.add(predecessor)
    return {root: minimal_prefixes(prefixes) for root, prefixes in covered.items()}


def with_predecessors(paths: Iterable[str]) -> list[str]:
    """The minimal prefixes covering the subtrees ``paths`` and every unit that turned
    into a unit in them: a 2025 province's scope reaches its pre-2025 provinces."""
    found = set(paths)
    if not found:
        return []
    rolled = rollup_paths(sorted(found))
    return minimal_prefixes(p for prefixes in rolled.values() for p in prefixes)


def predecessor_paths(paths: Iterable[str]) -> set[str]:
    """Prefixes of the units that turned into a unit in the subtrees ``paths`` (kept for
    callers of the old name; ``with_predecessors`` is the minimal form)."""
    given = set(paths)
    return set(with_predecessors(given)) - given
