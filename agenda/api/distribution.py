"""Distribution: publish the agenda, the read receipts, my notices, comments (góp ý),
and my personal notes.

Each view parses, calls one selector or service, and renders; refusals become JSON in
meetings.api.errors (403 for "not yours to do", 404 for "not yours to see").
"""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from agenda.models import Comment, PersonalNote
from agenda.selectors import document_get
from agenda.selectors_distribution import (
    Board,
    board_viewable_by,
    comment_places,
    distribution_board,
    document_comments,
    my_notes,
    my_notices,
)
from agenda.services.comments import comment_answer, comment_create
from agenda.services.distribution import agenda_publish
from agenda.services.notes import note_delete, note_save
from agenda.services.notices import notice_mark_read
from meetings import selectors as meeting_selectors
from meetings.api.schemas import (
    BridgePointRef,
    ErrorOut,
    LocalDateTime,
    PersonOut,
    ValidationErrorOut,
)
from meetings.services.errors import PermissionDenied

router = Router(tags=["distribution"])

READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


# --- Schemas ---------------------------------------------------------------------------


class PublicationOut(Schema):
    meeting_id: int
    published_at: LocalDateTime
    republished: bool = Field(description="The agenda had been published before.")
    recipients: int = Field(description="Invitees told by a notice (and e-mail, if they have one).")
    new_documents: int = Field(
        description="Documents added or given a new version since the last publish."
    )


class BoardDocumentOut(Schema):
    id: int
    title: str
    is_confidential: bool


class ReceiptOut(Schema):
    document_id: int = Field(alias="document.pk")
    readable: bool = Field(description="false: a confidential document not given to this person.")
    sent_at: LocalDateTime | None
    opened_at: LocalDateTime | None
    downloaded_at: LocalDateTime | None


class BoardPersonOut(Schema):
    user: PersonOut
    readable: int
    sent: int
    opened: int = Field(description="Documents opened or downloaded.")
    downloaded: int
    receipts: list[ReceiptOut] = Field(alias="cells")


class BoardRoomOut(Schema):
    bridge_point: BridgePointRef
    is_main: bool
    readable: int
    opened: int
    people: list[BoardPersonOut]


class BoardOut(Schema):
    meeting_id: int = Field(alias="meeting.pk")
    published_at: LocalDateTime | None = Field(alias="meeting.agenda_published_at")
    documents: list[BoardDocumentOut]
    rooms: list[BoardRoomOut] = Field(
        description="Grouped by the bridge point each person attends from; the main one first."
    )


class NoticeOut(Schema):
    id: int
    meeting_id: int | None
    text: str
    url: str
    created_at: LocalDateTime
    read_at: LocalDateTime | None


class CommentOut(Schema):
    id: int
    document_id: int
    version_number: int = Field(alias="version.number")
    author: PersonOut
    bridge_point: BridgePointRef | None = Field(
        description="Set when an operator wrote on behalf of the room."
    )
    place: str = Field("", description="The bridge point it speaks for, else its author's.")
    page: int | None
    text: str
    status: Comment.Status
    reply: str
    replied_by: PersonOut | None
    replied_at: LocalDateTime | None
    created_at: LocalDateTime


class CommentIn(Schema):
    text: str
    page: int | None = Field(None, description="1 … the latest version's page count.")
    bridge_point_id: int | None = Field(
        None, description="Operators: comment on behalf of a room you run in this meeting."
    )


class AnswerIn(Schema):
    status: Literal["accepted", "answered", "declined"] = Field(
        description="accepted: tiếp thu; answered: giải trình; declined: không tiếp thu."
    )
    reply: str = Field("", description="Required for answered and declined.")


class NoteOut(Schema):
    id: int
    meeting_id: int
    agenda_item_id: int | None
    document_id: int | None
    page: int | None
    text: str
    updated_at: LocalDateTime


class NoteIn(Schema):
    """A note's place (all null: the meeting as a whole) and its text; one note per place."""

    agenda_item_id: int | None = None
    document_id: int | None = None
    page: int | None = Field(None, description="A page of the document; needs document_id.")
    text: str


# --- Publish and receipts -------------------------------------------------------------


