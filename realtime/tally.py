"""Whether a vote passed, and each option's share of the votes cast.

Pure: no ORM, so the arithmetic the minutes rely on is tested without a database.
Option 0 is the "yes" option (Tán thành); the rule counts only it.
"""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

HALF_PRESENT = "half_present"
HALF_MEMBERS = "half_members"
TWO_THIRDS = "two_thirds"

CENT = Decimal("0.01")


def passes(rule: str, counts: Sequence[int], *, members: int, present: int) -> bool:
    """More than half of those present, more than half of all members, or two thirds of them
    chose option 0. A vote nobody approved never passes, even in an empty room."""
    yes = counts[0] if counts else 0
    if rule == HALF_PRESENT:
        met = yes * 2 > present
    elif rule == HALF_MEMBERS:
        met = yes * 2 > members
    elif rule == TWO_THIRDS:
        met = yes * 3 >= members * 2
    else:
        raise ValueError(f"unknown rule {rule!r}")
    return met and yes > 0


def percentages(counts: Sequence[int]) -> list[Decimal]:
    """Each option's share of the votes cast, in percent to 2 decimals (half rounds up)."""
    total = sum(counts)
    if total == 0:
        return [Decimal("0.00") for _ in counts]
    return [(Decimal(100 * count) / total).quantize(CENT, ROUND_HALF_UP) for count in counts]
