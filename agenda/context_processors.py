"""The unread-notices badge in the header."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from agenda.selectors_distribution import unread_notice_count


def unread_notices(request: HttpRequest) -> dict[str, object]:
    """`unread_notices`: counted only when a page shows it (one query), 0 when signed out."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notices": 0}
    return {"unread_notices": SimpleLazyObject(lambda: unread_notice_count(user))}
