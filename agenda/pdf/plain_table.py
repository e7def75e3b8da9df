"""PlainTable: a ruled grid of plain text drawn straight onto the canvas (see the class).

The cell metrics and colours are shared with the tables of agenda.pdf.rich, which hands a
table here whenever none of its cells holds formatting, so both kinds look alike on a page.
"""

from collections.abc import Callable
from typing import Protocol

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from meetings.pdf import fonts

CELL_SIZE = 12
CELL_LEADING = 14.5
CELL_PAD_X, CELL_PAD_TOP, CELL_PAD_BOTTOM = 4, 2, 3.5
GRID = colors.HexColor("#555555")
HEAD_FILL = colors.HexColor("#e6e6e6")


class TextCell(Protocol):
    head: bool
    text: str  # the words, one line
    width: float  # of `text` on one line


Measure = Callable[[str, bool], float]


def measurer() -> Measure:
    """stringWidth with a memory: long tables repeat the same rooms and choices."""
    fonts.register_fonts()
    known: dict[tuple[str, bool], float] = {}
    regular = pdfmetrics.getFont(fonts.REGULAR)
    bold = pdfmetrics.getFont(fonts.BOLD)

    def measure(text: str, head: bool = False) -> float:
        key = (text, head)
        width = known.get(key)
        if width is None:
            width = known[key] = (bold if head else regular).stringWidth(text, CELL_SIZE)
        return width

    return measure


# One row of a PlainTable: its height, then per cell the lines and whether bold.
_Row = tuple[float, list[tuple[list[str], bool]]]
MAX_ROW_LINES = 30  # longer cells continue on the next row, so a row always fits a page
ORPHAN_ROW_HEIGHT = 10 * CELL_LEADING
ORPHAN_ROOM = 400  # points: less than this left on the page, a lone row waits


