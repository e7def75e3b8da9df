from django.urls import reverse

from meetings.services.calendar_keys import calendar_key_reset
from meetings.services.scheduling import meeting_cancel, meeting_schedule
from tests.meetings.calendar_support import parse
from tests.world import next_morning


def _feed(client, user):
    return client.get(reverse("calendar-feed", args=[user.calendar_key]))


def _uids(response) -> dict[str, str]:
    """UID → STATUS of every event in a feed response."""
    return {str(e["UID"]): str(e["STATUS"]) for e in parse(response.content).events}


def _book(world, *, days: int, title: str, **extra):
    return meeting_schedule(
        actor=world.organizer,
        allow_past=True,
        data=world.meeting_input(start=next_morning(days), title=title),
        **extra,
    )


def test_feed_needs_no_login_and_lists_the_users_meetings(client, world):
    coming = _book(world, days=3, title="Giao ban tuần")
    elsewhere = meeting_schedule(
        actor=world.organizer,
        data=world.meeting_input(start=next_morning(4), rooms=world.rooms[1:], title="Xã khác"),
    )

    response = _feed(client, world.operator)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = parse(response.content)
    assert "METHOD" not in calendar  # a subscription, not an invitation
    assert _uids(response) == {f"{coming.uid}@diemcau": "CONFIRMED"}
    assert f"{elsewhere.uid}@diemcau" in _uids(_feed(client, world.organizer))


def test_feed_reaches_back_ninety_days(client, world):
    recent = _book(world, days=-30, title="Tháng trước")
    _book(world, days=-100, title="Quý trước")

    assert set(_uids(_feed(client, world.chair))) == {f"{recent.uid}@diemcau"}


def test_cancelled_meeting_stays_marked_cancelled_and_drafts_stay_out(client, world):
    cancelled = _book(world, days=2, title="Bị hủy")
    meeting_cancel(actor=world.organizer, meeting_id=cancelled.pk, reason="Bão")
    _book(world, days=5, title="Dự thảo", as_draft=True)

    assert _uids(_feed(client, world.chair)) == {f"{cancelled.uid}@diemcau": "CANCELLED"}


def test_outsider_gets_an_empty_calendar(client, world):
    _book(world, days=3, title="Giao ban tuần")

    response = _feed(client, world.outsider)

    assert response.status_code == 200
    assert _uids(response) == {}


def test_unknown_key_is_not_found(client, world):
    response = client.get(reverse("calendar-feed", args=["khong-co-khoa-nay"]))

    assert response.status_code == 404


def test_inactive_user_feed_is_not_found(client, world):
    world.operator.is_active = False
    world.operator.save()

    assert _feed(client, world.operator).status_code == 404


def test_old_address_dies_when_the_key_is_reset(client, world):
    old_key = world.operator.calendar_key

    calendar_key_reset(user=world.operator)

    world.operator.refresh_from_db()
    assert world.operator.calendar_key != old_key
    assert client.get(reverse("calendar-feed", args=[old_key])).status_code == 404
    assert _feed(client, world.operator).status_code == 200


def test_feed_refuses_post(client, world):
    response = client.post(reverse("calendar-feed", args=[world.operator.calendar_key]))

    assert response.status_code == 405


def test_feed_cost_does_not_grow_with_meetings(client, world, django_assert_max_num_queries):
    for day in range(1, 9):
        _book(world, days=day * 2, title=f"Giao ban {day}")

    with django_assert_max_num_queries(8):
        response = _feed(client, world.operator)

    assert len(_uids(response)) == 8
