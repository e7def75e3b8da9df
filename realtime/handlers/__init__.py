"""Importing this package registers every message handler in `realtime.protocol.HANDLERS`."""

from realtime.handlers import floor, notes, presence, room, votes

__all__ = ["floor", "notes", "presence", "room", "votes"]
