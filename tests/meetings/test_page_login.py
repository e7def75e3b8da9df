from django.urls import reverse

from tests.meetings.page_helpers import text
from tests.world import PASSWORD


def test_sign_in_page_speaks_vietnamese(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Tên đăng nhập" in text(response)
    assert "Mật khẩu" in text(response)


def test_wrong_password_is_refused_in_vietnamese(client, world):
    response = client.post(reverse("login"), {"username": "organizer", "password": "sai"})
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu." in text(response)
    assert "_auth_user_id" not in client.session


def test_sign_in_lands_on_home(client, world):
    response = client.post(reverse("login"), {"username": "organizer", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert int(client.session["_auth_user_id"]) == world.organizer.pk


def test_pages_send_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_sign_out_needs_post(client, world):
    client.force_login(world.organizer)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
