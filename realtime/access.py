"""Who someone is in a live meeting: the one place the room's permissions are decided."""

from dataclasses import dataclass

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

    Reads only this user's rows, never the meeting's whole list of people: a thousand
    screens opening at once each ask this. A page that has already read the meeting for
    this user (with its details) passes it as `meeting`.
    """
    if meeting is None:
        meeting = (
            meeting_selectors.meetings_visible_to(user)
            .select_related("main_bridge_point__unit")
            .filter(pk=meeting_id)
            .first()
        )
        if meeting is None:
            raise Http404(_("Không tìm thấy cuộc họp."))
    participant = (
        Participant.objects.filter(meeting_id=meeting.pk, user_id=user.pk)
        .values_list("bridge_point_id", "role")
        .first()
    )
    co_secretary_id = (
        LiveState.objects.filter(meeting_id=meeting.pk)
        .values_list("co_secretary_id", flat=True)
        .first()
    )
    return RoomAccess(
        user=user,
        meeting=meeting,
        is_chair=meeting.chair_id == user.pk,
        is_secretary=user.pk in (meeting.secretary_id, co_secretary_id),
        is_host_staff=meeting_selectors.meeting_manageable_by(user, meeting),
        operated_rooms=frozenset(_operated_rooms_of(user, meeting)),
        participant_room=participant[0] if participant else None,
        participant_role=participant[1] if participant else None,
    )


def _operated_rooms_of(user: User, meeting: Meeting) -> set[int]:
    """The user's operated bridge points that this meeting invites (or holds in its main room)."""
    operated = meeting_selectors.operated_bridge_point_ids(user)
    if not operated:
        return set()
    invited = set(
        Invitation.objects.filter(meeting_id=meeting.pk, bridge_point_id__in=operated).values_list(
            "bridge_point_id", flat=True
        )
    )
    if meeting.main_bridge_point_id in operated:
        invited.add(meeting.main_bridge_point_id)
    return invited
