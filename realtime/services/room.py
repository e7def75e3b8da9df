"""The chair's controls: start and end the meeting, move through the agenda, follow a document.

Each service takes the caller's `RoomAccess`, re-reads what it changes under the meeting's
row lock (`common.lock_room`), and emits the new state after commit.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.models import AgendaItem, DocumentVersion
from agenda.selectors import version_get
from meetings.models import Meeting
from meetings.services.savings import ledger_after_meeting_end
from realtime import events
from realtime.access import RoomAccess
from realtime.eventlog import emit
from realtime.models import ItemSession, LiveState, SpeakerRequest
from realtime.services.common import lock_room, meeting_item
from realtime.state import floor as floor_state
from realtime.state import presence as presence_state
from realtime.state import room as room_state


def _emit_state(meeting: Meeting, state: LiveState) -> None:
    emit(
        meeting.pk,
        events.MeetingStateChanged(
            meeting=room_state.meeting_state(meeting, state),
            current=room_state.current_item(state),
        ),
    )


def _leave_item(state: LiveState, at: datetime) -> None:
    ItemSession.objects.filter(meeting_id=state.meeting_id, ended_at__isnull=True).update(
        ended_at=at
    )


def _enter_item(state: LiveState, item: AgendaItem | None, at: datetime) -> None:
    _leave_item(state, at)
    state.current_item = item
    state.item_started_at = at if item else None
    if item is not None:
        ItemSession.objects.create(meeting_id=state.meeting_id, item=item, started_at=at)


@transaction.atomic
def meeting_start(*, access: RoomAccess) -> LiveState:
    access.require(access.may_preside, _("Chỉ chủ trì được khai mạc cuộc họp."))
    meeting, state = lock_room(access.meeting.pk)
    if meeting.status == Meeting.Status.LIVE:
        return state  # already started: a repeated click changes nothing
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError(
            _("Chỉ khai mạc được cuộc họp đã lên lịch (trạng thái hiện tại: %(status)s).")
            % {"status": meeting.get_status_display()},
            code="wrong_status",
        )
    now = timezone.now()
    meeting.status = Meeting.Status.LIVE
    meeting.save(update_fields=["status", "updated_at"])
    state.started_at = now
    first = AgendaItem.objects.filter(meeting=meeting).order_by("position").first()
    _enter_item(state, first, now)
    state.save()
    _emit_state(meeting, state)
    return state


@transaction.atomic
def meeting_end(*, access: RoomAccess) -> LiveState:
    access.require(access.may_preside, _("Chỉ chủ trì được bế mạc cuộc họp."))
    meeting, state = lock_room(access.meeting.pk)
    if meeting.status == Meeting.Status.ENDED:
        return state
    if meeting.status != Meeting.Status.LIVE:
        raise ValidationError(_("Cuộc họp chưa khai mạc."), code="wrong_status")
    now = timezone.now()
    meeting.status = Meeting.Status.ENDED
    meeting.save(update_fields=["status", "updated_at"])
    ledger_after_meeting_end(meeting.pk)
    state.ended_at = now
    _enter_item(state, None, now)
    state.save()
    SpeakerRequest.objects.filter(meeting=meeting, status=SpeakerRequest.Status.SPEAKING).update(
        status=SpeakerRequest.Status.DONE, ended_at=now
    )
    # Hands still up when the meeting closes will not be given the floor.
    SpeakerRequest.objects.filter(meeting=meeting, status=SpeakerRequest.Status.WAITING).update(
        status=SpeakerRequest.Status.REMOVED
    )
    _emit_state(meeting, state)
    _emit_speakers(meeting)
    return state


def _emit_speakers(meeting: Meeting) -> None:
    """The listed turns are the current item's: a new item (or none) lists others."""
    if SpeakerRequest.objects.filter(meeting=meeting).exists():
        emit(meeting.pk, events.SpeakersUpdated(speakers=floor_state.speakers(meeting)))


def require_live(meeting: Meeting) -> None:
    if (refusal := not_live_refusal(meeting.status)) is not None:
        raise refusal


def not_live_refusal(status: str) -> ValidationError | None:
    """The refusal of anything done in a meeting whose status is not live."""
    if status != Meeting.Status.LIVE:
        return ValidationError(_("Cuộc họp chưa khai mạc hoặc đã kết thúc."), code="not_live")
    return None


@transaction.atomic
def agenda_goto(*, access: RoomAccess, item_id: int | None) -> LiveState:
    access.require(access.may_preside, _("Chỉ chủ trì được chuyển nội dung."))
    meeting, state = lock_room(access.meeting.pk)
    require_live(meeting)
    item = meeting_item(meeting, item_id)
    if item is not None and item.pk == state.current_item_id:
        return state
    _enter_item(state, item, timezone.now())
    state.save()
    emit(meeting.pk, events.CurrentItemChanged(current=room_state.current_item(state)))
    _emit_speakers(meeting)
    return state


@transaction.atomic
def document_follow(*, access: RoomAccess, version_id: int | None, page: int | None) -> LiveState:
    """Ask every screen to open a document at a page (the chair, or the current presenter)."""
    meeting, state = lock_room(access.meeting.pk)
    presenter_id = state.current_item.presenter_user_id if state.current_item else None
    access.require(
        access.may_preside or access.user.pk == presenter_id,
        _("Chỉ chủ trì hoặc người đang trình bày được mời mọi người cùng xem tài liệu."),
    )
    require_live(meeting)
    version: DocumentVersion | None = None
    if version_id is not None:
        version = version_get(access.user, version_id)
        if version.document.meeting_id != meeting.pk:
            raise ValidationError({"version_id": [_("Tài liệu không thuộc cuộc họp này.")]})
        if version.document.is_confidential:
            raise ValidationError(
                {"version_id": [_("Tài liệu mật chỉ người được chỉ định mới xem được.")]}
            )
        if page is not None and version.page_count and page > version.page_count:
            raise ValidationError(
                {"page": [_("Tài liệu chỉ có %(n)s trang.") % {"n": version.page_count}]}
            )
    state.followed_version = version
    state.followed_page = page if version else None
    state.save(update_fields=["followed_version", "followed_page"])
    emit(
        meeting.pk,
        events.DocumentFollowed(follow=room_state.follow(state), by=access.user.display_name),
    )
    return state


@transaction.atomic
def room_settings_update(
    *, access: RoomAccess, quorum_percent: int | None = None, co_secretary_id: int | None = None
) -> LiveState:
    access.require(access.may_preside, _("Chỉ chủ trì được đổi thiết lập phòng họp."))
    meeting, state = lock_room(access.meeting.pk)
    if quorum_percent is not None:
        state.quorum_percent = quorum_percent
    if co_secretary_id is not None:
        if not meeting.participants.filter(user_id=co_secretary_id).exists() and (
            co_secretary_id not in (meeting.secretary_id, meeting.chair_id)
        ):
            raise ValidationError(
                {"co_secretary_id": [_("Thư ký phụ phải là người được mời dự họp.")]}
            )
        state.co_secretary_id = co_secretary_id or None
    state.full_clean(exclude=["meeting", "current_item", "followed_version", "co_secretary"])
    state.save()
    emit(
        meeting.pk,
        events.RoomSettingsChanged(
            settings=room_state.room_settings(state),
            quorum=presence_state.quorum(meeting, state.quorum_percent),
        ),
    )
    return state
