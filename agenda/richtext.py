"""The rich text of the minutes: one small, fixed subset of HTML, and its plain text.

Every section of a minutes version holds HTML made only of ALLOWED_TAGS, with no attribute
at all: the PDF turns exactly this subset into paragraphs, lists and tables, and pages show
it as it is. `clean_html` is the one gate (nh3, a binding of the ammonia sanitiser) for
what editors, the API and the draft builder write. Pure: no ORM.
"""

import re
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "u", "ul", "ol", "li", "table", "thead", "tbody", "tr"}
    | {"th", "td"}
)
# What browsers' editing commands write for the same thing (execCommand("bold") → <b>).
RENAMED_TAGS = {"b": "strong", "i": "em", "div": "p", "h1": "p", "h2": "p", "h3": "p"}
RENAMED_TAGS |= {"h4": "p", "h5": "p", "h6": "p", "blockquote": "p"}
BLOCK_TAGS = frozenset({"p", "ul", "ol", "table"})
INLINE_TAGS = frozenset({"strong", "em", "u", "br"})
VOID_TAGS = frozenset({"br"})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_CLEANER = nh3.Cleaner(tags=set(ALLOWED_TAGS), attributes={}, link_rel=None)


def _rename(match: re.Match[str]) -> str:
    closing, name = match.group(1), match.group(2).lower()
    new = RENAMED_TAGS.get(name)
    # Attributes go with the renamed tag; nh3 would drop them anyway.
    return f"<{closing}{new}>" if new else match.group(0)


class _Wrapper(HTMLParser):
    """Puts text and inline tags that stand at the top level into paragraphs, so every
    section is a sequence of blocks (what a contenteditable box often leaves out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.depth = 0
        self.open_paragraph = False

    def _inline_at_top(self) -> None:
        if self.depth == 0 and not self.open_paragraph:
            self.out.append("<p>")
            self.open_paragraph = True

    def _block_at_top(self) -> None:
        if self.depth == 0 and self.open_paragraph:
            self.out.append("</p>")
            self.open_paragraph = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in BLOCK_TAGS:
            self._block_at_top()
        else:
            self._inline_at_top()
        self.out.append(f"<{tag}>")
        if tag not in VOID_TAGS:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._inline_at_top()
        self.out.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        self.depth = max(self.depth - 1, 0)
        self.out.append(f"</{tag}>")

    def _text(self, text: str) -> None:
        if self.depth == 0 and not text.strip():
            return  # whitespace between blocks
        self._inline_at_top()
        self.out.append(text)

    def handle_data(self, data: str) -> None:
        self._text(data)

    def handle_entityref(self, name: str) -> None:
        self._text(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._text(f"&#{name};")

    def result(self) -> str:
        self.close()
        if self.open_paragraph:
            self.out.append("</p>")
        return "".join(self.out)


def _drop_empty_paragraphs(html: str) -> str:
    return re.sub(r"<p>(?:\s|<br>|&nbsp;)*</p>", "", html)


def clean_html(html: str) -> str:
    """The HTML with only the allowed tags and no attributes; scripts and styles dropped with
    their content, top-level text put in paragraphs, empty paragraphs removed."""
    renamed = _TAG.sub(_rename, html or "")
    cleaned = _CLEANER.clean(renamed)
    wrapper = _Wrapper()
    wrapper.feed(cleaned)
    return _drop_empty_paragraphs(wrapper.result()).strip()


class _TextWriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.lists: list[list[int]] = []  # one counter per open list; [-1] for bullets
        self.cells: list[str] | None = None
        self.cell: list[str] | None = None

    def _end_line(self) -> None:
        text = " ".join("".join(self.line).split())
        if text:
            self.lines.append(text)
        self.line = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("p", "table", "ul", "ol"):
            self._end_line()
        if tag == "ul":
            self.lists.append([-1])
        elif tag == "ol":
            self.lists.append([0])
        elif tag == "li":
            self._end_line()
            counter = self.lists[-1] if self.lists else [-1]
            if counter[0] >= 0:
                counter[0] += 1
                self.line.append(f"{counter[0]}. ")
            else:
                self.line.append("- ")
        elif tag == "tr":
            self._end_line()
            self.cells = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br":
            if self.cell is not None:
                self.cell.append(" ")
            else:
                self._end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.cells is not None:
            self.cells.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.cells is not None:
            self.line.append(" | ".join(self.cells))
            self.cells = None
            self._end_line()
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self._end_line()
        elif tag in ("p", "li", "table"):
            self._end_line()

    def handle_data(self, data: str) -> None:
        (self.cell if self.cell is not None else self.line).append(data)

    def text(self) -> str:
        self.close()
        self._end_line()
        return "\n".join(self.lines)


def html_to_text(html: str) -> str:
    """Plain text, a line per paragraph, list item ("- " or "1. ") and table row (cells
    joined by " | "): for search, comparisons of versions and e-mails."""
    writer = _TextWriter()
    writer.feed(html or "")
    return writer.text()
