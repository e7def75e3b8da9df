"""The meeting booklet (tài liệu họp): one PDF per meeting, as one reader may see it.

A cover (host unit, title, time, chair, the main and the invited bridge points, and a
QR code that opens the meeting page), the agenda with planned times and presenters,
and the list of documents with each version's page count and SHA-256, so that a
printed copy can be checked against the files. The full pack appends the latest PDF
version of every document after it (pypdf); confidential ones are stamped with the
reader's watermark first. Only documents the reader may read are listed or appended.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

import qrcode
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, PageBreak, Paragraph, Spacer, Table, TableStyle

from agenda import selectors
from agenda.downloads import watermarked
from agenda.models import AgendaItem, Document, DocumentVersion
from agenda.services.receipts import receipt_mark
from agenda.timing import AgendaTiming, agenda_timing
from agenda.upload_rules import PDF, kind_for_content_type
from meetings.calendar_ics import meeting_url
from meetings.models import BridgePoint, Meeting, User
from meetings.pdf import decree30, fonts
from meetings.pdf.decree30 import text
from meetings.vietnamese_dates import date_time_short, local, time_span

QR_SIZE = 34 * mm
GRID = colors.HexColor("#8a8a8a")
HEADER_FILL = colors.HexColor("#e8e8e8")
CONFIDENTIAL_RED = "#b00000"
# Appending the documents moves page numbers only if the annex table grows a page;
# a few passes always settle it (the numbers' widths barely change).
MAX_LAYOUT_PASSES = 4


@dataclass
class Appendix:
    """One document as the full pack treats it: merged from `first_page`, or a note why not."""

    document: Document
    version: DocumentVersion | None
    reader: PdfReader | None = None
    note: str = ""
    first_page: int = 0

    @property
    def page_count(self) -> int:
        return len(self.reader.pages) if self.reader is not None else 0


@dataclass(frozen=True)
class _Contents:
    """What one reader's booklet shows, read once however many times it is laid out."""

    meeting: Meeting
    items: list[AgendaItem]
    documents: list[Document]

    @classmethod
    def of(cls, user: User, meeting: Meeting) -> "_Contents":
        return cls(
            meeting,
            list(selectors.agenda_items(meeting)),
            list(selectors.meeting_documents(user, meeting)),
        )


def booklet_filename(meeting: Meeting, *, full: bool) -> str:
    return f"{'bo-tai-lieu-hop' if full else 'tai-lieu-hop'}-{meeting.pk}.pdf"


def booklet_pdf(*, user: User, meeting: Meeting) -> bytes:
    """The booklet alone. `meeting` as meetings.selectors.meeting_get loads it."""
    return _render(_Contents.of(user, meeting), appendices=None)


@transaction.atomic
def full_pack_pdf(*, user: User, meeting: Meeting) -> bytes:
    """The booklet, then every document's latest PDF version, with a bookmark each.

    Handing over the documents counts as a download: each merged document gets the
    reader's "downloaded" receipt, as a download from its own page would.
    """
    contents = _Contents.of(user, meeting)
    appendices = [_appendix(user, document) for document in contents.documents]
    booklet = _settled_booklet(contents, appendices)
    writer = PdfWriter()
    writer.append(booklet)
    for appendix in appendices:
        if appendix.reader is not None:
            writer.append(appendix.reader, outline_item=appendix.document.title)
            receipt_mark(user=user, document=appendix.document, event="downloaded")
    writer.add_metadata({"/Title": _("Bộ tài liệu họp: %(title)s") % {"title": meeting.title}})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _appendix(user: User, document: Document) -> Appendix:
    # meeting_documents prefetches the versions newest first.
    version = next(iter(document.versions.all()), None)
    if version is None:
        return Appendix(document, None, note=_("chưa có tệp"))
    kind = kind_for_content_type(version.content_type)
    if kind is not PDF:
        label = kind.label if kind is not None else version.content_type
        note = _("không gộp được (định dạng %(kind)s)") % {"kind": label}
        return Appendix(document, version, note=note)
    try:
        if document.is_confidential:
            content = watermarked(version, user)
        else:
            with version.file.open("rb") as stored:
                content = stored.read()
        return Appendix(document, version, reader=PdfReader(io.BytesIO(content)))
    except (OSError, PyPdfError):
        # Upload checks make this rare (a file lost from storage, say); the pack still builds.
        return Appendix(document, version, note=_("không gộp được (không đọc được tệp)"))


