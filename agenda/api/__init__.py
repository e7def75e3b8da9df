"""API routers for agendas and documents; mounted by config/api.py."""

from agenda.api.distribution import router as distribution_router
from agenda.api.documents import router as documents_router
from agenda.api.items import router as items_router

routers: list = [items_router, documents_router, distribution_router]
