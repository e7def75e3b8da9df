"""GET /api/units, /api/bridge-points and /api/bridge-points/{id}: the directory."""

from tests.meetings.api_support import ApiClient


def test_units_list_every_unit(world):
    response = ApiClient(world.delegate).get("/api/units")
    assert response.status_code == 200
    names = {u["name"] for u in response.json()}
    assert names == {"Tỉnh Lạng Sơn", "Xã Thử 1", "Xã Thử 2", "Xã Thử 3", "Tỉnh Cao Bằng"}


def test_units_of_a_parent(world):
    response = ApiClient(world.delegate).get("/api/units", {"parent": world.province.pk})
    assert [u["name"] for u in response.json()] == ["Xã Thử 1", "Xã Thử 2", "Xã Thử 3"]
    assert {u["parent_id"] for u in response.json()} == {world.province.pk}


def test_units_refuse_a_non_numeric_parent(world):
    response = ApiClient(world.delegate).get("/api/units", {"parent": "tinh"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"parent": ["Nhập một số nguyên."]}


def test_bridge_points_search_by_name_or_unit(world):
    client = ApiClient(world.outsider)
    found = client.get("/api/bridge-points", {"q": "cao bằng"}).json()
    assert [bp["id"] for bp in found] == [world.other_room.pk]
    found = client.get("/api/bridge-points", {"q": "Xã Thử 2"}).json()
    assert [bp["id"] for bp in found] == [world.rooms[1].pk]


def test_bridge_points_of_a_unit_include_its_child_units(world):
    found = ApiClient(world.outsider).get("/api/bridge-points", {"unit": world.province.pk}).json()
    assert {bp["id"] for bp in found} == {world.main_room.pk, *(r.pk for r in world.rooms)}


def test_bridge_point_detail(world):
    room = world.rooms[1]
    response = ApiClient(world.operator).get(f"/api/bridge-points/{room.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["unit"] == {"id": room.unit_id, "name": "Xã Thử 2"}
    assert body["distance_km"] == 20.0 and body["travel_minutes"] == 40


def test_unknown_bridge_point_is_404(world):
    response = ApiClient(world.operator).get("/api/bridge-points/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy điểm cầu."}


def test_directory_needs_credentials(world):
    assert ApiClient().get("/api/bridge-points").status_code == 401
    assert ApiClient().get(f"/api/bridge-points/{world.main_room.pk}").status_code == 401
