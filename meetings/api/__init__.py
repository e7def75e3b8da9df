"""API routers for units, bridge points and meetings; mounted by config/api.py."""

from meetings.api.meetings import router as meetings_router
from meetings.api.savings import router as savings_router
from meetings.api.units import router as units_router

routers = [units_router, meetings_router, savings_router]
