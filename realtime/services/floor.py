"""The speaker queue (đăng ký phát biểu): asking for the floor, giving it, ending a turn.

Every change locks the meeting's live state first, so the queue changes one at a time and
the `speakers.updated` event always carries the whole list as it is after the change. Turns
are never deleted: their start and end times are what the minutes record.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting, Participant
from meetings.services.errors import PermissionDenied
from realtime import events
from realtime.access import RoomAccess
from realtime.eventlog import emit
from realtime.models import LiveState, SpeakerRequest
from realtime.services.common import lock_room
from realtime.services.room import require_live
from realtime.state import floor as floor_state

Status = SpeakerRequest.Status
TOPIC_MAX = SpeakerRequest._meta.get_field("topic").max_length


def request_room(
    access: RoomAccess, *, user_id: int, invited: bool, invited_room: int | None
) -> int | None:
    """The bridge point a request for `user_id` speaks from, if the actor may make it.

    `invited` and `invited_room` describe the person asked for (a participant of the
    meeting, and the room they attend from). An operator may also ask for their room itself.
    """
    for_self = user_id == access.user.pk
    if invited and (for_self or access.may_preside or invited_room in access.operated_rooms):
        return invited_room
    if for_self and access.operated_rooms:
        return min(access.operated_rooms)
    if access.may_preside:
        raise ValidationError({"user_id": [_("Người này không được mời dự cuộc họp.")]})
    if for_self:
        raise PermissionDenied(_("Chỉ người được mời dự họp mới đăng ký phát biểu được."))
    raise PermissionDenied(
        _("Chỉ cán bộ kỹ thuật của điểm cầu được đăng ký phát biểu thay đại biểu tại đó.")
    )


def _locked_live(access: RoomAccess) -> tuple[Meeting, LiveState]:
    meeting, state = lock_room(access.meeting.pk)
    require_live(meeting)
    return meeting, state


def _request_for_update(meeting: Meeting, request_id: int) -> SpeakerRequest:
    request = (
        SpeakerRequest.objects.select_for_update().filter(meeting=meeting, pk=request_id).first()
    )
    if request is None:
        raise Http404(_("Không tìm thấy đăng ký phát biểu này."))
    return request


def _speaking(meeting: Meeting) -> SpeakerRequest | None:
    return (
        SpeakerRequest.objects.select_for_update()
        .filter(meeting=meeting, status=Status.SPEAKING)
        .first()
    )


def _require_waiting(request: SpeakerRequest) -> None:
    if request.status == Status.SPEAKING:
        raise ValidationError(
            _("Người này đang phát biểu: hãy kết thúc lượt phát biểu."), code="invalid"
        )
    if request.status != Status.WAITING:
        raise ValidationError(_("Đăng ký phát biểu này đã kết thúc."), code="invalid")


def _emit_queue(meeting: Meeting) -> None:
    emit(meeting.pk, events.SpeakersUpdated(speakers=floor_state.speakers(meeting)))


def _active_request(meeting: Meeting, user_id: int) -> SpeakerRequest | None:
    return SpeakerRequest.objects.filter(
        meeting=meeting, user_id=user_id, status__in=SpeakerRequest.ACTIVE
    ).first()


@transaction.atomic
def speaker_request(
    *,
    access: RoomAccess,
    user_id: int | None = None,
    topic: str = "",
    source: str = SpeakerRequest.Source.APP,
) -> SpeakerRequest:
    """Ask for the floor on the current item; asking again keeps the first place."""
    topic = topic.strip()
    if len(topic) > TOPIC_MAX:
        raise ValidationError(
            {"topic": [_("Nội dung phát biểu tối đa %(n)s ký tự.") % {"n": TOPIC_MAX}]}
        )
    meeting, state = _locked_live(access)
    user_id = user_id or access.user.pk
    participant = Participant.objects.filter(meeting=meeting, user_id=user_id).first()
    room = request_room(
        access,
        user_id=user_id,
        invited=participant is not None,
        invited_room=participant.bridge_point_id if participant else None,
    )
    existing = _active_request(meeting, user_id)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            request = SpeakerRequest.objects.create(
                meeting=meeting,
                item_id=state.current_item_id,
                user_id=user_id,
                bridge_point_id=room,
                topic=topic,
                source=source,
                requested_by=access.user,
                requested_at=timezone.now(),
            )
    except IntegrityError:  # the one-open-request constraint: a concurrent ask won
        return SpeakerRequest.objects.get(
            meeting=meeting, user_id=user_id, status__in=SpeakerRequest.ACTIVE
        )
    _emit_queue(meeting)
    return request


@transaction.atomic
def speaker_grant(*, access: RoomAccess, request_id: int) -> SpeakerRequest:
    """Give the floor: the current turn ends and this one starts."""
    access.require_preside()
    meeting, state = _locked_live(access)
    request = _request_for_update(meeting, request_id)
    if request.status == Status.SPEAKING:
        return request  # a repeated click
    _require_waiting(request)
    now = timezone.now()
    current = _speaking(meeting)
    if current is not None:
        current.status, current.ended_at = Status.DONE, now
        current.save(update_fields=["status", "ended_at"])
    request.status, request.started_at = Status.SPEAKING, now
    # The turn belongs to the item discussed while it is spoken (a request may be older).
    request.item_id = state.current_item_id
    request.save(update_fields=["status", "started_at", "item"])
    _emit_queue(meeting)
    return request


@transaction.atomic
def speaker_end(*, access: RoomAccess) -> SpeakerRequest:
    """End the current turn (the chair, or the speaker themself)."""
    meeting, _state = _locked_live(access)
    current = _speaking(meeting)
    access.require(
        access.may_preside or (current is not None and current.user_id == access.user.pk),
        _("Chỉ chủ trì hoặc người đang phát biểu được kết thúc lượt phát biểu."),
    )
    if current is None:
        raise ValidationError(_("Không có ai đang phát biểu."), code="invalid")
    current.status, current.ended_at = Status.DONE, timezone.now()
    current.save(update_fields=["status", "ended_at"])
    _emit_queue(meeting)
    return current


def _close_request(meeting: Meeting, request: SpeakerRequest, status: str) -> SpeakerRequest:
    if request.status == status:
        return request  # a resend after a reconnect
    _require_waiting(request)
    request.status = status
    request.save(update_fields=["status"])
    _emit_queue(meeting)
    return request


@transaction.atomic
def speaker_remove(*, access: RoomAccess, request_id: int) -> SpeakerRequest:
    access.require(access.may_preside, _("Chỉ chủ trì được bỏ một đăng ký phát biểu."))
    meeting, _state = _locked_live(access)
    request = _request_for_update(meeting, request_id)
    return _close_request(meeting, request, Status.REMOVED)


@transaction.atomic
def speaker_withdraw(*, access: RoomAccess, request_id: int) -> SpeakerRequest:
    """Take back a request: the person, whoever asked for them, or the chair."""
    meeting, _state = _locked_live(access)
    request = _request_for_update(meeting, request_id)
    access.require(
        access.may_preside or access.user.pk in (request.user_id, request.requested_by_id),
        _("Chỉ người đăng ký, người đăng ký thay hoặc chủ trì được rút đăng ký này."),
    )
    return _close_request(meeting, request, Status.WITHDRAWN)


@transaction.atomic
def speaker_lower_all(*, access: RoomAccess) -> int:
    """Lower every raised hand: the waiting requests are removed; the speaker keeps the floor."""
    access.require(access.may_preside, _("Chỉ chủ trì được hạ tất cả tay giơ."))
    meeting, _state = _locked_live(access)
    count = SpeakerRequest.objects.filter(meeting=meeting, status=Status.WAITING).update(
        status=Status.REMOVED
    )
    if count:
        _emit_queue(meeting)
    return count
