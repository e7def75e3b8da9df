"""The speaker queue: the turns already taken on the current item, who speaks, who waits."""

from datetime import datetime

from django.db.models import Q

from meetings.models import Meeting
from realtime import events
from realtime.models import LiveState, SpeakerRequest

Status = SpeakerRequest.Status
# Finished turns first (the minutes' order), then the speaker, then the queue.
_RANK = {Status.DONE: 0, Status.SPEAKING: 1, Status.WAITING: 2}


def queue_key(status: str, requested_at: datetime, started_at: datetime | None, pk: int) -> tuple:
    """Sort key of a request in the list everyone sees (finished turns by their start)."""
    at = started_at if status == Status.DONE and started_at else requested_at
    return (_RANK[status], at, pk)


def speaker(request: SpeakerRequest) -> events.SpeakerOut:
    return events.SpeakerOut(
        id=request.pk,
        user_id=request.user_id,
        name=request.user.display_name,
        bridge_point_id=request.bridge_point_id,
        bridge_point_name=request.bridge_point.name if request.bridge_point else "",
        item_id=request.item_id,
        topic=request.topic,
        status=request.status,
        source=request.source,
        requested_at=request.requested_at,
        started_at=request.started_at,
        ended_at=request.ended_at,
    )


def speakers(meeting: Meeting) -> list[events.SpeakerOut]:
    current_item_id = (
        LiveState.objects.filter(meeting=meeting).values_list("current_item_id", flat=True).first()
    )
    requests = SpeakerRequest.objects.filter(meeting=meeting).filter(
        Q(status__in=SpeakerRequest.ACTIVE) | Q(status=Status.DONE, item_id=current_item_id)
    )
    ordered = sorted(
        requests.select_related("user", "bridge_point"),
        key=lambda r: queue_key(r.status, r.requested_at, r.started_at, r.pk),
    )
    return [speaker(request) for request in ordered]
