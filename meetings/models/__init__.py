from meetings.models.meetings import (
    Booking,
    Invitation,
    Meeting,
    MeetingSeries,
    Participant,
)
from meetings.models.people import ApiToken, Membership, Role, User
from meetings.models.savings import Ledger, LedgerLine, RateSet  # noqa: F401 (registers them)
from meetings.models.units import BridgePoint, BridgePointGroup, Unit

__all__ = [
    "ApiToken",
    "Booking",
    "BridgePoint",
    "BridgePointGroup",
    "Invitation",
    "Meeting",
    "MeetingSeries",
    "Membership",
    "Participant",
    "Role",
    "Unit",
    "User",
]
