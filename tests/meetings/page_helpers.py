"""What the page tests share: the booking form filled as a person would."""

from datetime import datetime, timedelta

from django.http import HttpResponse
from django.utils import timezone

from meetings.models import BridgePoint
from tests.world import World, next_morning


def meeting_form_data(
    world: World,
    *,
    start: datetime | None = None,
    hours: float = 2,
    rooms: list[BridgePoint] | None = None,
    title: str = "Giao ban tuần",
    **extra,
) -> dict:
    start = timezone.localtime(start or next_morning())
    end = start + timedelta(hours=hours)
    return {
        "title": title,
        "description": "",
        "host_unit": world.province.pk,
        "main_bridge_point": world.main_room.pk,
        "chair": world.chair.pk,
        "secretary": world.secretary.pk,
        "date": f"{start:%d/%m/%Y}",
        "start_time": f"{start:%H:%M}",
        "end_time": f"{end:%H:%M}",
        "kind": "online",
        "bridge_point_ids": [r.pk for r in (rooms if rooms is not None else world.rooms)],
        "frequency": "",
        "count": "4",
        **extra,
    }


def text(response: HttpResponse) -> str:
    return response.content.decode()
