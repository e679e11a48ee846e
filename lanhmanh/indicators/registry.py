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
never know which kind of source they asked. A row may also name another registered
computation (``Indicator.computation``) with parameters (``Indicator.parameters``, e.g.
``{"team": 12}`` or ``{"level": "commune"}``): a computation that takes parameters
declares their names, ``register("inspections", params=("team", "agency"))``, and is
then called with them as keyword arguments (only when the row has some).

A plan's target may be limited to an agency, a team or a level ('the province's team 178
inspects 80–130 establishments'): a computation that can honour such limits declares
them the same way, and then receives them as keyword arguments (``team``: an
InspectionTeam id, ``agency``: an Agency id, ``level``: a ``Level`` value), only when a
target sets them. A limit or parameter the computation does not declare makes the value
``no_data`` rather than a figure that counts what the plan did not ask.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from lanhmanh.core.scoping import prefix_q


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

LIMIT_PARAMS = ("agency", "team", "level")


@dataclass(frozen=True)
class Limits:
    """What a target counts, when the plan says less than 'everything under the unit':
    one agency's or one team's records, or those of one level's units."""

    agency: int | None = None
    team: int | None = None
    level: str = ""

    def params(self) -> dict:
        """The limits set, as the keyword arguments of a computation."""
        found = {"agency": self.agency, "team": self.team, "level": self.level}
        return {name: value for name, value in found.items() if value}

    def __bool__(self) -> bool:
        return bool(self.params())


NO_LIMITS = Limits()

Compute = Callable[..., Value]
_REGISTRY: dict[str, Compute] = {}
_PARAMS: dict[str, frozenset[str]] = {}


def register(
    code: str, params: Sequence[str] = (), *, parameters: Sequence[str] = ()
) -> Callable[[Compute], Compute]:
    """Register ``func`` as the computation of indicator ``code`` (one per code);
    ``params`` (or ``parameters``) are the keyword arguments it accepts: the limits of a
    target (``LIMIT_PARAMS``) it knows how to apply, and the parameters an indicator row
    may set (``Indicator.parameters``, e.g. an activity kind)."""
    names = frozenset(params) | frozenset(parameters)

    def decorator(func: Compute) -> Compute:
        if code in _REGISTRY and _REGISTRY[code] is not func:
            raise ValueError(f"Indicator {code!r} is already registered")
        _REGISTRY[code] = func
        _PARAMS[code] = names
        return func

    return decorator


def parameters_of(code: str) -> tuple[str, ...]:
    """The parameter names the computation ``code`` accepts."""
    return tuple(sorted(_PARAMS.get(code, ())))


def computation(code: str) -> Compute | None:
    return _REGISTRY.get(code)


def computation_params(code: str) -> frozenset[str]:
    """The limits the computation of ``code`` accepts."""
    return _PARAMS.get(code, frozenset())


def compute(
    code: str,
    *,
    paths: Sequence[str],
    window: Window,
    disaggregation: str | None = None,
    limits: Limits = NO_LIMITS,
    parameters: dict | None = None,
) -> Value | None:
    """The registered computation's value, given the indicator row's ``parameters`` and
    only the limits set; None when nothing computes ``code``, ``NO_DATA`` when a limit or
    a parameter is set that it cannot apply."""
    func = _REGISTRY.get(code)
    if func is None:
        return None
    params = {**(parameters or {}), **limits.params()}
    if not set(params) <= _PARAMS.get(code, frozenset()):
        return NO_DATA
    return func(paths=list(paths), window=window, disaggregation=disaggregation, **params)


def unregister(code: str) -> None:
    """Forget a computation (tests that register one of their own clean up with it)."""
    _REGISTRY.pop(code, None)
    _PARAMS.pop(code, None)


def registered_codes() -> list[str]:
    return sorted(_REGISTRY)


def paths_of(paths: Sequence[str]):
    """A Q over ``unit__path`` for the given prefixes, for computations' querysets."""
    return prefix_q(paths, "unit__path")


@dataclass(frozen=True)
class EnteredFigures:
    """Where the figures of ``entered`` indicators are stored: one row per submitted
    figure with ``indicator``, ``numerator``, ``denominator``, ``disaggregation`` and a
    ``submission`` (status, unit, period). The reporting app, which sits above this one,
    registers its model when it starts."""

    model: type
    counted: tuple[str, ...]
    pending: str


_ENTERED: list[EnteredFigures] = []


def register_entered(figures: EnteredFigures) -> None:
    _ENTERED[:] = [figures]


def entered_figures() -> EnteredFigures:
    if not _ENTERED:  # pragma: no cover - the reporting app registers at start-up
        raise RuntimeError("No entered figures registered: is lanhmanh.reporting installed?")
    return _ENTERED[0]
