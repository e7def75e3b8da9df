"""API routers for agendas and documents; mounted by config/api.py."""

from agenda.api.archive import router as archive_router
from agenda.api.distribution import router as distribution_router
from agenda.api.documents import router as documents_router
from agenda.api.items import router as items_router
from agenda.api.minutes import router as minutes_router
from agenda.api.tasks import router as tasks_router
from agenda.api.verify import router as verify_router

routers: list = [items_router, documents_router, distribution_router]
routers.append(tasks_router)
routers.append(archive_router)
routers.append(minutes_router)
routers.append(verify_router)
