"""Every event a meeting socket can carry, as typed classes that refuse unknown fields.

An event is `{seq, type, payload}`. Most replace one part of the room's state whole (the queue,
one poll, one check-in), so a client applies them without knowing the rules behind them and a
late joiner's snapshot is the same data. `docs/realtime-protocol.md` documents each one.
"""

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Event(Shape):
    type: ClassVar[str]
    # Derived state, sent at most a few times a second, without a sequence number.
    ephemeral: ClassVar[bool] = False


# Parts of the state (the snapshot holds the same shapes).


class MeetingStateOut(Shape):
    status: str
    started_at: datetime | None
    ended_at: datetime | None


class CurrentItemOut(Shape):
    item_id: int | None
    started_at: datetime | None
    # Minutes already spent on the current item in earlier visits.
    spent_seconds_before: int


class FollowOut(Shape):
    version_id: int | None
    document_title: str
    page: int | None
    url: str


class CheckInOut(Shape):
    bridge_point_id: int
    technician_present: bool
    video_tested: bool
    connection_quality: str
    headcount: int
    note: str
    checked_in_at: datetime
    checked_in_by: str
    # green / amber / red, from the readiness rule.
    readiness: Literal["green", "amber", "red"]


class RollCallOut(Shape):
    user_id: int
    bridge_point_id: int | None
    status: str
    reason: str
    marked_by: str


class QuorumOut(Shape):
    members: int
    present: int
    percent: int
    needed: int
    met: bool


class SpeakerOut(Shape):
    id: int
    user_id: int
    name: str
    bridge_point_id: int | None
    bridge_point_name: str
    item_id: int | None
    topic: str
    status: str
    source: str
    requested_at: datetime
    started_at: datetime | None
    ended_at: datetime | None


class NamedChoiceOut(Shape):
    """One voter's choice in a closed named poll (the `poll.choices` answer)."""

    voter: str
    bridge_point: str
    option: int
    cast_by: str


class PollOut(Shape):
    id: int
    item_id: int | None
    question: str
    options: list[str]
    secret: bool
    electorate: str
    rule: str
    status: str
    opened_at: datetime | None
    closed_at: datetime | None
    # Empty while a secret poll is open: the timing of counts would link people to choices.
    counts: list[int]
    total: int
    # Closed polls only: each option's share of the votes cast, in percent (realtime.tally).
    percents: list[float]
    members: int | None
    present: int | None
    passed: bool | None
    # How many choices `poll.choices` answers: the votes of a closed named poll, else 0. The
    # choices themselves are fetched on demand: a thousand per poll would swell every snapshot.
    choices_count: int


class NoteOut(Shape):
    item_id: int | None
    kind: str
    text: str
    version: int
    updated_by: str
    updated_at: datetime | None


class VideoSessionOut(Shape):
    id: int
    user_id: int
    name: str
    bridge_point_id: int | None
    participant_id: str
    joined_at: datetime
    left_at: datetime | None


class RoomSettingsOut(Shape):
    quorum_percent: int
    co_secretary_id: int | None


# The events.


class MeetingStateChanged(Event):
    type: ClassVar[str] = "meeting.state"
    meeting: MeetingStateOut
    current: CurrentItemOut


class CurrentItemChanged(Event):
    type: ClassVar[str] = "agenda.current"
    current: CurrentItemOut


class DocumentFollowed(Event):
    type: ClassVar[str] = "document.follow"
    follow: FollowOut
    by: str


class CheckInUpdated(Event):
    type: ClassVar[str] = "checkin.updated"
    check_in: CheckInOut


class RollCallUpdated(Event):
    type: ClassVar[str] = "rollcall.updated"
    entries: list[RollCallOut]
    quorum: QuorumOut


class SpeakersUpdated(Event):
    type: ClassVar[str] = "speakers.updated"
    # Every open request plus the turns of the current item, in queue order.
    speakers: list[SpeakerOut]


class PollUpdated(Event):
    type: ClassVar[str] = "poll.updated"
    poll: PollOut


class PollRemoved(Event):
    type: ClassVar[str] = "poll.removed"
    poll_id: int


class PollTally(Event):
    type: ClassVar[str] = "poll.tally"
    ephemeral: ClassVar[bool] = True
    poll_id: int
    counts: list[int]  # empty for a secret poll, as in PollOut
    total: int


class NoteSaved(Event):
    type: ClassVar[str] = "note.saved"
    note: NoteOut


class VideoSessionUpdated(Event):
    type: ClassVar[str] = "video.session"
    session: VideoSessionOut


class RoomSettingsChanged(Event):
    type: ClassVar[str] = "room.settings"
    settings: RoomSettingsOut
    quorum: QuorumOut


EVENT_TYPES: dict[str, type[Event]] = {
    cls.type: cls
    for cls in (
        MeetingStateChanged,
        CurrentItemChanged,
        DocumentFollowed,
        CheckInUpdated,
        RollCallUpdated,
        SpeakersUpdated,
        PollUpdated,
        PollRemoved,
        PollTally,
        NoteSaved,
        VideoSessionUpdated,
        RoomSettingsChanged,
    )
}