def _settled_booklet(contents: _Contents, appendices: list[Appendix]) -> PdfReader:
    """Lay the booklet out until the first pages it prints for the documents are true."""
    booklet = PdfReader(io.BytesIO(_render(contents, appendices)))
    for _pass in range(MAX_LAYOUT_PASSES):
        next_page = len(booklet.pages) + 1
        changed = False
        for appendix in appendices:
            if appendix.reader is not None:
                changed |= appendix.first_page != next_page
                appendix.first_page = next_page
                next_page += appendix.page_count
        if not changed:
            break
        booklet = PdfReader(io.BytesIO(_render(contents, appendices)))
    return booklet


def _render(contents: _Contents, appendices: list[Appendix] | None) -> bytes:
    meeting, documents = contents.meeting, contents.documents
    numbers = {document.pk: n for n, document in enumerate(documents, start=1)}
    story: list[Flowable] = [
        *_cover(meeting),
        PageBreak(),
        *_agenda(meeting, contents.items, documents, numbers),
        *_document_list(documents),
    ]
    if appendices is not None:
        story += _annex(appendices)
    return decree30.build_pdf(
        story,
        title=_("Tài liệu họp: %(title)s") % {"title": meeting.title},
        author=meeting.host_unit.name,
        stamp=_("ĐÃ HỦY") if meeting.status == Meeting.Status.CANCELLED else "",
    )


# --- Styles and small blocks -----------------------------------------------------


@cache
def _styles() -> dict[str, ParagraphStyle]:
    base = decree30.styles()

    def variant(name: str, parent: str = "body", **changes) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base[parent], **changes)

    left = {"alignment": TA_LEFT, "spaceAfter": 0}
    return {
        **base,
        "cover_title": variant(
            "cover_title", fontName=fonts.BOLD, fontSize=22, leading=28, alignment=TA_CENTER
        ),
        "cover_subject": variant(
            "cover_subject",
            fontName=fonts.BOLD,
            fontSize=16,
            leading=21,
            alignment=TA_CENTER,
            spaceAfter=2,
        ),
        "heading": variant(
            "heading", fontName=fonts.BOLD, fontSize=14, leading=18, spaceBefore=4, spaceAfter=8
        ),
        "label": variant("label", fontName=fonts.BOLD, fontSize=12, leading=15, **left),
        "value": variant("value", fontSize=12, leading=15, **left),
        "cell": variant("cell", fontSize=10.5, leading=13, **left),
        "cell_head": variant(
            "cell_head", fontName=fonts.BOLD, fontSize=10.5, leading=13, alignment=TA_CENTER
        ),
        "cell_centered": variant("cell_centered", fontSize=10.5, leading=13, alignment=TA_CENTER),
        "cell_note": variant("cell_note", fontName=fonts.ITALIC, fontSize=9.5, leading=12, **left),
        "hash": variant("hash", fontSize=7.5, leading=9.5, **left),
        "caption": variant("caption", fontSize=9, leading=11, alignment=TA_CENTER),
        "total": variant(
            "total", fontSize=12, leading=15, spaceBefore=6, spaceAfter=10, alignment=TA_LEFT
        ),
        "warning": variant(
            "warning", fontName=fonts.BOLD, fontSize=12, leading=15, textColor=CONFIDENTIAL_RED
        ),
    }


def _grid(rows: list[list], widths: Sequence[float], extra: Sequence[tuple] = ()) -> Table:
    """A ruled table with a shaded header row that repeats on every page it spans."""
    table = Table(rows, colWidths=list(widths), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                # Tables otherwise switch the canvas to Helvetica, a font never embedded.
                ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 10.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, 0), 0.4, GRID),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.4, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                *extra,
            ]
        )
    )
    return table


def _person(user: User | None) -> str:
    if user is None:
        return ""
    return f"{user.display_name}, {user.position}" if user.position else user.display_name


def _room(room: BridgePoint) -> str:
    return f"{room.name} — {room.unit.name}"


def _qr_image(url: str) -> Image:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(url)
    code.make(fit=True)
    png = io.BytesIO()
    code.make_image().save(png)
    png.seek(0)
    return Image(png, width=QR_SIZE, height=QR_SIZE)


def _sha256_lines(digest: str) -> str:
    # 64 hex digits do not fit a column: two lines of 32, broken at the same place always.
    return f"{digest[:32]}<br/>{digest[32:]}"


# --- Cover -----------------------------------------------------------------------


