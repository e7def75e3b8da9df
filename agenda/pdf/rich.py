"""The editor's sanitised rich text as reportlab flowables.

Only this subset comes in (agenda.richtext.clean_html): p, br, strong, em, u, ul, ol, li,
table, thead, tbody, tr, th, td, without attributes. Any nesting of it is accepted, as
browsers would read it: a list or a table inside a paragraph or a bold run ends the
paragraph there and the bold carries on after it; stray end tags are ignored; a new
<li>, <tr> or <td> closes the open one. Text is escaped for reportlab's paragraph
markup, and the formatting of each run is written out whole, so the markup handed to
reportlab is always well formed whatever came in.

Lists follow Vietnamese administrative documents: "-" then "+" for bullets, "1." then
"a)" for numbers, written on an indented first line. Tables get a grid, a shaded header
that repeats on every page, and plain string cells wherever the text fits on one line
(a Paragraph per cell is what makes long tables slow); a table with no formatting at all
is drawn by agenda.pdf.plain_table. The HTML is read into a tree by agenda.pdf.html_tree.
"""

import re
from dataclasses import dataclass, field
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from agenda.pdf.html_tree import BR, CONTROL, Node, parse, plain_text
from agenda.pdf.plain_table import (
    CELL_LEADING,
    CELL_PAD_BOTTOM,
    CELL_PAD_TOP,
    CELL_PAD_X,
    CELL_SIZE,
    GRID,
    HEAD_FILL,
    PlainTable,
    measurer,
)
from meetings.pdf import decree30, fonts

BODY_SIZE = decree30.BODY_SIZE
FIRST_LINE_INDENT = 10 * mm
# Decree 30: at least 6 pt between paragraphs; list items (a room, a speaker) sit closer.
PARAGRAPH_GAP, LIST_GAP = 6, 2
LIST_STEP = 6 * mm  # each level of a nested list indents its first line this much more

BOLD, ITALIC, UNDERLINE = 1, 2, 4
INLINE = {"strong": BOLD, "b": BOLD, "em": ITALIC, "i": ITALIC, "u": UNDERLINE}
NUMERIC = re.compile(r"^(?:[+-]?[\d.,\s]*\d[\d.,\s]*%?|–)$")


# --- styles ---------------------------------------------------------------------------


@cache
def body_style(
    first_indent: float = FIRST_LINE_INDENT, space_after: float = PARAGRAPH_GAP
) -> ParagraphStyle:
    """Justified body text, the first line indented."""
    return ParagraphStyle(
        f"rich-body-{first_indent:.1f}-{space_after}",
        parent=decree30.styles()["body"],
        firstLineIndent=first_indent,
        spaceAfter=space_after,
    )


@cache
def cell_style(head: bool = False, indent: float = 0) -> ParagraphStyle:
    return ParagraphStyle(
        f"rich-cell-{head}-{indent:.1f}",
        parent=decree30.styles()["body"],
        fontName=fonts.BOLD if head else fonts.REGULAR,
        fontSize=CELL_SIZE,
        leading=CELL_LEADING,
        alignment=TA_CENTER if head else TA_LEFT,
        firstLineIndent=indent,
        spaceAfter=2,
    )


@cache
def title_style(keep_with_next: bool = True) -> ParagraphStyle:
    """A section's own heading: bold, flush left, kept with what follows it."""
    return ParagraphStyle(
        "rich-title",
        parent=body_style(),
        fontName=fonts.BOLD,
        alignment=TA_JUSTIFY,
        keepWithNext=int(keep_with_next),
        spaceBefore=2,
    )


def markup(value: str) -> str:
    """Plain text made safe for a reportlab Paragraph."""
    return escape(CONTROL.sub("", value)).replace("\n", "<br/>")


def _wrap(fmt: int, text: str) -> str:
    if fmt & UNDERLINE:
        text = f"<u>{text}</u>"
    if fmt & ITALIC:
        text = f"<i>{text}</i>"
    if fmt & BOLD:
        text = f"<b>{text}</b>"
    return text


# --- flowing content ------------------------------------------------------------------


