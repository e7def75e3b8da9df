"""What the header shows on every page: the unread-notices badge, the archive link."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from agenda.selectors_archive import has_archive
from agenda.selectors_distribution import unread_notice_count


def unread_notices(request: HttpRequest) -> dict[str, object]:
    """`unread_notices`: counted only when a page shows it (one query), 0 when signed out."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notices": 0}
    return {"unread_notices": SimpleLazyObject(lambda: unread_notice_count(user))}


def archive_link(request: HttpRequest) -> dict[str, object]:
    """`has_archive`: whether the header links to the archive (asked only when shown)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"has_archive": False}
    return {"has_archive": SimpleLazyObject(lambda: has_archive(user))}
