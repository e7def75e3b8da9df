"""WebSocket routes; the meeting socket arrives with the live-meeting issue."""

websocket_urlpatterns: list = []
