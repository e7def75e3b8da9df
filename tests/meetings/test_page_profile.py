from django.conf import settings
from django.urls import NoReverseMatch, reverse

from tests.meetings.page_helpers import text

URL = reverse("profile")


def test_profile_lists_units_and_roles(client, world):
    client.force_login(world.operator)
    response = client.get(URL)
    assert response.status_code == 200
    page = text(response)
    assert "Kỹ thuật điểm cầu" in page
    assert "Xã Thử 1" in page


def test_profile_shows_the_calendar_feed_when_available(client, world):
    client.force_login(world.organizer)
    page = text(client.get(URL))
    try:
        feed = settings.SITE_URL + reverse("calendar-feed", args=[world.organizer.calendar_key])
    except NoReverseMatch:  # the feed route is built alongside these pages
        assert "Chức năng lịch đồng bộ chưa sẵn sàng." in page
    else:
        assert feed in page
        assert "Google Calendar" in page


def test_profile_needs_sign_in(client, db):
    assert client.get(URL).status_code == 302
