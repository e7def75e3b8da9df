from django.urls import reverse

from meetings.models import BridgePoint
from tests.meetings.page_helpers import text

URL = reverse("bridge-points")


def test_directory_lists_rooms_with_technician_phone(client, world):
    BridgePoint.objects.filter(pk=world.rooms[0].pk).update(
        technician_name="Lê Văn Kỹ", technician_phone="0912 345 678", is_hardship=True
    )
    client.force_login(world.operator)
    response = client.get(URL)
    assert response.status_code == 200
    page = text(response)
    assert "Lê Văn Kỹ" in page
    assert 'href="tel:0912345678"' in page
    assert "Phòng họp Cao Bằng" in page
    assert "5 điểm cầu" in page


def test_search_and_unit_filter(client, world):
    client.force_login(world.delegate)
    assert "Phòng họp Cao Bằng" not in text(client.get(URL, {"q": "Xã Thử 2"}))
    assert "Xã Thử 2" in text(client.get(URL, {"q": "Xã Thử 2"}))
    page = text(client.get(URL, {"unit": world.other_province.pk}))
    assert "Phòng họp Cao Bằng" in page
    assert "1 điểm cầu" in page


def test_directory_needs_sign_in(client, db):
    assert client.get(URL).status_code == 302
