"""The secretary's live notes and conclusions, saved as they type.

A writer names the version they edited (`base_version`). Two writers at once never overwrite
each other: the second gets a conflict carrying the current note, and merges. A resend of
what is already saved (after a reconnect) is answered as a success.
"""

from enum import Enum

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting
from realtime import events
from realtime.access import RoomAccess
from realtime.eventlog import emit
from realtime.models import LiveNote
from realtime.protocol import Conflict
from realtime.services.common import lock_room, meeting_item
from realtime.state import notes as notes_state

TEXT_MAX = 50_000
WRITABLE = (Meeting.Status.LIVE, Meeting.Status.ENDED)


class Outcome(Enum):
    SAVE = "save"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"


def save_outcome(
    *, current_version: int, current_text: str, base_version: int, text: str
) -> Outcome:
    """What a save does: the same text is already there, it was edited meanwhile, or save it."""
    if text == current_text:
        return Outcome.UNCHANGED
    if base_version != current_version:
        return Outcome.CONFLICT
    return Outcome.SAVE


def _digits(n: int) -> str:
    """ "50.000": Vietnamese thousands separators."""
    return f"{n:,}".replace(",", ".")


def _require_writable(meeting: Meeting) -> None:
    if meeting.status in WRITABLE:
        return
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Cuộc họp đã hủy: không ghi chép được."), code="wrong_status")
    raise ValidationError(
        _("Cuộc họp chưa khai mạc: ghi chép mở khi cuộc họp bắt đầu."), code="not_live"
    )


def _conflict(note: LiveNote) -> Conflict:
    if note.updated_by is not None:
        message = _(
            "Ghi chép này vừa được %(who)s sửa (phiên bản %(version)s): "
            "hãy xem bản hiện tại rồi ghép nội dung của bạn vào."
        ) % {"who": note.updated_by.display_name, "version": note.version}
    else:
        message = _(
            "Ghi chép này không còn ở phiên bản bạn đã sửa (hiện là phiên bản %(version)s): "
            "hãy xem bản hiện tại rồi ghép nội dung của bạn vào."
        ) % {"version": note.version}
    return Conflict(message, current=notes_state.note(note).model_dump(mode="json"))


@transaction.atomic
def note_save(
    *, access: RoomAccess, item_id: int | None, kind: str, text: str, base_version: int
) -> LiveNote:
    """Save a note (or an item's conclusion) written on top of `base_version`."""
    access.require(access.is_secretary, _("Chỉ thư ký hoặc thư ký phụ được ghi chép cuộc họp."))
    if len(text) > TEXT_MAX:
        message = _("Ghi chép dài %(n)s ký tự, vượt quá giới hạn %(max)s ký tự.")
        raise ValidationError(
            {"text": [message % {"n": _digits(len(text)), "max": _digits(TEXT_MAX)}]}
        )
    meeting, _state = lock_room(access.meeting.pk)
    _require_writable(meeting)
    item = meeting_item(meeting, item_id)
    # The meeting's lock (above) orders saves, so two first saves cannot both create the row.
    note = LiveNote.objects.select_for_update().filter(
        meeting=meeting, item=item, kind=kind
    ).first() or LiveNote(meeting=meeting, item=item, kind=kind)
    outcome = save_outcome(
        current_version=note.version, current_text=note.text, base_version=base_version, text=text
    )
    if outcome is Outcome.UNCHANGED:
        return note
    if outcome is Outcome.CONFLICT:
        raise _conflict(note)
    note.text = text
    note.version += 1
    note.updated_by = access.user
    note.updated_at = timezone.now()
    note.save()
    emit(meeting.pk, events.NoteSaved(note=notes_state.note(note)))
    return note
