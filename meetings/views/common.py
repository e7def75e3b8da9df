"""What the page views share: who may book, and services' refusals as HTTP answers."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.exceptions import ValidationError

from meetings import selectors
from meetings.models import User
from meetings.services.errors import PermissionDenied

T = TypeVar("T")


def int_param(value: str | None) -> int | None:
    """A query-string id or number; anything else counts as not given."""
    return int(value) if value and value.isdigit() else None


def require_booker(user: User) -> None:
    """Only people who manage a unit may open the booking form (403 otherwise)."""
    if not (user.is_superuser or selectors.managed_unit_ids(user)):
        raise HttpForbidden


@contextmanager
def forbidden_as_403() -> Iterator[None]:
    """A service's PermissionDenied becomes Django's, which answers 403."""
    try:
        yield
    except PermissionDenied as refused:
        raise HttpForbidden(str(refused)) from refused


def run_service(call: Callable[[], T]) -> tuple[T | None, ValidationError | None]:
    """Call a service: its result, or its refusal for the page to show (a 403 is raised)."""
    try:
        with forbidden_as_403():
            return call(), None
    except ValidationError as refused:
        return None, refused
