"""Pages speak Vietnamese first, whatever the browser's language, until the user switches."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_vietnamese_pages(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


def test_the_language_switch_turns_pages_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    response = client.get(reverse("login"))
    assert response["Content-Language"] == "en"
    assert "Sign in" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_vietnamese(client):
    client.cookies["django_language"] = "fr"
    assert client.get(reverse("login"))["Content-Language"] == "vi"
