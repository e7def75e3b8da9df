"""The readiness light of a bridge point: pure, so the board and its tests agree."""

from typing import Literal

Light = Literal["green", "amber", "red"]


def light(*, technician_present: bool, video_tested: bool, connection_quality: str) -> Light:
    """Green: staffed, tested and a good link. Red: no technician or a poor link. Else amber.

    A room that has not checked in has no light at all: the board lists it apart.
    """
    if not technician_present or connection_quality == "poor":
        return "red"
    if video_tested and connection_quality == "good":
        return "green"
    return "amber"


def quality_from_stats(stats: dict) -> str:
    """Good / fair / poor from what the video client measured; unknown without figures.

    `connection_quality` is Jitsi's own 0–100 score; `packet_loss` a percentage.
    """
    score = stats.get("connection_quality")
    loss = stats.get("packet_loss")
    if not isinstance(score, int | float) and not isinstance(loss, int | float):
        return "unknown"
    score = score if isinstance(score, int | float) else 100
    loss = loss if isinstance(loss, int | float) else 0
    if score >= 70 and loss < 2:
        return "good"
    if score >= 30 and loss < 10:
        return "fair"
    return "poor"
