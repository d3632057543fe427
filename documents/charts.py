"""Geometry for the server-rendered SVG charts: numbers in, coordinates and colours out.

No HTML here: templates/includes/chart_*.html draw the shapes. Every chart sits beside a table that
holds the same numbers, so the SVG is marked aria-hidden and the table is what screen readers read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# A sequential blue scale (ColorBrewer "Blues", 5 classes) and the text colour readable on each step.
SCALE = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
INK = ("#1a1a1a", "#1a1a1a", "#1a1a1a", "#ffffff", "#ffffff")
EMPTY = "#f7f7f7"


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    href: str = ""


@dataclass(frozen=True)
class Cell:
    x: float
    y: float
    size: float
    value: int
    fill: str
    ink: str
    title: str
    href: str = ""

    @property
    def cx(self) -> float:
        return self.x + self.size / 2

    @property
    def cy(self) -> float:
        return self.y + self.size / 2


@dataclass(frozen=True)
class Grid:
    """A heat map (squares) or a dot timeline (circles sized by value) over rows × columns."""

    width: float
    height: float
    rows: tuple[Label, ...]
    columns: tuple[Label, ...]
    cells: tuple[Cell, ...]
    dots: tuple[tuple[Cell, float], ...] = ()  # (cell, radius) for the dot timeline


def shade(value: int, maximum: int) -> tuple[str, str]:
    """Fill and text colour for a count on a 5-step scale; zero is a pale grey, not the first blue.

    >>> shade(0, 10)
    ('#f7f7f7', '#1a1a1a')
    >>> shade(10, 10)
    ('#08519c', '#ffffff')
    """
    if value <= 0 or maximum <= 0:
        return EMPTY, INK[0]
    step = min(len(SCALE) - 1, math.ceil(value / maximum * len(SCALE)) - 1)
    return SCALE[step], INK[step]


def grid(
    *,
    rows: list[tuple[str, str]],
    columns: list[tuple[str, str]],
    values: dict[tuple[int, int], int],
    cell_hrefs: dict[tuple[int, int], str] | None = None,
    cell: float = 34,
    row_label_width: float = 96,
    column_label_height: float = 96,
) -> Grid:
    """Lay out a heat map; `values` and `cell_hrefs` are keyed by (row index, column index).

    >>> g = grid(rows=[("衢州市", "")], columns=[("产业集群", "")], values={(0, 0): 2})
    >>> (g.cells[0].value, g.cells[0].fill)
    (2, '#08519c')
    """
    maximum = max(values.values(), default=0)
    cells = []
    for r, (row_label, _) in enumerate(rows):
        for c, (column_label, _) in enumerate(columns):
            value = values.get((r, c), 0)
            fill, ink = shade(value, maximum)
            cells.append(
                Cell(
                    x=row_label_width + c * cell,
                    y=column_label_height + r * cell,
                    size=cell - 2,
                    value=value,
                    fill=fill,
                    ink=ink,
                    title=f"{row_label} · {column_label}：{value}",
                    href=(cell_hrefs or {}).get((r, c), ""),
                )
            )
    return Grid(
        # Column labels are turned 50° and run right of their column: room for them past the last one.
        width=row_label_width + len(columns) * cell + column_label_height * 0.7,
        height=column_label_height + len(rows) * cell + 4,
        rows=tuple(
            Label(row_label_width - 6, column_label_height + r * cell + cell / 2, t, h) for r, (t, h) in enumerate(rows)
        ),
        columns=tuple(
            Label(row_label_width + c * cell + cell / 2, column_label_height - 6, t, h)
            for c, (t, h) in enumerate(columns)
        ),
        cells=tuple(cells),
    )


def dot_timeline(
    *, rows: list[tuple[str, str]], years: list[int], values: dict[tuple[int, int], int], cell: float = 30
) -> Grid:
    """Notices per row (city) per year as circles whose area follows the count.

    >>> t = dot_timeline(rows=[("常德市", "")], years=[2007, 2008], values={(0, 1): 4})
    >>> [round(radius, 1) for _, radius in t.dots]
    [13.0]
    """
    laid = grid(
        rows=rows, columns=[(str(year), "") for year in years], values=values, cell=cell, column_label_height=48
    )
    maximum = max(values.values(), default=0)
    biggest = cell / 2 - 2
    dots = tuple((c, max(3.0, biggest * math.sqrt(c.value / maximum))) for c in laid.cells if c.value and maximum)
    return Grid(laid.width, laid.height, laid.rows, laid.columns, laid.cells, dots)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    href: str = ""


@dataclass(frozen=True)
class BarChart:
    width: float
    height: float
    baseline: float
    bars: tuple[Bar, ...]


def bar_chart(*, bars: list[tuple[str, int, str]], bar: float = 28, plot_height: float = 120) -> BarChart:
    """Vertical bars (label, value, link) — notices per year on a city page.

    >>> chart = bar_chart(bars=[("2015", 2, ""), ("2016", 4, "")])
    >>> [b.height for b in chart.bars]
    [60.0, 120.0]
    """
    maximum = max((value for _, value, _ in bars), default=0) or 1
    top = 18  # room for the value printed above the tallest bar
    shapes = []
    for index, (label, value, href) in enumerate(bars):
        height = plot_height * value / maximum
        shapes.append(Bar(index * bar + 2, top + plot_height - height, bar - 4, height, value, label, href))
    return BarChart(
        width=max(len(bars), 1) * bar + 4, height=top + plot_height + 22, baseline=top + plot_height, bars=tuple(shapes)
    )


@dataclass(frozen=True)
class ValueBar:
    y: float
    width: float
    label: str  # the column (city)
    value: float
    note: str  # the target's year
    href: str = ""


@dataclass(frozen=True)
class ValueBars:
    width: float
    height: float
    label_width: float
    bars: tuple[ValueBar, ...]
    unit: str
    bar_height: float


def value_bars(
    *,
    bars: list[tuple[str, float, str, str]],
    unit: str,
    plot_width: float = 220,
    bar: float = 22,
    label_width: float = 84,
) -> ValueBars:
    """Horizontal bars (label, value, note, link): one indicator's target in each city, its year beside it.

    Values of one indicator share a unit, so the bars share a scale; a negative value draws no bar.

    >>> chart = value_bars(bars=[("衢州市", 3.0, "2025年", ""), ("丽水市", 1.5, "2020年", "")], unit="%")
    >>> [(b.label, b.width, b.note) for b in chart.bars]
    [('衢州市', 220.0, '2025年'), ('丽水市', 110.0, '2020年')]
    """
    maximum = max((value for _, value, _, _ in bars), default=0) or 1
    shapes = tuple(
        ValueBar(
            y=index * bar + 2,
            width=max(0.0, plot_width * value / maximum),
            label=label,
            value=value,
            note=note,
            href=href,
        )
        for index, (label, value, note, href) in enumerate(bars)
    )
    return ValueBars(
        width=label_width + plot_width + 130, height=max(len(bars), 1) * bar + 4, label_width=label_width,
        bars=shapes, unit=unit, bar_height=bar - 6,
    )  # fmt: skip
