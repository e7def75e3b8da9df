"""Reads for distribution: notices, the read-receipt board, comments and personal notes.

The access rules stay those of agenda.selectors (documents) and meetings.selectors
(meetings); this module adds who sees which comment and whose notes are whose.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from agenda.models import Comment, Document, Notice, PersonalNote, Receipt
from agenda.selectors import agenda_manageable_by, readable_documents, reads_document
from meetings import selectors as meeting_selectors
from meetings.models import BridgePoint, Meeting, Membership, Participant, Role, User

NOTICES_SHOWN = 100


# --- Notices -------------------------------------------------------------------


def my_notices(user: User) -> QuerySet[Notice]:
    return Notice.objects.filter(user=user).select_related("meeting")[:NOTICES_SHOWN]


def unread_notice_count(user: User) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


# --- Who sits where --------------------------------------------------------------


def meeting_room_ids(meeting: Meeting) -> set[int]:
    """The main room and the invited ones (from the prefetch when meeting_get loaded it)."""
    return {meeting.main_bridge_point_id, *(i.bridge_point_id for i in meeting.invitations.all())}


def invitee_rooms(meeting: Meeting, user_ids: Iterable[int]) -> dict[int, int]:
    """The bridge point each person attends from (three queries, however many people).

    A delegate's own seat first, then the room an operator runs; everyone else (the
    chair, the secretary, the host's staff) sits at the main bridge point.
    """
    user_ids = list(user_ids)
    rooms = meeting_room_ids(meeting)
    seats = dict(
        Participant.objects.filter(
            meeting=meeting, user_id__in=user_ids, bridge_point__isnull=False
        ).values_list("user_id", "bridge_point_id")
    )
    operated: dict[int, int] = {}
    for user_id, room_id in (
        Membership.objects.filter(
            user_id__in=user_ids, role=Role.OPERATOR, bridge_point_id__in=rooms
        )
        .order_by("bridge_point_id")
        .values_list("user_id", "bridge_point_id")
    ):
        # An operator of both the main room and a commune's reports from the commune.
        if operated.get(user_id) in (None, meeting.main_bridge_point_id):
            operated[user_id] = room_id
    return {
        user_id: seats.get(user_id) or operated.get(user_id) or meeting.main_bridge_point_id
        for user_id in user_ids
    }


def readers_by_document(document_ids: Iterable[int]) -> dict[int, set[int]]:
    """The people named on each (confidential) document, in one query."""
    found: dict[int, set[int]] = defaultdict(set)
    through = Document.readers.through.objects.filter(document_id__in=list(document_ids))
    for document_id, user_id in through.values_list("document_id", "user_id"):
        found[document_id].add(user_id)
    return found


def distributed_documents(meeting: Meeting) -> list[Document]:
    """Every document of the meeting that has a file, in agenda order (whoever may read it)."""
    return list(
        Document.objects.filter(meeting=meeting, versions__isnull=False)
        .distinct()
        .order_by("agenda_item__position", "created_at", "pk")
    )


# --- The distribution board --------------------------------------------------------


@dataclass(frozen=True)
class BoardCell:
    document: Document
    readable: bool
    sent_at: datetime | None = None
    opened_at: datetime | None = None
    downloaded_at: datetime | None = None

    @property
    def reached(self) -> bool:
        return self.opened_at is not None or self.downloaded_at is not None


@dataclass
class BoardPerson:
    user: User
    cells: list[BoardCell]

    @property
    def readable(self) -> int:
        return sum(cell.readable for cell in self.cells)

    @property
    def sent(self) -> int:
        return sum(cell.sent_at is not None for cell in self.cells if cell.readable)

    @property
    def opened(self) -> int:
        """Documents opened in the browser or downloaded (read offline, on a weak link)."""
        return sum(cell.reached for cell in self.cells if cell.readable)

    @property
    def downloaded(self) -> int:
        return sum(cell.downloaded_at is not None for cell in self.cells if cell.readable)


@dataclass
class BoardRoom:
    bridge_point: BridgePoint
    is_main: bool
    people: list[BoardPerson] = field(default_factory=list)

    @property
    def readable(self) -> int:
        return sum(person.readable for person in self.people)

    @property
    def opened(self) -> int:
        return sum(person.opened for person in self.people)

    @property
    def downloaded(self) -> int:
        return sum(person.downloaded for person in self.people)

    @property
    def people_done(self) -> int:
        """People who have opened every document they were sent."""
        return sum(p.readable > 0 and p.opened == p.readable for p in self.people)


@dataclass
class Board:
    meeting: Meeting
    documents: list[Document]
    rooms: list[BoardRoom]

    @property
    def readable(self) -> int:
        return sum(room.readable for room in self.rooms)

    @property
    def opened(self) -> int:
        return sum(room.opened for room in self.rooms)

    @property
    def people(self) -> int:
        return sum(len(room.people) for room in self.rooms)


def board_viewable_by(user: User, meeting: Meeting) -> bool:
    """The organizers, and the host's chair and secretary of this meeting."""
    return user.pk in (meeting.chair_id, meeting.secretary_id) or agenda_manageable_by(
        user, meeting
    )