@dataclass
class _Scope:
    """One place text flows into: the page, a list item or a table cell."""

    out: list[Flowable]
    width: float
    cell: bool = False
    depth: int = 0  # list nesting
    ordered: int = 0  # of which ordered lists
    bullet: str = ""  # label waiting for the scope's next paragraph
    lead: str = ""  # markup waiting to open the scope's next paragraph (an inline title)
    runs: list[tuple[int, str]] = field(default_factory=list)
    # The last paragraph made here (index in out, markup, style), for a tail to join it.
    last: tuple[int, str, ParagraphStyle] | None = None

    def child(self, **changes) -> "_Scope":
        values = {
            "out": self.out,
            "width": self.width,
            "cell": self.cell,
            "depth": self.depth,
            "ordered": self.ordered,
        }
        return _Scope(**(values | changes))

    def style(self) -> ParagraphStyle:
        indent = LIST_STEP * max(self.depth - 1, 0)
        if self.cell:
            return cell_style(False, indent)
        return body_style(FIRST_LINE_INDENT + indent, LIST_GAP if self.depth else PARAGRAPH_GAP)

    def paragraph(self, text_markup: str) -> None:
        style = self.style()
        self.last = (len(self.out), text_markup, style)
        self.out.append(Paragraph(text_markup, style))

    def flush(self) -> None:
        runs, self.runs = self.runs, []
        if not any(text.strip() for _, text in runs if text != BR):
            return
        merged: list[str] = []
        fmt_open, chunk = -1, []
        for fmt, text in runs:
            if text == BR:
                if chunk:
                    merged.append(_wrap(fmt_open, escape("".join(chunk))))
                    chunk = []
                merged.append("<br/>")
                continue
            if fmt != fmt_open and chunk:
                merged.append(_wrap(fmt_open, escape("".join(chunk))))
                chunk = []
            fmt_open = fmt
            chunk.append(text)
        if chunk:
            merged.append(_wrap(fmt_open, escape("".join(chunk))))
        text_markup = "".join(merged).strip()
        # Leading and trailing breaks only add empty lines.
        text_markup = re.sub(r"^(?:<br/>\s*)+|(?:\s*<br/>)+$", "", text_markup)
        prefix = ""
        if self.lead:
            prefix, self.lead = self.lead, ""
        if self.bullet:
            prefix, self.bullet = f"{prefix}{escape(self.bullet)} ", ""
        self.paragraph(prefix + text_markup)

    def before_block(self) -> None:
        """A list or a table starts: end the paragraph; a waiting title gets its own line."""
        self.flush()
        if self.lead:
            self.paragraph(self.lead.rstrip())
            self.lead = ""


def flowables(
    html: str,
    *,
    width: float = decree30.TEXT_WIDTH,
    lead: str = "",
    tail: str = "",
) -> list[Flowable]:
    """The flowables of one piece of rich text.

    `lead` is markup put at the start of the first paragraph ("<b>Thời gian:</b> "),
    `tail` plain text put at the end of the last one (" ./."), each on a line of its own
    when the text does not start or end with a paragraph."""
    return tree_flowables(parse(html), width=width, lead=lead, tail=tail)


def tree_flowables(
    root: Node, *, width: float = decree30.TEXT_WIDTH, lead: str = "", tail: str = ""
) -> list[Flowable]:
    scope = _Scope(out=[], width=width, lead=lead)
    _walk_children(root, scope, 0)
    scope.before_block()
    if tail:
        if scope.last is not None and scope.last[0] == len(scope.out) - 1:
            index, text_markup, style = scope.last
            scope.out[index] = Paragraph(text_markup + markup(tail), style)
        else:
            scope.paragraph(markup(tail.strip()))
    return scope.out


def _walk_children(node: Node, scope: _Scope, fmt: int) -> None:
    for child in node.children:
        _walk(child, scope, fmt)


