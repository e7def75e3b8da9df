"""Bar charts of the savings dashboard as plain geometry, drawn as inline SVG by the
templates (templates/meetings/savings/_bars_*.html): no JavaScript, no chart library,
and the same picture on a tablet and on paper. The PDF report draws its own with
reportlab.graphics from the same rows.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from meetings.savings import format_short

# Coordinates are in the SVG's viewBox; the page scales it to the width it has.
VERTICAL_SIZE = (720, 300)
MAX_CATEGORY_LABELS = 12  # more bars than this: label every second, third… one
LABEL_CHARACTERS = 34
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 64, 12, 24, 40
ROW_HEIGHT, LABEL_WIDTH, HORIZONTAL_WIDTH = 30, 250, 720


def compact_vnd(value: Decimal | int) -> str:
    """Short money for axes and bar tops: "1,2 tỷ", "12,5 tr", "350 N"."""
    value = Decimal(value)
    for size, suffix in (
        (Decimal(10) ** 9, "tỷ"),
        (Decimal(10) ** 6, "tr"),
        (Decimal(10) ** 3, "N"),
    ):
        if abs(value) >= size:
            return f"{format_short(value / size, 1)} {suffix}"
    return format_short(value, 0)


def nice_step(top: Decimal, ticks: int = 4) -> Decimal:
    """A round step (1, 2 or 5 × 10^n) that reaches `top` in about `ticks` steps."""
    if top <= 0:
        return Decimal(1)
    raw = top / ticks
    power = Decimal(10) ** (len(str(int(raw))) - 1) if raw >= 1 else Decimal(1)
    for factor in (1, 2, 5, 10):
        if raw <= power * factor:
            return power * factor
    return power * 10


@dataclass(frozen=True)
class Bar:
    label: str
    caption: str  # the label as printed under or beside the bar (may be shortened or left out)
    value: Decimal
    text: str  # the value as printed next to the bar
    x: float
    y: float
    width: float
    height: float

    @property
    def center_x(self) -> float:
        return self.x + self.width / 2

    @property
    def center_y(self) -> float:
        return self.y + self.height / 2

    @property
    def end_x(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float

    @property
    def empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def axis_ticks(top: Decimal) -> tuple[Decimal, list[Decimal]]:
    """The axis end (a whole number of round steps at or above `top`) and its marks."""
    step = nice_step(top)
    count = max(1, int((top / step).to_integral_value(rounding=ROUND_CEILING)))
    return step * count, [step * i for i in range(count + 1)]


def vertical_bars(rows: Sequence[tuple[str, Decimal]], *, money: bool = True) -> Chart:
    """One bar per row (label, value), left to right, with a value axis."""
    width, height = VERTICAL_SIZE
    left, right, top, bottom = PLOT_LEFT, width - PLOT_RIGHT, PLOT_TOP, height - PLOT_BOTTOM
    peak, marks = axis_ticks(max((value for _label, value in rows), default=Decimal(0)))
    slot = (right - left) / max(len(rows), 1)
    every = max(1, math.ceil(len(rows) / MAX_CATEGORY_LABELS))
    scale = (bottom - top) / float(peak)
    show = compact_vnd if money else (lambda v: format_short(v, 1))
    bars = []
    for index, (label, value) in enumerate(rows):
        bar_height = float(value) * scale
        bars.append(
            Bar(
                label=label,
                caption=label if index % every == 0 else "",
                value=value,
                text=show(value) if value and every == 1 else "",
                x=left + slot * index + slot * 0.15,
                y=bottom - bar_height,
                width=slot * 0.7,
                height=bar_height,
            )
        )
    ticks = [Tick(bottom - float(mark) * scale, show(mark)) for mark in marks]
    return Chart(width, height, bars, ticks, left, right, top, bottom)


def horizontal_bars(rows: Sequence[tuple[str, Decimal]], *, money: bool = False) -> Chart:
    """One bar per row, top to bottom, labels on the left (long room names fit)."""
    width = HORIZONTAL_WIDTH
    height = PLOT_TOP + ROW_HEIGHT * max(len(rows), 1) + 28
    left, right, top = LABEL_WIDTH, width - 70, PLOT_TOP
    bottom = top + ROW_HEIGHT * len(rows)
    peak, marks = axis_ticks(max((value for _label, value in rows), default=Decimal(0)))
    scale = (right - left) / float(peak)
    show = compact_vnd if money else (lambda v: format_short(v, 1))
    bars = [
        Bar(
            label=label,
            caption=label
            if len(label) <= LABEL_CHARACTERS
            else f"{label[: LABEL_CHARACTERS - 1]}…",
            value=value,
            text=show(value),
            x=left,
            y=top + ROW_HEIGHT * index + ROW_HEIGHT * 0.18,
            width=float(value) * scale,
            height=ROW_HEIGHT * 0.64,
        )
        for index, (label, value) in enumerate(rows)
    ]
    ticks = [Tick(left + float(mark) * scale, show(mark)) for mark in marks]
    return Chart(width, height, bars, ticks, left, right, top, bottom)