def board_of(
    *,
    meeting: Meeting,
    documents: Sequence[Document],
    reader_ids: dict[int, set[int]],
    invitees: Sequence[User],
    room_of: dict[int, int],
    bridge_points: dict[int, BridgePoint],
    receipts: Iterable[Receipt],
) -> Board:
    """Arrange what was read into rooms and people (no queries); every room of the meeting
    shows, even one where nobody has an account yet."""
    stamps = {(r.user_id, r.document_id): r for r in receipts}
    rooms = {
        pk: BoardRoom(bridge_point=point, is_main=pk == meeting.main_bridge_point_id)
        for pk, point in bridge_points.items()
    }
    for user in sorted(invitees, key=lambda u: (u.display_name.casefold(), u.pk)):
        cells = []
        for document in documents:
            receipt = stamps.get((user.pk, document.pk))
            cells.append(
                BoardCell(
                    document=document,
                    readable=reads_document(user, document, reader_ids.get(document.pk, set())),
                    sent_at=receipt.sent_at if receipt else None,
                    opened_at=receipt.opened_at if receipt else None,
                    downloaded_at=receipt.downloaded_at if receipt else None,
                )
            )
        rooms[room_of[user.pk]].people.append(BoardPerson(user=user, cells=cells))
    ordered = sorted(
        rooms.values(),
        key=lambda r: (not r.is_main, r.bridge_point.unit.name, r.bridge_point.name),
    )
    return Board(meeting=meeting, documents=list(documents), rooms=ordered)


def distribution_board(meeting: Meeting) -> Board:
    """Who was sent, opened and downloaded what, per room and person, in a fixed number
    of queries whatever the number of rooms, people and documents."""
    invitees = meeting_selectors.meeting_invitees(meeting)
    documents = distributed_documents(meeting)
    room_of = invitee_rooms(meeting, [u.pk for u in invitees])
    return board_of(
        meeting=meeting,
        documents=documents,
        reader_ids=readers_by_document(d.pk for d in documents),
        invitees=invitees,
        room_of=room_of,
        bridge_points=BridgePoint.objects.select_related("unit").in_bulk(
            meeting_room_ids(meeting) | set(room_of.values())
        ),
        receipts=Receipt.objects.filter(document__meeting=meeting),
    )


# --- Comments (góp ý) --------------------------------------------------------------


def comments_open(document: Document, now: datetime) -> bool:
    """Comments are taken only while the organizer's deadline lies ahead; none set, none taken."""
    return document.comments_until is not None and now < document.comments_until


def may_comment(user: User, meeting: Meeting) -> bool:
    """Invitees comment (delegates, and operators for their room); organizers answer."""
    return any(invitee.pk == user.pk for invitee in meeting_selectors.meeting_invitees(meeting))


def commenting_rooms(user: User, meeting: Meeting) -> list[BridgePoint]:
    """Rooms of this meeting the user runs, on whose behalf they may comment."""
    rooms = meeting_room_ids(meeting) & meeting_selectors.operated_bridge_point_ids(user)
    return list(BridgePoint.objects.filter(pk__in=rooms).select_related("unit"))


def comments_visible_to(user: User) -> QuerySet[Comment]:
    """The organizer sees every comment on the meeting's documents; anyone else sees their own
    and those sent for a room they run (comments are addressed to the drafting office, not
    shared among delegates)."""
    comments = Comment.objects.filter(document__in=readable_documents(user))
    if user.is_superuser:
        return comments
    return comments.filter(
        Q(author=user)
        | Q(bridge_point_id__in=meeting_selectors.operated_bridge_point_ids(user))
        | Q(document__meeting__host_unit_id__in=meeting_selectors.managed_unit_ids(user))
        | Q(document__meeting__created_by=user)
    )


def document_comments(user: User, document: Document) -> list[Comment]:
    return list(
        comments_visible_to(user)
        .filter(document=document)
        .select_related("author", "bridge_point__unit", "replied_by", "version")
        .order_by("created_at", "pk")
    )


def comment_get(user: User, pk: int) -> Comment:
    comment = (
        comments_visible_to(user)
        .select_related(
            "document__meeting", "author", "bridge_point__unit", "replied_by", "version"
        )
        .filter(pk=pk)
        .first()
    )
    if comment is None:
        raise Http404(_("Không tìm thấy góp ý."))
    return comment


def comment_places(meeting: Meeting, comments: Sequence[Comment]) -> dict[int, str]:
    """Each comment's unit or bridge point: the room it speaks for, else its author's seat."""
    seats = invitee_rooms(meeting, {c.author_id for c in comments if c.bridge_point_id is None})
    rooms = BridgePoint.objects.select_related("unit").in_bulk(set(seats.values()))
    places = {}
    for comment in comments:
        room = comment.bridge_point or rooms.get(seats.get(comment.author_id))
        places[comment.pk] = str(room) if room is not None else ""
    return places


# --- Personal notes ----------------------------------------------------------------


def my_notes(user: User, meeting: Meeting) -> QuerySet[PersonalNote]:
    """The user's own notes; nobody else's, whoever asks (there is no superuser way in)."""
    return (
        PersonalNote.objects.filter(owner=user, meeting=meeting)
        .select_related("agenda_item", "document")
        .order_by(
            F("agenda_item__position").asc(nulls_first=True),
            F("document_id").asc(nulls_first=True),
            F("page").asc(nulls_first=True),
            "pk",
        )
    )


def my_note_get(user: User, pk: int) -> PersonalNote:
    note = PersonalNote.objects.filter(owner=user, pk=pk).first()
    if note is None:
        raise Http404(_("Không tìm thấy ghi chú."))
    return note
