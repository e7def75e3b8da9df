"""The quorum rule: pure, so the roll call board, the votes and their tests agree."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Quorum:
    members: int
    present: int
    percent: int
    needed: int
    met: bool


def needed_present(members: int, percent: int) -> int:
    """At least `percent` % of the members, rounded up (66 % of 3 members needs 2)."""
    return -(-percent * members // 100)  # integer ceiling: no float rounding at the edges


def quorum(*, members: int, present: int, percent: int) -> Quorum:
    """Whether enough members are present; a meeting without members has no quorum."""
    needed = needed_present(members, percent)
    return Quorum(
        members=members,
        present=present,
        percent=percent,
        needed=needed,
        met=members > 0 and present >= needed,
    )
