"""A client's view of the room: applying events to a snapshot's state, as the page's JS does.

Kept beside the tests: `test_resync` checks that an old snapshot plus the events equals a
fresh snapshot, which is what lets a reconnecting screen trust a replay.
"""

import copy
from typing import Any

State = dict[str, Any]


def _upsert(rows: list[dict], row: dict, key: str) -> list[dict]:
    kept = [r for r in rows if r[key] != row[key]]
    return sorted([*kept, row], key=lambda r: r[key])


def _note_key(note: dict) -> tuple[int, str]:
    return (note["item_id"] or 0, note["kind"])


def apply(state: State, frame: dict) -> State:
    state = copy.deepcopy(state)
    kind, p = frame["type"], frame["payload"]
    if kind == "meeting.state":
        state["meeting"], state["current"] = p["meeting"], p["current"]
    elif kind == "agenda.current":
        state["current"] = p["current"]
    elif kind == "document.follow":
        state["follow"] = p["follow"]
    elif kind == "room.settings":
        state["settings"], state["quorum"] = p["settings"], p["quorum"]
    elif kind == "checkin.updated":
        state["check_ins"] = _upsert(state["check_ins"], p["check_in"], "bridge_point_id")
    elif kind == "rollcall.updated":
        for entry in p["entries"]:
            state["roll_call"] = _upsert(state["roll_call"], entry, "user_id")
        state["quorum"] = p["quorum"]
    elif kind == "speakers.updated":
        state["speakers"] = p["speakers"]
    elif kind == "poll.updated":
        state["polls"] = _upsert(state["polls"], p["poll"], "id")
    elif kind == "poll.removed":
        state["polls"] = [poll for poll in state["polls"] if poll["id"] != p["poll_id"]]
    elif kind == "poll.tally":
        # A tally is coalesced and may arrive after the close: the closed poll's result wins.
        for poll in state["polls"]:
            if (
                poll["id"] == p["poll_id"]
                and poll["status"] == "open"
                and p["total"] >= poll["total"]
            ):
                poll["counts"], poll["total"] = p["counts"], p["total"]
    elif kind == "note.saved":
        kept = [n for n in state["notes"] if _note_key(n) != _note_key(p["note"])]
        state["notes"] = sorted([*kept, p["note"]], key=_note_key)
    elif kind == "video.session":
        state["video"] = _upsert(state["video"], p["session"], "id")
    else:
        raise AssertionError(f"the reducer does not know {kind}")
    return state
