"""Answering a message once. A screen whose link dropped before the ack arrived sends the message
again with the same id; it gets the first answer back instead of the action being done twice
(a second poll created, a turn granted twice).
"""

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from realtime.access import RoomAccess
from realtime.models import HandledMessage


class ReusedId(Exception):
    """The id already answered a message of another type."""

    message = _("Mã tin nhắn này đã được dùng cho một tin nhắn khác.")


def answer_once(
    access: RoomAccess, message_type: str, message_id: str, run: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """The stored answer to this id, or run the action and store its answer in its transaction.

    Refusals are not stored: a message refused now may succeed when sent again later.
    """
    key = {"meeting_id": access.meeting.pk, "user": access.user, "message_id": message_id}
    try:
        with transaction.atomic():
            previous = HandledMessage.objects.filter(**key).first()
            if previous is None:
                answer = run()
                HandledMessage.objects.create(**key, type=message_type, answer=answer)
                return answer
    except IntegrityError:
        # The same message ran twice at once: the other run's change stands, ours was undone.
        previous = HandledMessage.objects.filter(**key).first()
        if previous is None:
            raise
    if previous.type != message_type:
        raise ReusedId
    return previous.answer
