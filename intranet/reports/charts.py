"""Bar charts as inline SVG, laid out on the server: no chart JavaScript, valid under the strict CSP.

``bar_chart`` computes every rectangle and label; ``templates/macros/charts.html`` only writes
them out. Series differ by pattern (solid, hatched, dotted) and by outline as well as by colour,
every bar carries its value as text, and the description repeats all numbers for screen readers.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from flask_babel import format_decimal

#: Per series: fill colour and pattern ("" = solid). Outlines reach 7:1 against white.
STYLES = (("#00507a", ""), ("#7a4b00", "hatch"), ("#4a5560", "dots"))
FONT_SIZE = 13
CHAR_WIDTH = 7.5  #: average glyph width of DejaVu Sans at FONT_SIZE, for label space
BAR = 22  #: thickness of one bar
GAP = 14  #: space between two categories
LENGTH = 360  #: longest bar lying down
HEIGHT = 200  #: longest bar standing up


@dataclass(frozen=True)
class Series:
    """One row of values, one value per category."""

    name: str
    values: Sequence[float]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    style: int  #: index into STYLES


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass
class Chart:
    """Everything the SVG macro draws; ``id`` prefixes the pattern ids (unique per page)."""

    id: str
    title: str
    desc: str
    width: float = 0
    height: float = 0
    bars: list[Rect] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    legend: list[tuple[Rect, Label]] = field(default_factory=list)
    axis: tuple[float, float, float, float] = (0, 0, 0, 0)

    @property
    def patterns(self) -> list[tuple[int, str, str]]:
        """(style, colour, pattern) of the patterned styles in use."""
        used = sorted({bar.style for bar in self.bars} | {rect.style for rect, _ in self.legend})
        return [(i, *STYLES[i]) for i in used if STYLES[i][1]]

    def fill(self, style: int) -> str:
        """The fill attribute of a style: its colour, or its pattern inside this chart."""
        colour, pattern = STYLES[style]
        return f"url(#{self.id}-{pattern})" if pattern else colour

    def stroke(self, style: int) -> str:
        """The outline colour of a style (patterned bars keep a solid edge)."""
        return STYLES[style][0]


def number(value) -> str:
    """A count or amount in the UI language's number format, e.g. 1.234 in German."""
    return format_decimal(value)


def text_width(text: str) -> float:
    """Estimated width of a label: the server knows no font metrics, an average glyph is enough."""
    return len(text) * CHAR_WIDTH


def describe(categories: Sequence[str], series: Sequence[Series], fmt: Callable) -> str:
    """All figures as one sentence, e.g. "Guarda: Entsandt 2, Empfangen 1; …"."""
    parts = []
    for i, category in enumerate(categories):
        values = ", ".join(f"{s.name} {fmt(s.values[i])}" for s in series)
        parts.append(f"{category}: {values}")
    return "; ".join(parts) + "."


def bar_chart(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    horizontal: bool = True,
    stacked: bool = False,
    fmt: Callable = number,
    peak: float | None = None,
) -> Chart:
    """A bar chart: one group (or one stack) of bars per category, a legend for several series.

    ``peak`` is the value of the longest possible bar (e.g. 5 for ratings); default: the largest value.
    """
    chart = Chart(chart_id, title, describe(categories, series, fmt))
    legend_width = _legend(chart, series) if len(series) > 1 else 0
    top = 32 if chart.legend else 0
    layout = (_Horizontal if horizontal else _Vertical)(
        categories, BAR if stacked else BAR * len(series), top
    )
    totals = [sum(float(s.values[i]) for s in series) for i in range(len(categories))]
    peak = peak or max(totals if stacked else [float(v) for s in series for v in s.values], default=0)
    # an empty chart draws no bars instead of dividing by zero
    scale = layout.length / peak if peak > 0 else 0
    for i, category in enumerate(categories):
        draw = _stack if stacked else _group
        draw(chart, layout, layout.band_start(i), [s.values[i] for s in series], scale, fmt)
        chart.labels.append(layout.category_label(i, category))
    width, chart.height = layout.size()
    chart.width, chart.axis = max(width, legend_width), layout.axis()
    return chart


def _stack(chart: Chart, layout, start: float, values: list, scale: float, fmt: Callable) -> None:
    """One bar of stacked segments, each series after the one before, labelled with the total."""
    offset = 0.0
    for index, value in enumerate(values):
        chart.bars.append(layout.rect(start, offset, float(value) * scale, index))
        offset += float(value) * scale
    chart.labels.append(layout.value_label(start, offset, fmt(sum(values))))


def _group(chart: Chart, layout, start: float, values: list, scale: float, fmt: Callable) -> None:
    """One bar per series side by side, each labelled with its value."""
    for index, value in enumerate(values):
        position, length = start + index * BAR, float(value) * scale
        chart.bars.append(layout.rect(position, 0, length, index))
        chart.labels.append(layout.value_label(position, length, fmt(value)))


def _legend(chart: Chart, series: Sequence[Series]) -> float:
    """Swatches with names in one row above the plot; returns the width they take."""
    x = 0.0
    for index, s in enumerate(series):
        chart.legend.append((Rect(x, 4, 16, 16, index), Label(x + 22, 17, s.name)))
        x += 22 + text_width(s.name) + 18
    return x


class _Horizontal:
    """Categories down the left, bars growing to the right."""

    length = LENGTH

    def __init__(self, categories, band, top):
        self.left = max((text_width(c) for c in categories), default=0) + 12
        self.band, self.top, self.count = band, top, len(categories)

    def band_start(self, i):
        return self.top + i * (self.band + GAP)

    def rect(self, position, offset, length, style):
        return Rect(self.left + offset, position, length, BAR, style)

    def value_label(self, position, length, text):
        return Label(self.left + length + 6, position + BAR / 2 + FONT_SIZE / 3, text)

    def category_label(self, i, text):
        return Label(self.left - 8, self.band_start(i) + self.band / 2 + FONT_SIZE / 3, text, "end")

    def axis(self):
        return (self.left, self.top, self.left, self.band_start(self.count) - GAP)

    def size(self):
        return self.left + LENGTH + 110, self.band_start(self.count)


class _Vertical:
    """Categories along the bottom, bars growing upwards from the base line."""

    length = HEIGHT

    def __init__(self, categories, band, top):
        self.column = max([band + GAP, *(text_width(c) + 12 for c in categories)])
        self.base = top + FONT_SIZE + 8 + HEIGHT  # room for the value label over the longest bar
        self.band, self.count = band, len(categories)

    def band_start(self, i):
        return 8 + i * self.column + (self.column - self.band) / 2

    def rect(self, position, offset, length, style):
        return Rect(position, self.base - offset - length, BAR, length, style)

    def value_label(self, position, length, text):
        return Label(position + BAR / 2, self.base - length - 6, text, "middle")

    def category_label(self, i, text):
        return Label(8 + (i + 0.5) * self.column, self.base + FONT_SIZE + 6, text, "middle")

    def axis(self):
        return (8, self.base, 8 + self.count * self.column, self.base)

    def size(self):
        return 16 + self.count * self.column, self.base + FONT_SIZE + 12
