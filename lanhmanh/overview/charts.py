"""Charts drawn on the server as SVG: no script, no library, readable on a phone (the
drawing scales to its box) and printable. Every bar has a text title; the figures are
also given as a table beside the chart for screen readers and print."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT = 480, 200
LEFT, BOTTOM, TOP = 40, 24, 12
PREVIOUS_COLOUR = "#adb5bd"
CURRENT_COLOUR = "#0d6efd"


@dataclass
class Series:
    """Figures of two years side by side, one per label (month or quarter)."""

    labels: list[str]
    previous: list[Decimal]
    current: list[Decimal]
    previous_year: int
    current_year: int

    @property
    def rows(self):
        return list(zip(self.labels, self.previous, self.current, strict=True))

    @property
    def totals(self) -> tuple[Decimal, Decimal]:
        return sum(self.previous, Decimal(0)), sum(self.current, Decimal(0))


def _number(value: Decimal) -> str:
    text = f"{value:,.0f}" if value == value.to_integral() else f"{value:,.1f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _f(coordinate: float) -> str:
    return f"{coordinate:.1f}"


def _nice_top(top: Decimal) -> Decimal:
    if top <= 0:
        return Decimal(1)
    step = Decimal(1)
    while step * 10 <= top:
        step *= 10
    for factor in (1, 2, 5, 10):
        if step * factor >= top:
            return step * factor
    return step * 10


def bars_svg(series: Series, *, title: str) -> SafeString:
    """Grouped bars: the previous year in grey, this year in blue, per label."""
    top = _nice_top(max([*series.previous, *series.current, Decimal(0)]))
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    group = plot_w / len(series.labels)
    bar = group * 0.38

    def y(value: Decimal) -> float:
        return TOP + plot_h - float(value / top) * plot_h

    bars = []
    for index, (label, previous, current) in enumerate(series.rows):
        x = LEFT + index * group + group * 0.1
        for offset, year, value, colour in (
            (0, series.previous_year, previous, PREVIOUS_COLOUR),
            (bar, series.current_year, current, CURRENT_COLOUR),
        ):
            bars.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{} {}: {}</title></rect>",
                    _f(x + offset),
                    _f(y(value)),
                    _f(bar),
                    _f(TOP + plot_h - y(value)),
                    colour,
                    label,
                    year,
                    _number(value),
                )
            )
    ticks = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#dee2e6"/>'
        '<text x="{}" y="{}" text-anchor="end" font-size="13" fill="#495057">{}</text>',
        (
            (LEFT, WIDTH - 8, _f(y(v)), _f(y(v)), LEFT - 4, _f(y(v) + 4), _number(v))
            for v in (Decimal(0), top / 2, top)
        ),
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="13" fill="#495057">{}</text>',
        (
            (_f(LEFT + (i + 0.5) * group), HEIGHT - 6, label)
            for i, label in enumerate(series.labels)
        ),
    )
    return format_html(
        '<svg class="lm-chart" viewBox="0 0 {} {}" role="img" aria-label="{}" '
        'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
        "{}{}{}</svg>",
        WIDTH,
        HEIGHT,
        title,
        ticks,
        format_html_join("", "{}", ((b,) for b in bars)),
        labels,
    )
