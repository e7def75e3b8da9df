"""The video attendance log: the video client reports joining and leaving; a lost socket leaves."""

import pytest
from channels.db import database_sync_to_async

from realtime.models import VideoSession
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect

pytestmark = pytest.mark.asyncio


def _sessions(live: Live) -> list[tuple]:
    sessions = VideoSession.objects.filter(meeting=live.meeting).order_by("pk")
    return list(sessions.values_list("pk", "user_id", "bridge_point_id", "participant_id"))


def _open_ids(live: Live) -> list[int]:
    sessions = VideoSession.objects.filter(meeting=live.meeting, left_at__isnull=True)
    return list(sessions.order_by("pk").values_list("pk", flat=True))


sessions = database_sync_to_async(_sessions)
open_ids = database_sync_to_async(_open_ids)


async def test_joining_before_the_start_is_logged_and_shown_to_the_host(live: Live):
    host = await connect(live.organizer, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    answer = await delegate.request("video.joined", {"participant_id": "a1b2c3"})
    assert answer["type"] == "ack"
    session_id = answer["session_id"]
    event = (await host.event("video.session"))["payload"]["session"]
    assert event["id"] == session_id
    assert (event["user_id"], event["name"]) == (live.delegate.pk, live.delegate.display_name)
    # No room given: the one the delegate was invited to attend from.
    assert event["bridge_point_id"] == live.rooms[0].pk
    assert event["joined_at"] and event["left_at"] is None
    assert await sessions(live) == [(session_id, live.delegate.pk, live.rooms[0].pk, "a1b2c3")]
    await host.close()
    await delegate.close()


async def test_the_same_video_participant_joining_twice_is_one_session(live: Live):
    delegate = await connect(live.delegate, live.meeting)
    first = await delegate.request("video.joined", {"participant_id": "a1b2c3"})
    again = await delegate.request("video.joined", {"participant_id": "a1b2c3"})
    assert again["session_id"] == first["session_id"]
    await delegate.event("video.session")
    assert await delegate.nothing_more()
    assert len(await sessions(live)) == 1
    await delegate.close()


async def test_leaving_closes_the_session_for_every_screen(live: Live):
    host = await connect(live.organizer, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    joined = await delegate.request("video.joined", {"participant_id": "a1b2c3"})
    assert (await delegate.request("video.left"))["type"] == "ack"
    await host.event("video.session")
    left = (await host.event("video.session"))["payload"]["session"]
    assert left["id"] == joined["session_id"]
    assert left["left_at"] >= left["joined_at"]
    assert await open_ids(live) == []
    # Leaving again has nothing to close and says so with no event.
    assert (await delegate.request("video.left"))["type"] == "ack"
    assert await host.nothing_more()
    await host.close()
    await delegate.close()


async def test_a_lost_socket_closes_its_video_sessions(live: Live):
    delegate = await connect(live.delegate, live.meeting)
    other_tab = await connect(live.delegate2, live.meeting)
    mine = (await delegate.request("video.joined", {"participant_id": "p1"}))["session_id"]
    theirs = (await other_tab.request("video.joined", {"participant_id": "p2"}))["session_id"]
    await delegate.close()
    assert await open_ids(live) == [theirs]
    closed = (await other_tab.event("video.session"))["payload"]["session"]
    while closed["id"] != mine or closed["left_at"] is None:
        closed = (await other_tab.event("video.session"))["payload"]["session"]
    assert closed["left_at"]
    await other_tab.close()
    assert await open_ids(live) == []


async def test_the_room_given_by_the_client_counts_only_if_the_person_may_speak_for_it(
    live: Live,
):
    operator = await connect(live.operator, live.meeting)
    organizer = await connect(live.organizer, live.meeting)
    delegate2 = await connect(live.delegate2, live.meeting)
    # Another commune's room: the operator's own room is logged instead.
    await operator.request(
        "video.joined", {"participant_id": "op", "bridge_point_id": live.rooms[1].pk}
    )
    await organizer.request(
        "video.joined", {"participant_id": "host", "bridge_point_id": live.main_room.pk}
    )
    await delegate2.request(
        "video.joined", {"participant_id": "d2", "bridge_point_id": live.rooms[1].pk}
    )
    logged = {user: room for _, user, room, _ in await sessions(live)}
    assert logged == {
        live.operator.pk: live.rooms[0].pk,
        live.organizer.pk: live.main_room.pk,
        live.delegate2.pk: live.rooms[1].pk,
    }
    for client in (operator, organizer, delegate2):
        await client.close()


async def test_no_new_video_session_once_the_meeting_ended(live: Live):
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    await chair.request("meeting.start")
    await delegate.request("video.joined", {"participant_id": "a1"})
    await chair.request("meeting.end")
    answer = await delegate.request("video.joined", {"participant_id": "a2"})
    assert answer["code"] == "wrong_status"
    # Leaving after the end still closes what was open, so the log has an end time.
    assert (await delegate.request("video.left"))["type"] == "ack"
    assert await open_ids(live) == []
    assert len(await sessions(live)) == 1
    await chair.close()
    await delegate.close()


async def test_a_video_join_without_a_participant_id_is_refused(live: Live):
    delegate = await connect(live.delegate, live.meeting)
    answer = await delegate.request("video.joined", {"participant_id": ""})
    assert answer["code"] == "invalid"
    assert "participant_id" in answer["errors"]
    answer = await delegate.request("video.joined", {"participant_id": "x" * 65})
    assert "participant_id" in answer["errors"]
    assert await sessions(live) == []
    await delegate.close()
