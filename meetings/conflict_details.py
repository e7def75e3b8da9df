"""Turn rule conflicts into sentences a person can act on."""

from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.conflicts import Conflict, ConflictKind
from meetings.models import BridgePoint, User
from meetings.services.errors import ConflictDetail


def _when(conflict: Conflict) -> str:
    start = timezone.localtime(conflict.start)
    end = timezone.localtime(conflict.end)
    return f"{start:%H:%M} – {end:%H:%M} {start:%d/%m/%Y}"


def describe(
    conflicts: list[Conflict], occurrences: list[int | None] | None = None
) -> list[ConflictDetail]:
    room_ids = {c.resource_id for c in conflicts if c.kind == ConflictKind.BRIDGE_POINT}
    people_ids = {c.resource_id for c in conflicts if c.kind == ConflictKind.CHAIR}
    rooms = {
        bp.pk: str(bp) for bp in BridgePoint.objects.filter(pk__in=room_ids).select_related("unit")
    }
    people = {u.pk: u.display_name for u in User.objects.filter(pk__in=people_ids)}
    details = []
    for index, conflict in enumerate(conflicts):
        if conflict.kind == ConflictKind.BRIDGE_POINT:
            name = rooms.get(conflict.resource_id, "?")
            template = _("Điểm cầu %(name)s đã có cuộc họp “%(title)s” lúc %(when)s.")
        else:
            name = people.get(conflict.resource_id, "?")
            template = _("%(name)s đã chủ trì cuộc họp “%(title)s” lúc %(when)s.")
        details.append(
            ConflictDetail(
                kind=str(conflict.kind),
                resource_id=conflict.resource_id,
                resource_name=name,
                meeting_id=conflict.meeting_id,
                meeting_title=conflict.title,
                start=conflict.start,
                end=conflict.end,
                message=template % {"name": name, "title": conflict.title, "when": _when(conflict)},
                occurrence=occurrences[index] if occurrences else None,
            )
        )
    return details
