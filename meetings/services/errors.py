"""Errors that services raise for callers (form, API) to present."""

from dataclasses import asdict, dataclass
from datetime import datetime


@dataclass(frozen=True)
class ConflictDetail:
    kind: str  # "bridge_point" or "chair"
    resource_id: int
    resource_name: str
    meeting_id: int | None
    meeting_title: str
    start: datetime
    end: datetime
    message: str
    occurrence: int | None = None  # index in a series, when checking one

    def as_dict(self) -> dict:
        return asdict(self)


class ConflictError(Exception):
    """The booking collides with others; nothing was saved."""

    def __init__(self, conflicts: list[ConflictDetail]):
        self.conflicts = conflicts
        super().__init__("; ".join(c.message for c in conflicts))


class PermissionDenied(Exception):
    """The actor may see the object but not do this to it."""
