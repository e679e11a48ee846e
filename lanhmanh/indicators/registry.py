"""Computed indicators: modules register a function that computes an indicator's value
over their own records.

The contract, for a module such as inspections::

    from lanhmanh.indicators.registry import Value, Window, register

    @register("establishments_inspected")
    def establishments_inspected(*, paths: Sequence[str], window: Window,
                                 disaggregation: str | None = None) -> Value:
        # ``paths`` are unit path prefixes (the unit's subtree, plus the units that were
        # merged into it); count the records whose unit path starts with one of them and
        # whose date lies in the window (both ends included).
        ...
        return Value(numerator=Decimal(n))          # a count
        return Value(numerator=n, denominator=d)    # a percentage: n of d

The catalogue row (``Indicator``) with the same code says ``source = computed``; callers
never know which kind of source they asked.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Window:
    """The dates a figure covers, both ends included (a Decree 09/2019 cut-off window)."""

    start: datetime.date
    end: datetime.date


@dataclass(frozen=True)
class Value:
    """A count (numerator only) or a ratio (numerator of denominator).

    Values add up the hierarchy: counts sum; ratios sum numerators and denominators and
    are only then divided, never averaged.
    """

    numerator: Decimal
    denominator: Decimal | None = None
    # Figures submitted but not yet approved are part of the value (a province sees this
    # month's figures before every commune is approved); the flag lets screens say so.
    provisional: bool = False
    # Nothing was reported at all: not the same as a reported zero (a target with no
    # figures has no progress status). Computations over records never set it.
    no_data: bool = False
    # A count of people (support cases): every output shows 1 to 4 as '<5' (see
    # ``small_count``), so that nobody can be singled out from a figure.
    hides_small: bool = False

    def __add__(self, other: Value) -> Value:
        provisional = self.provisional or other.provisional
        no_data = self.no_data and other.no_data
        hides = self.hides_small or other.hides_small
        if self.denominator is None and other.denominator is None:
            return Value(self.numerator + other.numerator, None, provisional, no_data, hides)
        return Value(
            self.numerator + other.numerator,
            (self.denominator or Decimal(0)) + (other.denominator or Decimal(0)),
            provisional,
            no_data,
            hides,
        )

    @property
    def small_count(self) -> bool:
        """A value of people whose numerator or denominator is 1 to 4: shown as '<5'."""
        if not self.hides_small or self.no_data:
            return False
        parts = [self.numerator] if self.denominator is None else [self.numerator, self.denominator]
        return any(0 < part < SMALL_COUNT for part in parts)

    @property
    def ratio(self) -> Decimal | None:
        """The percentage for a ratio; None for a count or an empty denominator."""
        if not self.denominator:
            return None
        return self.numerator * 100 / self.denominator


SMALL_COUNT = 5
SMALL_LABEL = "<5"
ZERO = Value(Decimal(0))
NO_DATA = Value(Decimal(0), no_data=True)

Compute = Callable[..., Value]
_REGISTRY: dict[str, Compute] = {}


def register(code: str) -> Callable[[Compute], Compute]:
    """Register ``func`` as the computation of indicator ``code`` (one per code)."""

    def decorator(func: Compute) -> Compute:
        if code in _REGISTRY and _REGISTRY[code] is not func:
            raise ValueError(f"Indicator {code!r} is already registered")
        _REGISTRY[code] = func
        return func

    return decorator


def computation(code: str) -> Compute | None:
    return _REGISTRY.get(code)


def unregister(code: str) -> None:
    """Forget a computation (tests that register one of their own clean up with it)."""
    _REGISTRY.pop(code, None)


def registered_codes() -> list[str]:
    return sorted(_REGISTRY)


def paths_of(paths: Sequence[str]):
    """A Q over ``unit__path`` for the given prefixes, for computations' querysets."""
    from django.db.models import Q

    q = Q(pk__in=[])
    for prefix in paths:
        q |= Q(unit__path__startswith=prefix)
    return q
