from django.urls import reverse

from tests.world import PASSWORD

URL = "/calendar/reset-key/"


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_url_name():
    assert reverse("calendar-key-reset") == URL


def test_post_issues_a_new_key_and_goes_back(client, world):
    old_key = world.operator.calendar_key
    _login(client, world.operator)

    response = client.post(URL, {"next": "/account/"})

    assert response.status_code == 302
    assert response.url == "/account/"
    world.operator.refresh_from_db()
    assert world.operator.calendar_key != old_key
    assert client.get(reverse("calendar-feed", args=[old_key])).status_code == 404


def test_foreign_next_falls_back_to_the_profile(client, world):
    _login(client, world.operator)

    response = client.post(URL, {"next": "https://evil.example/"})

    assert response.status_code == 302
    assert response.url == reverse("profile")


def test_get_is_refused(client, world):
    old_key = world.operator.calendar_key
    _login(client, world.operator)

    assert client.get(URL).status_code == 405
    world.operator.refresh_from_db()
    assert world.operator.calendar_key == old_key


def test_anonymous_is_sent_to_login(client, world):
    response = client.post(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
