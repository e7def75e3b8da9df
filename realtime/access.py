"""Who someone is in a live meeting: the one place the room's permissions are decided."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from meetings import selectors as meeting_selectors
from meetings.models import Invitation, Meeting, Participant, User
from meetings.selectors import UserScope
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

    A thousand screens opening at once each ask this, so it reads only this user's rows,
    never the meeting's whole list of people, in two or three queries. A page that has
    already read the meeting for this user (with its details) passes it as `meeting`.
    """
    scope = meeting_selectors.user_scope(user)
    meeting = _meeting_with_my_part(user, meeting_id, scope, details=meeting)
    return RoomAccess(
        user=user,
        meeting=meeting,
        is_chair=meeting.chair_id == user.pk,
        is_secretary=user.pk in (meeting.secretary_id, meeting.my_co_secretary_id),
        is_host_staff=meeting_selectors.meeting_manageable_by(user, meeting, scope),
        operated_rooms=frozenset(_operated_rooms_of(meeting, scope)),
        participant_room=meeting.my_room_id,
        participant_role=meeting.my_role,
    )


def _meeting_with_my_part(
    user: User, meeting_id: int, scope: UserScope, details: Meeting | None = None
) -> Meeting:
    """The meeting if visible, with this user's participant row and the co-secretary."""
    mine = Participant.objects.filter(meeting=OuterRef("pk"), user_id=user.pk)
    found = (
        meeting_selectors.meetings_visible_to(user, scope)
        .filter(pk=meeting_id)
        .annotate(
            my_room_id=Subquery(mine.values("bridge_point_id")[:1]),
            my_role=Subquery(mine.values("role")[:1]),
            my_co_secretary_id=Subquery(
                LiveState.objects.filter(meeting=OuterRef("pk")).values("co_secretary_id")[:1]
            ),
        )
    )
    if details is not None:
        part = found.values("my_room_id", "my_role", "my_co_secretary_id").first()
        if part is None:
            raise Http404(_("Không tìm thấy cuộc họp."))
        for name, value in part.items():
            setattr(details, name, value)
        return details
    meeting = found.select_related("main_bridge_point__unit").first()
    if meeting is None:
        raise Http404(_("Không tìm thấy cuộc họp."))
    return meeting


def _operated_rooms_of(meeting: Meeting, scope: UserScope) -> set[int]:
    """The user's operated bridge points that this meeting invites (or holds in its main room)."""
    operated = scope.operated_room_ids
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
