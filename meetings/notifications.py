"""E-mail with calendar invitations; called after commit by the scheduling services."""


def send_calendar_invitations(meeting_id: int, method: str, user_ids: list[int]) -> None:
    """Send each user an e-mail carrying the meeting's iCalendar (REQUEST or CANCEL)."""
