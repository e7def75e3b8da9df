"""ASGI entry point: HTTP through Django, WebSocket through the Channels router."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from realtime.auth import auth_middleware_stack  # noqa: E402
from realtime.routing import websocket_urlpatterns  # noqa: E402


def websocket_application() -> ProtocolTypeRouter:
    """The whole stack; sockets only from ALLOWED_HOSTS origins, with the session's user."""
    return ProtocolTypeRouter(
        {
            "http": django_asgi_app,
            "websocket": AllowedHostsOriginValidator(
                auth_middleware_stack(URLRouter(websocket_urlpatterns))
            ),
        }
    )


application = websocket_application()
