"""API routers of the live room; mounted by config/api.py."""

from realtime.api.live import router

routers: list = [router]
