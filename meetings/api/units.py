"""The directory: units and their bridge points (any signed-in user may read it)."""

from django.http import HttpRequest
from ninja import Router

from meetings import selectors
from meetings.api.schemas import BridgePointOut, ErrorOut, UnitOut
from meetings.models import BridgePoint, Unit

router = Router(tags=["units"])


@router.get("/units", response={200: list[UnitOut], 401: ErrorOut})
def list_units(request: HttpRequest, parent: int | None = None) -> list[Unit]:
    """Every unit, or the direct children of `parent`."""
    return list(selectors.units_list(parent_id=parent))


@router.get("/bridge-points", response={200: list[BridgePointOut], 401: ErrorOut})
def list_bridge_points(
    request: HttpRequest, q: str = "", unit: int | None = None
) -> list[BridgePoint]:
    """Rooms by name, unit or address (`q`), or of a unit and its child units (`unit`)."""
    return list(selectors.directory_bridge_points(query=q.strip(), unit_id=unit))


@router.get(
    "/bridge-points/{bridge_point_id}", response={200: BridgePointOut, 401: ErrorOut, 404: ErrorOut}
)
def get_bridge_point(request: HttpRequest, bridge_point_id: int) -> BridgePoint:
    return selectors.bridge_point_get(bridge_point_id)
