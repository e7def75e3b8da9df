"""The test province the page benchmarks build. Call inside `throwaway_database()`."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from meetings.models import BridgePoint, Unit


def province_with_communes(count: int) -> tuple["Unit", list["Unit"], "BridgePoint"]:
    """The province "Tỉnh Thử" (code B0), its communes "Xã Thử 1…count" and its own meeting
    room, the main bridge point."""
    from meetings.models import BridgePoint, Unit

    province = Unit.objects.create(code="B0", name="Tỉnh Thử", kind=Unit.Kind.PROVINCE)
    communes = Unit.objects.bulk_create(
        Unit(code=f"B{n:04d}", name=f"Xã Thử {n}", kind=Unit.Kind.COMMUNE, parent=province)
        for n in range(1, count + 1)
    )
    main_room = BridgePoint.objects.create(unit=province, name="Phòng họp trực tuyến tỉnh")
    return province, communes, main_room


def analyze() -> None:
    """Fresh planner statistics after a bulk build, as autovacuum would gather them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
