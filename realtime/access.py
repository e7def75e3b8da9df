"""Who someone is in a live meeting: the one place the room's permissions are decided."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext as _

from meetings import selectors as meeting_selectors
from meetings.models import Invitation, Meeting, Participant, User
from meetings.services.errors import PermissionDenied
from realtime.models import LiveState


@dataclass(frozen=True)
class RoomAccess:
    user: User
    meeting: Meeting
    is_chair: bool
    # The secretary, or the co-secretary named for the live meeting.
    is_secretary: bool
    # Staff of the host unit (and the meeting's creator): they run the room for the chair.
    is_host_staff: bool
    # Bridge points of this meeting that the user operates.
    operated_rooms: frozenset[int]
    participant_room: int | None
    participant_role: str | None

    @property
    def may_preside(self) -> bool:
        return self.is_chair or self.is_host_staff

    @property
    def is_delegate(self) -> bool:
        return self.participant_role == Participant.ParticipantRole.DELEGATE

    @property
    def has_part(self) -> bool:
        """The meeting is visible to this user: `meetings_visible_to`'s rule, for one meeting
        already read (host staff and superusers, chair, secretary, an invited room's operator,
        anyone invited)."""
        return (
            self.is_host_staff
            or self.is_chair
            or self.meeting.secretary_id == self.user.pk
            or bool(self.operated_rooms)
            or self.participant_role is not None
        )

    @property
    def room_ids(self) -> frozenset[int]:
        """Every bridge point this user may speak for (operated, or attended from)."""
        own = {self.participant_room} if self.participant_room else set()
        return self.operated_rooms | own

    def require(self, allowed: bool, message: str) -> None:
        if not allowed:
            raise PermissionDenied(message)

    def require_preside(self) -> None:
        self.require(self.may_preside, _("Chỉ chủ trì hoặc cán bộ điều hành được làm việc này."))

    def as_dict(self) -> dict:
        return {
            "user_id": self.user.pk,
            "name": self.user.display_name,
            "is_chair": self.is_chair,
            "is_secretary": self.is_secretary,
            "is_host_staff": self.is_host_staff,
            "may_preside": self.may_preside,
            "is_delegate": self.is_delegate,
            "operated_rooms": sorted(self.operated_rooms),
            "participant_room": self.participant_room,
        }


def room_access(user: User, meeting_id: int, *, meeting: Meeting | None = None) -> RoomAccess:
    """The user's part in the meeting; 404 for anyone the meeting is not visible to.

    A page that has already read the meeting for this user (with its details) passes it.
    """
    access = room_accesses(meeting_id, [user], meeting=meeting).get(user.pk)
    if access is None:
        raise Http404(_("Không tìm thấy cuộc họp."))
    return access


def room_accesses(
    meeting_id: int, users: Iterable[User], *, meeting: Meeting | None = None
) -> dict[int, RoomAccess]:
    """The part of each of `users` in the meeting, by user id; those it is not visible to
    are left out.

    A thousand screens opening at once ask this together (`realtime.openings`), so it reads
    only the given people's rows, never the meeting's whole list of people, in a fixed
    number of plain queries whatever their number: the meeting, its co-secretary, their
    participant rows, their memberships, and the invited rooms among those they operate.
    """
    # Nobody signed out: their missing id would match a meeting's missing chair or secretary.
    people = {user.pk: user for user in users if user.is_authenticated}
    if meeting is None:
        meeting = (
            Meeting.objects.filter(pk=meeting_id)
            .select_related("main_bridge_point__unit")
            .annotate(live_co_secretary_id=F("live_state__co_secretary_id"))
            .first()
        )
        if meeting is None:
            return {}
        co_secretary_id = meeting.live_co_secretary_id
    else:
        co_secretary_id = (
            LiveState.objects.filter(meeting_id=meeting.pk)
            .values_list("co_secretary_id", flat=True)
            .first()
        )
    parts = {
        user_id: (room_id, role)
        for user_id, room_id, role in Participant.objects.filter(
            meeting_id=meeting.pk, user_id__in=list(people)
        ).values_list("user_id", "bridge_point_id", "role")
    }
    scopes = meeting_selectors.user_scopes(people)
    invited = _invited_rooms(meeting, set().union(*(s.operated_room_ids for s in scopes.values())))
    accesses = {}
    for user_id, user in people.items():
        scope = scopes[user_id]
        room_id, role = parts.get(user_id, (None, None))
        access = RoomAccess(
            user=user,
            meeting=meeting,
            is_chair=meeting.chair_id == user_id,
            is_secretary=user_id in (meeting.secretary_id, co_secretary_id),
            is_host_staff=meeting_selectors.meeting_manageable_by(user, meeting, scope),
            operated_rooms=frozenset(scope.operated_room_ids & invited),
            participant_room=room_id,
            participant_role=role,
        )
        if access.has_part:
            accesses[user_id] = access
    return accesses


def _invited_rooms(meeting: Meeting, rooms: set[int]) -> set[int]:
    """Which of `rooms` this meeting invites (or holds in its main room)."""
    if not rooms:
        return set()
    invited = set(
        Invitation.objects.filter(meeting_id=meeting.pk, bridge_point_id__in=rooms).values_list(
            "bridge_point_id", flat=True
        )
    )
    if meeting.main_bridge_point_id in rooms:
        invited.add(meeting.main_bridge_point_id)
    return invited
