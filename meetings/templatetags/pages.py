"""Small template helpers for the pages: Vietnamese weekday names and the booking right."""

from datetime import date, datetime

from django import template
from django.utils import timezone

from meetings import selectors
from meetings.vietnamese_dates import weekday_name

register = template.Library()


@register.filter
def weekday(value: date | datetime | None) -> str:
    """ "Thứ Hai" … "Chủ nhật" for a date, or for an instant in local time."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return weekday_name(value)


@register.simple_tag(takes_context=True)
def can_book(context: template.Context) -> bool:
    """Whether the signed-in user manages a unit, so may book meetings."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return False
    return request.user.is_superuser or bool(selectors.managed_unit_ids(request.user))