def _cover(meeting: Meeting) -> list[Flowable]:
    st = _styles()
    host = meeting.host_unit
    story: list[Flowable] = []
    if host.parent_id:
        story.append(Paragraph(text(host.parent.name.upper()), st["agency_parent"]))
    story += [
        Paragraph(text(host.name.upper()), st["agency"]),
        decree30.CenteredRule(30 * mm),
        Spacer(1, 16 * mm),
        Paragraph(text(_("TÀI LIỆU HỌP")), st["cover_title"]),
        Paragraph(text(meeting.title), st["cover_subject"]),
        Spacer(1, 10 * mm),
    ]
    details = [
        (_("Thời gian"), time_span(meeting.start, meeting.end)),
        (_("Hình thức"), meeting.get_kind_display()),
        (_("Chủ trì"), _person(meeting.chair)),
    ]
    if meeting.secretary_id:
        details.append((_("Thư ký"), _person(meeting.secretary)))
    details.append((_("Điểm cầu chính"), _room(meeting.main_bridge_point)))
    label_width, qr_width = 38 * mm, QR_SIZE + 6 * mm
    facts = decree30.layout_table(
        [
            [Paragraph(text(f"{label}:"), st["label"]), Paragraph(text(value), st["value"])]
            for label, value in details
        ],
        [label_width, decree30.TEXT_WIDTH - qr_width - label_width],
        bottom_padding=2 * mm,
    )
    url = meeting_url(meeting)
    qr = [
        _qr_image(url),
        Paragraph(text(_("Quét mã để mở trang cuộc họp")), st["caption"]),
    ]
    story.append(decree30.layout_table([[facts, qr]], [decree30.TEXT_WIDTH - qr_width, qr_width]))
    story += [Spacer(1, 2 * mm), Paragraph(text(url), st["caption"]), Spacer(1, 6 * mm)]
    rooms = [invitation.bridge_point for invitation in meeting.invitations.all()]
    story.append(
        Paragraph(
            text(_("Các điểm cầu thành phần (%(count)s):") % {"count": len(rooms)}), st["label"]
        )
    )
    story.append(Spacer(1, 1.5 * mm))
    if not rooms:
        story.append(Paragraph(text(_("Không mời điểm cầu thành phần.")), st["value"]))
    story += [
        Paragraph(text(f"{n}. {_room(room)}"), st["value"]) for n, room in enumerate(rooms, 1)
    ]
    return story


# --- The agenda ------------------------------------------------------------------


def _agenda(
    meeting: Meeting,
    items: Sequence[AgendaItem],
    documents: Sequence[Document],
    numbers: dict[int, int],
) -> list[Flowable]:
    st = _styles()
    story: list[Flowable] = [Paragraph(text(_("I. CHƯƠNG TRÌNH HỌP")), st["heading"])]
    if not items:
        return [*story, Paragraph(text(_("Chưa có chương trình.")), st["value"]), Spacer(1, 8 * mm)]
    attached: dict[int, list[int]] = {}
    for document in documents:
        if document.agenda_item_id is not None:
            attached.setdefault(document.agenda_item_id, []).append(numbers[document.pk])
    rows: list[list] = [
        [
            Paragraph(text(h), st["cell_head"])
            for h in (_("STT"), _("Thời gian"), _("Nội dung"), _("Trình bày"))
        ]
    ]
    timing = agenda_timing(meeting.start, meeting.end, [item.planned_minutes for item in items])
    for n, (item, begin) in enumerate(zip(items, timing.starts, strict=True), start=1):
        end = begin + timedelta(minutes=item.planned_minutes)
        about = _("%(kind)s · %(minutes)s phút") % {
            "kind": item.get_kind_display(),
            "minutes": item.planned_minutes,
        }
        content = [
            Paragraph(f"<b>{text(item.title)}</b>", st["cell"]),
            Paragraph(text(about), st["cell_note"]),
        ]
        if item.pk in attached:
            listed = ", ".join(str(number) for number in attached[item.pk])
            listed = _("Tài liệu số: %(numbers)s") % {"numbers": listed}
            content.append(Paragraph(text(listed), st["cell_note"]))
        rows.append(
            [
                Paragraph(str(n), st["cell_centered"]),
                Paragraph(f"{local(begin):%H:%M} – {local(end):%H:%M}", st["cell_centered"]),
                content,
                Paragraph(text(item.presenter_name), st["cell"]),
            ]
        )
    ruled = [("LINEABOVE", (0, r), (-1, r), 0.4, GRID) for r in range(2, len(rows))]
    story.append(_grid(rows, [11 * mm, 27 * mm, 82 * mm, 45 * mm], ruled))
    story += _total(timing)
    return story


