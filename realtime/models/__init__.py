from realtime.models.floor import SpeakerRequest
from realtime.models.messages import HandledMessage
from realtime.models.notes import LiveNote
from realtime.models.presence import CheckIn, RollCallEntry, VideoSession
from realtime.models.room import ItemSession, LiveState, MeetingEvent
from realtime.models.votes import OptionCount, Poll, Vote

__all__ = [
    "CheckIn",
    "HandledMessage",
    "ItemSession",
    "LiveNote",
    "LiveState",
    "MeetingEvent",
    "OptionCount",
    "Poll",
    "RollCallEntry",
    "SpeakerRequest",
    "VideoSession",
    "Vote",
]
