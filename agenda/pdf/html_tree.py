"""The editor's sanitised rich text read into a tree, as browsers would read it.

Only a small subset comes in (agenda.richtext.clean_html), but any nesting of it is accepted:
a new <p>, <li>, <tr> or <td> closes the open one where a browser would, stray end tags are
ignored, and <br> becomes BR in the tree. Control characters are dropped on the way in.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

SKIPPED = {"script", "style", "head", "title"}
# For each tag, the open tags its start closes, and the tags that stop the search.
IMPLIED_END = {
    "p": ({"p"}, {"li", "td", "th", "tr", "table", "ul", "ol"}),
    "ul": ({"p"}, {"li", "td", "th", "tr", "table"}),
    "ol": ({"p"}, {"li", "td", "th", "tr", "table"}),
    "table": ({"p"}, {"li", "td", "th", "tr", "table"}),
    "li": ({"li"}, {"ul", "ol", "td", "th", "table"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"tr"}, {"table", "thead", "tbody"}),
    "thead": ({"thead", "tbody", "tr"}, {"table"}),
    "tbody": ({"thead", "tbody", "tr"}, {"table"}),
}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
SPACES = re.compile(r"\s+")
BARE_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\s*(/?)>")
BARE_END = re.compile(r"</([a-zA-Z][a-zA-Z0-9]*)\s*>")
BR = "\n"  # a <br> in the tree; text nodes never hold "\n" alone after parsing


@dataclass(eq=False)
class Node:
    tag: str
    children: list["Node | str"] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]
        self.skipping = 0

    # Sanitised input is almost all bare tags ("<td>", "</td>"): read those directly, and
    # leave anything else (attributes, comments, script) to the standard parser.
    def parse_starttag(self, i: int) -> int:
        match = BARE_START.match(self.rawdata, i)
        if match is None or self.cdata_elem is not None:
            return super().parse_starttag(i)
        tag = self.lasttag = match.group(1).lower()
        if tag in self.CDATA_CONTENT_ELEMENTS:
            return super().parse_starttag(i)
        if match.group(2):
            self.handle_startendtag(tag, [])
        else:
            self.handle_starttag(tag, [])
        return match.end()

    def parse_endtag(self, i: int) -> int:
        match = BARE_END.match(self.rawdata, i)
        if match is None or self.cdata_elem is not None:
            return super().parse_endtag(i)
        self.handle_endtag(match.group(1).lower())
        return match.end()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag == "br":
            self.stack[-1].children.append(BR)
        else:
            self._close_implied(tag)
            node = Node(tag)
            self.stack[-1].children.append(node)
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag == "br":
            self.handle_starttag(tag, attrs)
        elif tag not in SKIPPED and not self.skipping:
            self._close_implied(tag)
            self.stack[-1].children.append(Node(tag))

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping:
            return
        if tag == "br":  # browsers read </br> as <br>
            self.stack[-1].children.append(BR)
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
        # A stray end tag closes nothing.

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            data = CONTROL.sub("", data).replace("\n", " ")
            if data:
                self.stack[-1].children.append(data)

    def _close_implied(self, tag: str) -> None:
        closes, stops = IMPLIED_END.get(tag, ((), ()))
        for depth in range(len(self.stack) - 1, 0, -1):
            open_tag = self.stack[depth].tag
            if open_tag in stops:
                return
            if open_tag in closes:
                del self.stack[depth:]
                return


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html or "")
    builder.close()
    return builder.root


def plain_text(node: Node | str) -> str:
    """The words of a tree, whitespace collapsed (breaks become spaces)."""
    return SPACES.sub(" ", "".join(_texts(node))).strip()


def _texts(node: Node | str) -> Iterator[str]:
    if isinstance(node, str):
        yield " " if node == BR else node
        return
    for child in node.children:
        yield from _texts(child)
        if isinstance(child, Node) and child.tag in ("p", "li", "td", "th", "tr"):
            yield " "


def has_content(node: Node) -> bool:
    return any(part.strip() for part in _texts(node))