def _walk(node: Node | str, scope: _Scope, fmt: int) -> None:
    if isinstance(node, str):
        scope.runs.append((fmt, node))
        return
    tag = node.tag
    if tag in INLINE:
        _walk_children(node, scope, fmt | INLINE[tag])
    elif tag in ("ul", "ol"):
        scope.before_block()
        _list(node, scope, fmt)
    elif tag == "li":  # outside any list: a bullet item
        scope.before_block()
        _list(Node("ul", [node]), scope, fmt)
    elif tag in ("table", "thead", "tbody", "tr"):
        scope.before_block()
        _table(node if tag == "table" else Node("table", [node]), scope, fmt)
    elif tag in ("td", "th"):  # a cell outside any table reads as a paragraph
        scope.flush()
        _walk_children(node, scope, fmt | (BOLD if tag == "th" else 0))
        scope.flush()
    else:  # p, and any tag outside the subset: its text stays
        scope.flush()
        _walk_children(node, scope, fmt)
        scope.flush()


def _list(node: Node, scope: _Scope, fmt: int) -> None:
    depth = scope.depth + 1
    ordered = scope.ordered + (node.tag == "ol")
    # Numbers count levels of numbered lists ("1." then "a)"); bullets the levels of all.
    level = ordered if node.tag == "ol" else depth - scope.ordered
    number = 0
    loose = scope.child(depth=depth, ordered=ordered)  # text in the list outside any <li>
    for child in node.children:
        if isinstance(child, Node) and child.tag == "li":
            loose.flush()
            number += 1
            label = _label(node.tag, level, number)
            item = scope.child(depth=depth, ordered=ordered, bullet=label)
            _walk_children(child, item, fmt)
            item.flush()
        else:
            _walk(child, loose, fmt)
    loose.flush()


def _label(kind: str, level: int, number: int) -> str:
    if kind == "ul":
        return "-" if level == 1 else "+" if level == 2 else "•"
    if level % 2 == 0 and number <= 26:
        return f"{chr(ord('a') + number - 1)})"
    return f"{number}."


# --- tables ---------------------------------------------------------------------------


@dataclass
class _Cell:
    head: bool
    text: str  # the words, one line
    node: Node | None = None  # None: plain text, no formatting or blocks
    width: float = 0.0  # of `text` on one line


def _table(node: Node, scope: _Scope, fmt: int) -> None:
    rows: list[list[_Cell]] = []
    head_rows: list[bool] = []
    stray: list[Node | str] = []

    def add_cell(row: list[_Cell], cell: Node, in_head: bool) -> None:
        head = in_head or cell.tag == "th"
        # Formatting around the whole table (<em><table>…) needs the cells to be paragraphs.
        rich = fmt != 0 or any(isinstance(part, Node) or part == BR for part in cell.children)
        row.append(_Cell(head, plain_text(cell), cell if rich else None))

    def collect(parent: Node, in_head: bool) -> None:
        implicit: list[_Cell] | None = None
        for child in parent.children:
            if isinstance(child, str):
                if child.strip():
                    stray.append(child)
                continue
            if child.tag in ("thead", "tbody"):
                implicit = None
                collect(child, child.tag == "thead")
            elif child.tag == "tr":
                implicit = None
                row: list[_Cell] = []
                for cell in child.children:
                    if isinstance(cell, Node) and cell.tag in ("td", "th"):
                        add_cell(row, cell, in_head)
                    elif isinstance(cell, Node) or cell.strip():
                        stray.append(cell)
                if row:
                    rows.append(row)
                    head_rows.append(in_head or all(c.head for c in row))
            elif child.tag in ("td", "th"):
                if implicit is None:
                    implicit = []
                    rows.append(implicit)
                    head_rows.append(in_head)
                add_cell(implicit, child, in_head)
                head_rows[-1] = head_rows[-1] or all(c.head for c in implicit)
            else:
                stray.append(child)

    collect(node, False)
    # Text that sat in the table outside any cell goes before it, as browsers show it.
    for part in stray:
        _walk(part, scope, fmt)
    scope.flush()
    if not rows:
        return
    header = 0
    while header < len(rows) and head_rows[header]:
        header += 1
    scope.out.append(_build_table(rows, scope.width, header, fmt))
    scope.last = None


def grid_table(
    rows: list[list[str]],
    *,
    width: float = decree30.TEXT_WIDTH,
    header_rows: int = 1,
    widths: list[float] | None = None,
) -> Flowable:
    """A ruled table of plain strings (long ones wrap), the header repeated on every page."""
    cells = [[_Cell(i < header_rows, text) for text in row] for i, row in enumerate(rows)]
    return _build_table(cells, width, header_rows, 0, widths)


