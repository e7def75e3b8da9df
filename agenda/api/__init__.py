"""API routers for agendas and documents; mounted by config/api.py."""

routers: list = []
