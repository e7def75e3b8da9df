"""Messages of the live notes."""

from typing import Literal

from pydantic import Field

from realtime.access import RoomAccess
from realtime.protocol import Payload, handler
from realtime.services import notes as services


class NoteIn(Payload):
    item_id: int | None
    kind: Literal["note", "conclusion"]
    text: str
    # The version the writer's text was edited from (0 for a note not saved yet).
    base_version: int = Field(ge=0)


@handler("note.save", NoteIn, idempotent=True)
def save(access: RoomAccess, payload: NoteIn, message_id: str) -> dict:
    note = services.note_save(access=access, **payload.model_dump())
    return {"version": note.version}
