"""The socket's user comes from the session by Django's rule, read for many sockets at once."""

from datetime import timedelta

import pytest
from channels.testing import WebsocketCommunicator
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.asgi import application
from meetings.models import Role, User
from realtime.auth import users_for_sessions
from tests.realtime.conftest import Live
from tests.realtime.live_support import ORIGIN, TIMEOUT, session_cookie
from tests.world import make_user


def _key(user: User) -> str:
    return session_cookie(user).decode().split("=", 1)[1]


def test_many_sessions_are_read_in_two_queries(db, world):
    people = [make_user(f"screen{n}", world.communes[0], Role.DELEGATE) for n in range(20)]
    keys = [_key(person) for person in people]
    with CaptureQueriesContext(connection) as queries:
        found = users_for_sessions([*keys, "no-such-session"])
    assert len(queries.captured_queries) == 2
    assert {key: user.pk for key, user in found.items()} == {
        key: person.pk for key, person in zip(keys, people, strict=True)
    }


def test_a_session_no_longer_valid_gives_nobody(db, world):
    changed, inactive, expired, fine = (
        make_user(name, world.communes[0], Role.DELEGATE)
        for name in ("changed", "inactive", "expired", "fine")
    )
    keys = {person.username: _key(person) for person in (changed, inactive, expired, fine)}
    changed.set_password("a-new-password-2026")  # signs out the sessions opened before
    changed.save()
    User.objects.filter(pk=inactive.pk).update(is_active=False)
    Session.objects.filter(session_key=keys["expired"]).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    anonymous = Session.objects.create(
        session_key="x" * 32, session_data="not signed", expire_date=timezone.now() + timedelta(1)
    )
    found = users_for_sessions([*keys.values(), anonymous.session_key])
    assert [user.username for user in found.values()] == ["fine"]


@pytest.mark.asyncio
async def test_a_socket_with_a_session_signed_out_by_a_password_change_is_refused(live: Live):
    from channels.db import database_sync_to_async

    cookie = await database_sync_to_async(session_cookie)(live.delegate)

    def change_password() -> None:
        live.delegate.set_password("another-password-2026")
        live.delegate.save()

    await database_sync_to_async(change_password)()
    headers = [(b"origin", ORIGIN), (b"cookie", cookie)]
    communicator = WebsocketCommunicator(application, f"/ws/meetings/{live.meeting.pk}/", headers)
    connected, _code = await communicator.connect(timeout=TIMEOUT)
    assert not connected
