"""WebSocket routes."""

from django.urls import path

from realtime import handlers  # noqa: F401  (registers the message handlers)
from realtime.consumers import MeetingConsumer

websocket_urlpatterns = [
    path("ws/meetings/<int:meeting_id>/", MeetingConsumer.as_asgi()),
]
