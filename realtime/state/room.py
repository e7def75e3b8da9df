"""The meeting, its agenda, the item under discussion, the followed document, room settings."""

from django.urls import reverse

from agenda.models import AgendaItem
from meetings.models import BridgePoint, Invitation, Meeting
from realtime import events
from realtime.models import ItemSession, LiveState


def live_state(meeting: Meeting) -> LiveState:
    """The meeting's live state (unsaved defaults when nothing happened live yet)."""
    return LiveState.objects.filter(meeting=meeting).first() or LiveState(meeting=meeting)


def meeting_state(meeting: Meeting, state: LiveState) -> events.MeetingStateOut:
    return events.MeetingStateOut(
        status=meeting.status, started_at=state.started_at, ended_at=state.ended_at
    )


def current_item(state: LiveState) -> events.CurrentItemOut:
    spent = 0
    if state.current_item_id:
        earlier = ItemSession.objects.filter(
            item_id=state.current_item_id, ended_at__isnull=False
        ).values_list("started_at", "ended_at")
        spent = int(sum((end - start).total_seconds() for start, end in earlier))
    return events.CurrentItemOut(
        item_id=state.current_item_id,
        started_at=state.item_started_at,
        spent_seconds_before=spent,
    )


def follow(state: LiveState) -> events.FollowOut:
    version = state.followed_version
    if version is None:
        return events.FollowOut(version_id=None, document_title="", page=None, url="")
    url = reverse("document-reader", args=[version.pk])
    return events.FollowOut(
        version_id=version.pk,
        document_title=version.document.title,
        page=state.followed_page,
        url=f"{url}?page={state.followed_page or 1}",
    )


def room_settings(state: LiveState) -> events.RoomSettingsOut:
    return events.RoomSettingsOut(
        quorum_percent=state.quorum_percent, co_secretary_id=state.co_secretary_id
    )


def agenda(meeting: Meeting) -> list[dict]:
    items = AgendaItem.objects.filter(meeting=meeting).select_related(
        "presenter_user", "presenter_unit"
    )
    return [
        {
            "id": item.pk,
            "position": item.position,
            "title": item.title,
            "kind": item.kind,
            "planned_minutes": item.planned_minutes,
            "presenter": item.presenter_name,
            "presenter_user_id": item.presenter_user_id,
        }
        for item in items.order_by("position")
    ]


def bridge_points(meeting: Meeting) -> list[dict]:
    """The main room first, then the invited rooms by name."""
    invitations = (
        Invitation.objects.filter(meeting=meeting)
        .select_related("bridge_point__unit")
        .order_by("bridge_point__unit__name")
    )
    main = BridgePoint.objects.select_related("unit").get(pk=meeting.main_bridge_point_id)
    rooms = [(main, True)] + [(invitation.bridge_point, False) for invitation in invitations]
    return [
        {"id": room.pk, "name": room.name, "unit": room.unit.name, "is_main": is_main}
        for room, is_main in rooms
    ]