def _build_table(
    rows: list[list[_Cell]],
    width: float,
    header: int,
    fmt: int,
    widths: list[float] | None = None,
) -> Flowable:
    columns = max(len(row) for row in rows)
    for row in rows:
        row.extend(_Cell(False, "") for _ in range(columns - len(row)))
    measure = measurer()
    for row in rows:
        for cell in row:
            cell.width = measure(cell.text, cell.head)
    if widths is None:
        widths = _column_widths(rows, columns, width)
    numeric = _numeric_columns(rows, header, columns)
    if all(cell.node is None for row in rows for cell in row):
        return PlainTable.of(rows, widths, header, numeric, measure)
    return _rich_table(rows, widths, header, numeric, fmt)


def _numeric_columns(rows: list[list[_Cell]], header: int, columns: int) -> list[bool]:
    """Columns whose body holds only numbers (counts, percentages): set flush right."""
    numeric = [len(rows) > header] * columns
    for row in rows[header:]:
        for c, cell in enumerate(row):
            if numeric[c] and cell.text and (cell.node is not None or not NUMERIC.match(cell.text)):
                numeric[c] = False
    return numeric


def _rich_table(
    rows: list[list[_Cell]], widths: list[float], header: int, numeric: list[bool], fmt: int
) -> Table:
    """reportlab's Table, for cells holding formatting, lists or tables of their own."""
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, CELL_SIZE, CELL_LEADING),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_BOTTOM),
    ]
    if header:
        commands += [
            ("FONT", (0, 0), (-1, header - 1), fonts.BOLD, CELL_SIZE, CELL_LEADING),
            ("BACKGROUND", (0, 0), (-1, header - 1), HEAD_FILL),
            ("ALIGN", (0, 0), (-1, header - 1), "CENTER"),
        ]
    commands += [
        ("ALIGN", (c, header), (c, -1), "RIGHT") for c, is_number in enumerate(numeric) if is_number
    ]
    data: list[list] = []
    for r, row in enumerate(rows):
        line: list = []
        for c, cell in enumerate(row):
            room = widths[c] - 2 * CELL_PAD_X
            if cell.node is not None:
                inner = _Scope(out=[], width=room, cell=True)
                _walk_children(cell.node, inner, fmt | (BOLD if cell.head else 0))
                inner.before_block()
                line.append(inner.out[0] if len(inner.out) == 1 else inner.out or "")
            elif cell.width <= room:
                line.append(cell.text)
                if cell.head and r >= header:
                    commands.append(("FONT", (c, r), (c, r), fonts.BOLD, CELL_SIZE))
            else:
                line.append(Paragraph(markup(cell.text), cell_style(cell.head)))
        data.append(line)
    table = Table(
        data,
        colWidths=widths,
        repeatRows=min(header, len(rows) - 1),
        splitInRow=1,  # a cell taller than a page must still break somewhere
        hAlign="LEFT",
        spaceBefore=3,
        spaceAfter=8,
    )
    table.setStyle(TableStyle(commands))
    return table


def _column_widths(rows: list[list[_Cell]], columns: int, width: float) -> list[float]:
    """Each column as wide as its longest line when all fit, stretched to the full width;
    otherwise the narrow columns keep their width and the wide ones share what is left."""
    pad = 2 * CELL_PAD_X + 1
    natural = [pad + 12.0] * columns
    for row in rows:
        for c, cell in enumerate(row):
            if cell.width + pad > natural[c]:
                natural[c] = cell.width + pad
    total = sum(natural)
    if total <= width:
        return [w * width / total for w in natural]
    widths = [0.0] * columns
    open_columns = set(range(columns))
    remaining = width
    while open_columns:
        share = remaining / len(open_columns)
        narrow = [c for c in open_columns if natural[c] <= share]
        if not narrow:
            for c in open_columns:
                widths[c] = share
            break
        for c in narrow:
            widths[c] = natural[c]
            remaining -= natural[c]
            open_columns.discard(c)
    return widths
