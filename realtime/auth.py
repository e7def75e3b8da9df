"""The socket's user from its session, read together with the sockets opening beside it.

The rule is Channels' `get_user` (the session names a user and a configured backend, the
user may log in, and the session's password hash still matches), applied to many sessions
in two queries: a thousand screens opening at once would otherwise read two rows each.
"""

from collections import defaultdict
from importlib import import_module

from channels.auth import AuthMiddleware
from channels.sessions import CookieMiddleware, SessionMiddleware
from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
    load_backend,
)
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from realtime.batching import batched


def users_for_sessions(session_keys: list[str]) -> dict[str, object]:
    """{session key: its signed-in user} for the keys whose session holds a valid login."""
    sessions = _session_data(session_keys)
    wanted: dict[str, dict[object, list[str]]] = defaultdict(lambda: defaultdict(list))
    for key, data in sessions.items():
        try:
            user_id = get_user_model()._meta.pk.to_python(data[SESSION_KEY])
            backend_path = data[BACKEND_SESSION_KEY]
        except (KeyError, ValidationError):
            continue
        if backend_path in settings.AUTHENTICATION_BACKENDS:
            wanted[backend_path][user_id].append(key)
    found = {}
    for backend_path, keys_by_user in wanted.items():
        users = _users(load_backend(backend_path), list(keys_by_user))
        for user_id, keys in keys_by_user.items():
            user = users.get(user_id)
            for key in keys:
                if user is not None and _hash_matches(sessions[key], user):
                    found[key] = user
    return found


def _session_data(session_keys: list[str]) -> dict[str, dict]:
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not issubclass(store_class, DatabaseSessionStore):
        return {key: store_class(key).load() for key in session_keys}
    rows = store_class.get_model_class().objects.filter(
        session_key__in=session_keys, expire_date__gt=timezone.now()
    )
    decode = store_class().decode
    return {key: decode(data) for key, data in rows.values_list("session_key", "session_data")}


def _users(backend, user_ids: list) -> dict:
    if isinstance(backend, ModelBackend):
        users = get_user_model()._default_manager.filter(pk__in=user_ids)
        return {user.pk: user for user in users if backend.user_can_authenticate(user)}
    return {user_id: backend.get_user(user_id) for user_id in user_ids}


def _hash_matches(session: dict, user) -> bool:
    """A password change (or a log-out everywhere) ends the sessions signed in before it."""
    if not hasattr(user, "get_session_auth_hash"):
        return True
    session_hash = session.get(HASH_SESSION_KEY)
    return bool(session_hash) and constant_time_compare(session_hash, user.get_session_auth_hash())


_user_for_session = batched(users_for_sessions)


class BatchedAuthMiddleware(AuthMiddleware):
    async def resolve_scope(self, scope: dict) -> None:
        key = scope["session"].session_key
        user = await _user_for_session(key) if key else None
        scope["user"]._wrapped = user or AnonymousUser()


def auth_middleware_stack(inner):
    """Channels' AuthMiddlewareStack, with users read together (see the module's note)."""
    return CookieMiddleware(SessionMiddleware(BatchedAuthMiddleware(inner)))
