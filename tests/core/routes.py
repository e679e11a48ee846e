"""Every route of the URL configuration, and the query parameters the code reads: the
fuzz tests walk them, so a new view is fuzzed without writing a new test."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

ROOT = Path(__file__).resolve().parents[2] / "lanhmanh"
# Parameters read through forms, filters and DRF rather than ``request.GET.get``.
KNOWN_PARAMETERS = {
    "page",
    "year",
    "part",
    "unit",
    "period",
    "q",
    "format",
    "ordering",
    "scheme",
    "level",
    "kind",
    "parent",
    "valid_on",
    "sector",
    "is_active",
    "date",
    "from",
    "to",
    "id",
    "pk",
    "user",
    "action",
    "object",
    "person",
}
_READS = re.compile(
    r"""GET(?:\.get\(|\.getlist\(|\[)\s*["'](\w+)["']|["'](\w+)["']\s+in\s+request\.GET"""
)


def query_parameters() -> list[str]:
    found = set(KNOWN_PARAMETERS)
    for path in ROOT.rglob("*.py"):
        for match in _READS.finditer(path.read_text(encoding="utf-8")):
            found.add(match.group(1) or match.group(2))
    return sorted(found)


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    arguments: tuple[str, ...]
    ints: tuple[str, ...]  # the arguments an int-like converter (or a pk regex) parses

    def url(self, values: dict) -> str:
        return reverse(self.name, kwargs={k: values[k] for k in self.arguments})


def _walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace
            full = f"{namespace}:{ns}" if namespace and ns else ns or namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), full)
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), prefix + str(p.pattern), p


def routes() -> list[Route]:
    """The application's named routes (Django's own admin excluded: it is tested apart)."""
    found = []
    for name, route, pattern in _walk(get_resolver().url_patterns):
        if route.startswith(settings.ADMIN_URL):
            continue
        converters = getattr(pattern.pattern, "converters", {})
        arguments = tuple(pattern.pattern.regex.groupindex)
        ints = tuple(
            a
            for a in arguments
            if isinstance(converters.get(a), IntConverter)
            or type(converters.get(a)).__name__.endswith("IdConverter")
            or (a not in converters and a.endswith("pk"))
        )
        if set(arguments) - set(ints):
            continue  # no route takes a non-numeric argument today
        found.append(Route(name, route, arguments, ints))
    return sorted(found, key=lambda r: r.name)
