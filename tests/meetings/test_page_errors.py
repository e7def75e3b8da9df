from django.template.loader import render_to_string
from django.urls import reverse

from tests.meetings.page_helpers import text


def test_403_page_is_in_vietnamese(client, world):
    client.force_login(world.operator)
    response = client.get(reverse("meeting-create"))
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện việc này" in text(response)


def test_404_page_is_in_vietnamese(client, world):
    client.force_login(world.organizer)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in text(response)


def test_500_page_renders_without_any_context():
    # Django renders it with an empty context when everything else has failed.
    page = render_to_string("500.html")
    assert "Hệ thống đang gặp sự cố" in page