class PlainTable(Flowable):
    """A grid of plain text drawn directly: a thousand-row vote list in a fraction of the
    time reportlab's Table takes (one text object per page, no per-cell flowables).

    Cells wrap at spaces (over-long words at any character); the header rows repeat
    after every page break; numeric columns are set flush right, header cells centred.
    """

    def __init__(
        self,
        rows: list[_Row],
        widths: list[float],
        header: int,
        numeric: list[bool],
        measure: Measure,
        start: int | None = None,
    ) -> None:
        super().__init__()
        self.rows, self.widths, self.header = rows, widths, header
        self.numeric, self.measure = numeric, measure
        self.start = header if start is None else start  # first body row shown here
        self.hAlign = "LEFT"
        self.spaceBefore, self.spaceAfter = 3, 8
        self.head_height = sum(row[0] for row in rows[:header])
        self.height = self.head_height + sum(row[0] for row in rows[self.start :])
        self.width = sum(widths)

    @classmethod
    def of(
        cls,
        cells: list[list[TextCell]],
        widths: list[float],
        header: int,
        numeric: list[bool],
        measure: Measure,
    ) -> "PlainTable":
        rows: list[_Row] = []
        pad = CELL_PAD_TOP + CELL_PAD_BOTTOM
        for r, row in enumerate(cells):
            lines = [
                [cell.text]
                if cell.width <= widths[c] - 2 * CELL_PAD_X
                else wrap_text(cell.text, cell.head, widths[c] - 2 * CELL_PAD_X, measure)
                for c, cell in enumerate(row)
            ]
            tallest = max(len(cell_lines) for cell_lines in lines)
            for first in range(0, tallest, MAX_ROW_LINES):
                parts = [cell_lines[first : first + MAX_ROW_LINES] for cell_lines in lines]
                count = max(len(part) for part in parts)
                marked = [(part, cell.head) for part, cell in zip(parts, row, strict=True)]
                rows.append((count * CELL_LEADING + pad, marked))
            if r < header and tallest > MAX_ROW_LINES:
                header += (tallest - 1) // MAX_ROW_LINES
        header = min(header, len(rows) - 1) if len(rows) > 1 else 0
        return cls(rows, widths, header, numeric, measure)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        used, end = self.head_height, self.start
        while end < len(self.rows) and used + self.rows[end][0] <= availHeight:
            used += self.rows[end][0]
            end += 1
        if end == self.start or end == len(self.rows):
            return []  # nothing fits here (the frame moves on), or everything does
        # No single row alone at the foot of a page, and none alone at the top of the next.
        # (Never refused on a nearly empty page: the table must start somewhere.)
        lonely = end - self.start == 1 and self.rows[self.start][0] < ORPHAN_ROW_HEIGHT
        if lonely and availHeight < ORPHAN_ROOM:
            return []
        if len(self.rows) - end == 1 and end - self.start >= 3:
            end -= 1
        first = self._part(self.rows[:end], self.start)
        rest = self._part(self.rows, end)
        first.spaceAfter = rest.spaceBefore = 0
        return [first, rest]

    def _part(self, rows: list[_Row], start: int) -> "PlainTable":
        return PlainTable(rows, self.widths, self.header, self.numeric, self.measure, start)

    def _shown(self) -> list[_Row]:
        return self.rows[: self.header] + self.rows[self.start :]

    def draw(self) -> None:
        canvas = self.canv
        shown = self._shown()
        edges = [0.0]
        for width in self.widths:
            edges.append(edges[-1] + width)
        canvas.saveState()
        if self.header:
            canvas.setFillColor(HEAD_FILL)
            canvas.rect(0, self.height - self.head_height, self.width, self.head_height, 0, 1)
        canvas.setFillColor(colors.black)
        # Row by row, so that text comes out of the PDF in reading order. Each cell starts
        # with a relative move (Td) from where the last one began and its lines step down
        # with T*: no absolute positioning or width per cell, which is most of the cost.
        text = canvas.beginText()
        text.setTextOrigin(0, self.height)
        text.setFont(fonts.REGULAR, CELL_SIZE, CELL_LEADING)
        font, at_x, at_y = fonts.REGULAR, 0.0, self.height
        top = self.height
        for index, (height, cells) in enumerate(shown):
            head = index < self.header
            baseline = top - CELL_PAD_TOP - CELL_SIZE
            for c, (lines, bold) in enumerate(cells):
                face = fonts.BOLD if bold else fonts.REGULAR
                if face != font:
                    text.setFont(face, CELL_SIZE, CELL_LEADING)
                    font = face
                x = edges[c] + CELL_PAD_X
                for number, line in enumerate(lines):
                    if not line:
                        continue
                    line_x, line_y = x, baseline - number * CELL_LEADING
                    if head or self.numeric[c]:
                        free = self.widths[c] - 2 * CELL_PAD_X - self.measure(line, bold)
                        line_x += free / 2 if head else free
                    text.moveCursor(line_x - at_x, at_y - line_y)
                    text.textLine(line)
                    at_x, at_y = line_x, line_y - CELL_LEADING
            top -= height
        canvas.drawText(text)
        # The grid: every row's bottom line and every column's edge.
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        lines = [(0, self.height, self.width, self.height)]
        y = self.height
        for height, _cells in shown:
            y -= height
            lines.append((0, y, self.width, y))
        lines += [(x, 0, x, self.height) for x in edges]
        canvas.lines(lines)
        canvas.restoreState()


def wrap_text(text: str, bold: bool, width: float, measure: Measure) -> list[str]:
    """Greedy line breaking at spaces; a word wider than the cell breaks anywhere."""
    lines: list[str] = []
    current, current_width = "", 0.0
    space = measure(" ", bold)
    for word in text.split(" "):
        if not word:
            continue
        word_width = measure(word, bold)
        if word_width > width:
            if current:
                lines.append(current)
            current, current_width = "", 0.0
            for char in word:
                char_width = measure(char, bold)
                if current and current_width + char_width > width:
                    lines.append(current)
                    current, current_width = "", 0.0
                current += char
                current_width += char_width
            continue
        if current and current_width + space + word_width > width:
            lines.append(current)
            current, current_width = word, word_width
        elif current:
            current, current_width = f"{current} {word}", current_width + space + word_width
        else:
            current, current_width = word, word_width
    if current or not lines:
        lines.append(current)
    return lines