@router.post(
    "/meetings/{meeting_id}/agenda/publish", response={200: PublicationOut, **WRITE_ERRORS}
)
def publish_agenda(request: HttpRequest, meeting_id: int) -> dict:
    """Send the agenda to every invitee: a notice, an e-mail with links, "sent" receipts.

    Publishing again tells them only about documents added or changed since the last time.
    """
    publication = agenda_publish(actor=request.auth, meeting_id=meeting_id)
    return {
        "meeting_id": publication.meeting.pk,
        "published_at": publication.meeting.agenda_published_at,
        "republished": publication.republished,
        "recipients": publication.recipients,
        "new_documents": publication.new_documents,
    }


@router.get("/meetings/{meeting_id}/receipts", response={200: BoardOut, **READ_ERRORS})
def meeting_receipts(request: HttpRequest, meeting_id: int) -> Board:
    """Who was sent, opened and downloaded each document, per bridge point and person
    (the host's organizers, chair and secretary only)."""
    meeting = meeting_selectors.meeting_get(request.auth, meeting_id)
    if not board_viewable_by(request.auth, meeting):
        raise PermissionDenied
    return distribution_board(meeting)


# --- Notices --------------------------------------------------------------------------


@router.get("/notices", response={200: list[NoticeOut], 401: ErrorOut})
def list_notices(request: HttpRequest) -> list:
    """My latest notices, newest first."""
    return list(my_notices(request.auth))


@router.post("/notices/{notice_id}/read", response={200: NoticeOut, **WRITE_ERRORS})
def read_notice(request: HttpRequest, notice_id: int):
    return notice_mark_read(actor=request.auth, notice_id=notice_id)


# --- Comments -------------------------------------------------------------------------


def _with_places(comments: list[Comment]) -> list[Comment]:
    if comments:
        places = comment_places(comments[0].document.meeting, comments)
        for comment in comments:
            comment.place = places.get(comment.pk, "")
    return comments


@router.get("/documents/{document_id}/comments", response={200: list[CommentOut], **READ_ERRORS})
def list_comments(request: HttpRequest, document_id: int) -> list[Comment]:
    """The organizer gets every comment; anyone else their own (and their room's)."""
    document = document_get(request.auth, document_id)
    return _with_places(document_comments(request.auth, document))


@router.post("/documents/{document_id}/comments", response={201: CommentOut, **WRITE_ERRORS})
def create_comment(request: HttpRequest, document_id: int, payload: CommentIn) -> Status:
    """Comment on the latest version before the deadline set on the document."""
    comment = comment_create(
        actor=request.auth,
        document_id=document_id,
        text=payload.text,
        page=payload.page,
        bridge_point_id=payload.bridge_point_id,
    )
    return Status(201, _with_places([comment])[0])


@router.post("/comments/{comment_id}/answer", response={200: CommentOut, **WRITE_ERRORS})
def answer_comment(request: HttpRequest, comment_id: int, payload: AnswerIn) -> Comment:
    """The organizer's answer; the author gets a notice."""
    comment = comment_answer(
        actor=request.auth, comment_id=comment_id, status=payload.status, reply=payload.reply
    )
    return _with_places([comment])[0]


# --- Personal notes -------------------------------------------------------------------


@router.get("/meetings/{meeting_id}/notes", response={200: list[NoteOut], **READ_ERRORS})
def list_notes(request: HttpRequest, meeting_id: int) -> list[PersonalNote]:
    """Your own notes on the meeting; nobody else's, whoever asks."""
    meeting = meeting_selectors.meeting_get(request.auth, meeting_id)
    return list(my_notes(request.auth, meeting))


@router.put("/meetings/{meeting_id}/notes", response={200: NoteOut, **WRITE_ERRORS})
def save_note(request: HttpRequest, meeting_id: int, payload: NoteIn) -> PersonalNote:
    """Write the note at a place; a note already there is replaced."""
    return note_save(
        actor=request.auth,
        meeting_id=meeting_id,
        text=payload.text,
        agenda_item_id=payload.agenda_item_id,
        document_id=payload.document_id,
        page=payload.page,
    )


@router.delete("/meetings/{meeting_id}/notes/{note_id}", response={204: None, **WRITE_ERRORS})
def delete_note(request: HttpRequest, meeting_id: int, note_id: int) -> Status:
    note_delete(actor=request.auth, note_id=note_id, meeting_id=meeting_id)
    return Status(204, None)