def _total(timing: AgendaTiming) -> list[Flowable]:
    st = _styles()
    story: list[Flowable] = [
        Paragraph(
            text(
                _("Tổng thời lượng dự kiến: %(planned)s phút; thời gian cuộc họp: %(slot)s phút.")
                % {"planned": timing.planned_minutes, "slot": timing.slot_minutes}
            ),
            st["total"],
        )
    ]
    if timing.overruns:
        story.append(
            Paragraph(
                text(
                    _("Chương trình vượt thời gian cuộc họp %(over)s phút.")
                    % {"over": timing.overrun_minutes}
                ),
                st["warning"],
            )
        )
    return story


# --- The documents ---------------------------------------------------------------


def _document_list(documents: Sequence[Document]) -> list[Flowable]:
    st = _styles()
    story: list[Flowable] = [
        Spacer(1, 4 * mm),
        Paragraph(text(_("II. DANH MỤC TÀI LIỆU")), st["heading"]),
    ]
    if not documents:
        return [*story, Paragraph(text(_("Chưa có tài liệu.")), st["value"])]
    rows: list[list] = [
        [
            Paragraph(text(h), st["cell_head"])
            for h in (_("STT"), _("Tài liệu"), _("Phiên bản"), _("Số trang"), "SHA-256")
        ]
    ]
    # A rule above each document; its versions share the document's cells.
    ruled: list[tuple] = []
    for n, document in enumerate(documents, start=1):
        ruled.append(("LINEABOVE", (0, len(rows)), (-1, len(rows)), 0.4, GRID))
        versions = list(document.versions.all()) or [None]
        for index, version in enumerate(versions):
            first = index == 0
            rows.append(
                [
                    Paragraph(str(n), st["cell_centered"]) if first else "",
                    _document_cell(document) if first else "",
                    _version_cell(version, current=first),
                    Paragraph(
                        str(version.page_count)
                        if version is not None and version.page_count
                        else "—",
                        st["cell_centered"],
                    ),
                    Paragraph(_sha256_lines(version.sha256) if version else "", st["hash"]),
                ]
            )
    story.append(_grid(rows, [11 * mm, 47 * mm, 36 * mm, 14 * mm, 57 * mm], ruled[1:]))
    return story


def _document_cell(document: Document) -> list[Flowable]:
    st = _styles()
    cell: list[Flowable] = [Paragraph(f"<b>{text(document.title)}</b>", st["cell"])]
    if document.is_confidential:
        label = _("TÀI LIỆU MẬT")
        marker = f'<font color="{CONFIDENTIAL_RED}"><b>{text(label)}</b></font>'
        cell.append(Paragraph(marker, st["cell"]))
    if document.agenda_item is not None:
        cell.append(
            Paragraph(
                text(
                    _("Mục %(position)s: %(title)s")
                    % {
                        "position": document.agenda_item.position,
                        "title": document.agenda_item.title,
                    }
                ),
                st["cell_note"],
            )
        )
    return cell


def _version_cell(version: DocumentVersion | None, *, current: bool) -> list[Flowable]:
    st = _styles()
    if version is None:
        return [Paragraph(text(_("Chưa có tệp")), st["cell_note"])]
    state = _("hiện hành") if current else _("đã thay thế")
    return [
        Paragraph(f"<b>v{version.number}</b> ({text(state)})", st["cell"]),
        Paragraph(text(date_time_short(version.uploaded_at)), st["cell_note"]),
        Paragraph(
            text(f"{version.original_name} · {filesizeformat(version.size)}"), st["cell_note"]
        ),
    ]


def _annex(appendices: Sequence[Appendix]) -> list[Flowable]:
    st = _styles()
    rows: list[list] = [
        [Paragraph(text(h), st["cell_head"]) for h in (_("STT"), _("Tài liệu"), _("Trong bộ này"))]
    ]
    for n, appendix in enumerate(appendices, start=1):
        if appendix.reader is not None:
            last = appendix.first_page + appendix.page_count - 1
            if last == appendix.first_page:
                where = _("trang %(page)s") % {"page": last}
            else:
                where = _("trang %(first)s–%(last)s") % {"first": appendix.first_page, "last": last}
        else:
            where = appendix.note
        rows.append(
            [
                Paragraph(str(n), st["cell_centered"]),
                Paragraph(text(appendix.document.title), st["cell"]),
                Paragraph(text(where), st["cell"]),
            ]
        )
    ruled = [("LINEABOVE", (0, r), (-1, r), 0.4, GRID) for r in range(2, len(rows))]
    return [
        Spacer(1, 8 * mm),
        Paragraph(text(_("III. TÀI LIỆU GỘP KÈM THEO")), st["heading"]),
        _grid(rows, [11 * mm, 84 * mm, 70 * mm], ruled),
    ]
