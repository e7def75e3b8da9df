"""The socket's user from the session, read on the thread pool (see realtime/threads.py)."""

from channels.auth import AuthMiddleware, get_user
from channels.sessions import CookieMiddleware, SessionMiddleware

from realtime.threads import in_pool

_get_user_in_pool = in_pool(get_user.func)


class PooledAuthMiddleware(AuthMiddleware):
    async def resolve_scope(self, scope: dict) -> None:
        scope["user"]._wrapped = await _get_user_in_pool(scope)


def auth_middleware_stack(inner):
    """Channels' AuthMiddlewareStack, with the user read on the pool."""
    return CookieMiddleware(SessionMiddleware(PooledAuthMiddleware(inner)))
