import pytest
from django.urls import reverse

from meetings.services.scheduling import meeting_cancel, meeting_schedule
from tests.meetings.calendar_support import only_event
from tests.world import PASSWORD


@pytest.fixture
def meeting(world):
    return meeting_schedule(actor=world.organizer, data=world.meeting_input())


def _get(client, user, meeting):
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client.get(reverse("meeting-ics", args=[meeting.pk]))


def test_url():
    assert reverse("meeting-ics", args=[7]) == "/meetings/7/invite.ics"


def test_invitee_downloads_the_request(client, world, meeting):
    response = _get(client, world.operator, meeting)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"].startswith("attachment;")
    calendar, event = only_event(response.content)
    assert calendar["METHOD"] == "REQUEST"
    assert event["UID"] == f"{meeting.uid}@diemcau"


def test_cancelled_meeting_downloads_as_cancel(client, world, meeting):
    meeting_cancel(actor=world.organizer, meeting_id=meeting.pk, reason="Bão")

    calendar, event = only_event(_get(client, world.chair, meeting).content)

    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1


def test_outsider_gets_404(client, world, meeting):
    assert _get(client, world.outsider, meeting).status_code == 404


def test_anonymous_is_sent_to_login(client, world, meeting):
    response = _get(client, None, meeting)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_post_is_refused(client, world, meeting):
    assert client.login(username=world.chair.username, password=PASSWORD)

    assert client.post(reverse("meeting-ics", args=[meeting.pk])).status_code == 405
