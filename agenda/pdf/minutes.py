"""The minutes (biên bản) as a PDF: Decree 30/2020/NĐ-CP, Appendix III, form 1.9.

The header (parent agency and agency, national name and motto, "Số: …", place and date),
BIÊN BẢN and the subject, the sections in the order the content gives them, "./.",
the signatures (secretary left, chair right) and "Nơi nhận". The page painter (footer.py)
numbers pages from the second and prints the verification code and its QR code on every
page, or stamps a draft. No form fields: the signing step adds its own.
"""

import re
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

from django.utils import translation
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from agenda.pdf import footer, html_tree, rich
from agenda.pdf.plain_table import PlainTable
from meetings.pdf import decree30, fonts
from meetings.vietnamese_dates import document_date

DOCUMENT_TITLE = "Biên bản"
END_MARK = "./."
# The section that introduces the items ("Nội dung"): a heading even with no text of its own.
INTRO_KEY = "content-intro"
# Left and right signature, as content["signers"] names them.
SIGNER_ROLES = ("secretary", "chair")
NUMBERED = re.compile(r"^(\d+|[IVXLC]+|[a-zđ])[.)]\s")
# The last paragraphs that go to the next page with the signatures rather than leave them alone.
KEEP_WITH_SIGNATURES = 2


def minutes_pdf(content: dict, *, verification_code: str | None, verify_url: str | None) -> bytes:
    """The minutes of MinutesVersion.content; no code means a draft (stamped, no QR)."""
    with translation.override("vi"):
        header = content.get("header") or {}
        subject = str(header.get("subject") or "")
        agency = str(header.get("agency") or "")
        story: list[Flowable] = [
            header_block(
                parent=str(header.get("parent_agency") or ""),
                agency=agency,
                number_markup=f"Số: {escape(str(header.get('number') or ''))}",
                place=str(header.get("place") or ""),
                day=_iso_date(header.get("date")),
            ),
            *decree30.document_title(DOCUMENT_TITLE, subject),
        ]
        body = _sections(content.get("sections") or [])
        signers = content.get("signers") or {}
        ending = [
            Spacer(1, 4 * mm),
            *signature_row(*(_signer(signers.get(role)) for role in SIGNER_ROLES)),
            Spacer(1, 6 * mm),
            *decree30.recipients_block(recipient_lines(content.get("recipients") or [])),
        ]
        story += keep_ending(body, ending)
        return decree30.build_pdf(
            story,
            title=f"{DOCUMENT_TITLE}: {subject}" if subject else DOCUMENT_TITLE,
            author=agency,
            on_page=footer.page_painter(
                verification_code=verification_code,
                verify_url=verify_url,
                draft=verification_code is None,
            ),
        )


def header_block(
    *, parent: str, agency: str, number_markup: str, place: str, day: date | None
) -> Table:
    when = document_date(day) if day else "ngày … tháng … năm …"
    return decree30.header_table(
        parent=balanced(parent.upper(), fonts.REGULAR),
        agency=balanced(agency.upper(), fonts.BOLD),
        number_markup=number_markup,
        place_date=f"{place}, {when}" if place else when[0].upper() + when[1:],
    )


def balanced(name: str, font: str, size: float = 12) -> str:
    """An agency name too long for its column, broken where the two lines are most even
    ("ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN", not "ỦY BAN NHÂN DÂN TỈNH LẠNG / SƠN")."""
    fonts.register_fonts()
    room = decree30.AGENCY_COLUMN - 2
    words = name.split()
    if stringWidth(name, font, size) <= room or len(words) < 2:
        return name
    options = []
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        widths = stringWidth(first, font, size), stringWidth(second, font, size)
        if max(widths) <= room:
            options.append((abs(widths[0] - widths[1]), f"{first}\n{second}"))
    return min(options)[1] if options else name


def signature_row(left: tuple[str, str] | None, right: tuple[str, str] | None) -> list[Flowable]:
    """Two signature blocks side by side: a title in bold capitals, room to sign, the name."""
    if left is None and right is None:
        return []

    def block(signer: tuple[str, str] | None) -> list[Flowable]:
        return decree30.signature_block([signer[0]], signer[1]) if signer else []

    return [decree30.side_by_side(block(left), block(right), left_share=0.5)]


def recipient_lines(items: Sequence[str]) -> list[str]:
    """ "item;" for each, "item." for the last (the archive copy), whatever came in."""
    cleaned = [str(item).strip().lstrip("-–").strip().rstrip(";.,").strip() for item in items]
    cleaned = [item for item in cleaned if item]
    return [f"{item}{'.' if i == len(cleaned) - 1 else ';'}" for i, item in enumerate(cleaned)]


def keep_ending(body: list[Flowable], ending: list[Flowable]) -> list[Flowable]:
    """The signatures never start a page alone: the last few flowables go with them
    (never a table: a long one would push the whole group to a new page)."""
    cut = max(len(body) - KEEP_WITH_SIGNATURES, 0)
    for index in range(len(body) - 1, cut - 1, -1):
        if isinstance(body[index], Table | PlainTable):
            cut = index + 1
            break
    return [*body[:cut], KeepTogether([*body[cut:], *ending])]


def _signer(value: object) -> tuple[str, str] | None:
    if not isinstance(value, dict):
        return None
    title, name = str(value.get("title") or "").strip(), str(value.get("name") or "").strip()
    return (title, name) if title or name else None


def _iso_date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def _sections(sections: Sequence[dict]) -> list[Flowable]:
    parsed = []
    for section in sections:
        if isinstance(section, dict):
            tree = html_tree.parse(str(section.get("html") or ""))
            parsed.append((section, tree, html_tree.has_content(tree)))
    printed = [i for i, (_, _, filled) in enumerate(parsed) if filled]
    last = printed[-1] if printed else -1
    flow: list[Flowable] = []
    for index, (section, tree, filled) in enumerate(parsed):
        title = str(section.get("title") or "").strip()
        if not filled:
            # The intro heading stays when an item follows it; any other empty section goes.
            if section.get("key") == INTRO_KEY and title and index < last:
                flow.append(Paragraph(rich.markup(_heading(title)), rich.title_style()))
            continue
        tail = _end_mark(tree) if index == last else ""
        if section.get("layout") == "inline":
            lead = f"<b>{rich.markup(_label(title))}</b> " if title else ""
            flow += rich.tree_flowables(tree, lead=lead, tail=tail)
        else:
            if title:
                flow.append(Paragraph(rich.markup(_heading(title)), rich.title_style()))
            flow += rich.tree_flowables(tree, tail=tail)
    return flow


def _end_mark(tree: html_tree.Node) -> str:
    """ "./." closes the text: "…năm 2026./." (its full stop shared), never twice."""
    words = html_tree.plain_text(tree)
    if words.endswith("/."):
        return ""
    return "/." if words.endswith(".") else END_MARK


def _label(title: str) -> str:
    """An inline title: "Thời gian bắt đầu:"."""
    return title if title.endswith(":") else f"{title}:"


def _heading(title: str) -> str:
    """A block title: numbered ones ("1. Báo cáo …") as they are, others with a colon."""
    if NUMBERED.match(title) or title.endswith((":", ".", "?", "!")):
        return title
    return f"{title}:"
