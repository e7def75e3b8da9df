"""What every change of the live room starts with."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from agenda.models import AgendaItem
from meetings.models import Meeting
from realtime.eventlog import live_state_for_update
from realtime.models import LiveState


def lock_room(meeting_id: int) -> tuple[Meeting, LiveState]:
    """The meeting, read again under its live state's row lock: changes of one room queue here,
    and the status seen is the one at this moment, not when the socket opened."""
    state = live_state_for_update(meeting_id)
    return Meeting.objects.get(pk=meeting_id), state


def meeting_item(meeting: Meeting, item_id: int | None) -> AgendaItem | None:
    """The agenda item `item_id` of this meeting (None for none); another meeting's is refused."""
    if item_id is None:
        return None
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_id).first()
    if item is None:
        raise ValidationError({"item_id": [_("Nội dung này không thuộc chương trình cuộc họp.")]})
    return item
