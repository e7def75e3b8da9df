"""The personal calendar feed's secret key."""

from django.db import transaction

from meetings.models import User
from meetings.models.people import new_calendar_key


@transaction.atomic
def calendar_key_reset(*, user: User) -> str:
    """Issue a new key; the old feed address answers 404 from now on."""
    user.calendar_key = new_calendar_key()
    user.save(update_fields=["calendar_key"])
    return user.calendar_key
