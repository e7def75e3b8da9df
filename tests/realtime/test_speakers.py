"""Asking to speak, giving the floor, ending turns: the queue every screen sees."""

from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from meetings.services.scheduling import meeting_schedule
from realtime.models import MeetingEvent, SpeakerRequest
from tests.realtime.conftest import Live
from tests.realtime.live_support import LiveClient, connect
from tests.world import make_user

pytestmark = pytest.mark.asyncio


async def _live_room(live: Live) -> LiveClient:
    """The chair's socket, in a meeting that has started."""
    chair = await connect(live.chair, live.meeting)
    assert (await chair.request("meeting.start"))["type"] == "ack"
    await chair.event("meeting.state")
    return chair


async def _queue(client: LiveClient) -> list[dict]:
    return (await client.event("speakers.updated"))["payload"]["speakers"]


def _row(request_id: int) -> SpeakerRequest:
    return SpeakerRequest.objects.get(pk=request_id)


def _event_count(live: Live) -> int:
    return MeetingEvent.objects.filter(meeting_id=live.meeting.pk).count()


async def test_a_request_reaches_the_chair_and_the_turn_is_timed(live: Live):
    chair = await _live_room(live)
    delegate = await connect(live.delegate, live.meeting)
    answer = await delegate.request("speaker.request", {"topic": "  Về kinh phí chống lụt  "})
    assert answer["type"] == "ack"
    request_id = answer["request_id"]

    [waiting] = await _queue(chair)
    assert waiting["id"] == request_id
    assert waiting["user_id"] == live.delegate.pk
    assert waiting["name"] == live.delegate.display_name
    assert waiting["bridge_point_id"] == live.rooms[0].pk
    assert waiting["bridge_point_name"] == live.rooms[0].name
    assert waiting["item_id"] == live.items[0].pk
    assert waiting["topic"] == "Về kinh phí chống lụt"
    assert (waiting["status"], waiting["source"]) == ("waiting", "app")
    assert waiting["started_at"] is None

    assert (await chair.request("speaker.grant", {"request_id": request_id}))["type"] == "ack"
    [speaking] = await _queue(chair)
    assert speaking["status"] == "speaking"
    assert speaking["started_at"] and speaking["ended_at"] is None
    seen_by_delegate = [(await _queue(delegate))[0]["status"] for _ in range(2)]
    assert seen_by_delegate == ["waiting", "speaking"]  # everyone sees who speaks

    assert (await chair.request("speaker.end"))["type"] == "ack"
    [done] = await _queue(delegate)
    assert done["status"] == "done"
    assert done["started_at"] == speaking["started_at"]
    assert done["ended_at"] >= done["started_at"]

    row = await database_sync_to_async(_row)(request_id)
    assert row.status == SpeakerRequest.Status.DONE
    assert row.started_at is not None and row.ended_at is not None
    assert row.requested_by_id == live.delegate.pk
    await chair.close()
    await delegate.close()


async def test_giving_the_floor_ends_the_current_turn_and_the_queue_keeps_its_order(live: Live):
    chair = await _live_room(live)
    first = await connect(live.delegate, live.meeting)
    second = await connect(live.delegate2, live.meeting)
    third = await connect(live.observer, live.meeting)
    ids = [
        (await client.request("speaker.request"))["request_id"] for client in (first, second, third)
    ]
    for _ in ids:
        await _queue(chair)
    await chair.request("speaker.grant", {"request_id": ids[1]})
    assert [(s["id"], s["status"]) for s in await _queue(chair)] == [
        (ids[1], "speaking"),
        (ids[0], "waiting"),
        (ids[2], "waiting"),
    ]
    await chair.request("speaker.grant", {"request_id": ids[2]})
    queue = await _queue(chair)
    assert [(s["id"], s["status"]) for s in queue] == [
        (ids[1], "done"),
        (ids[2], "speaking"),
        (ids[0], "waiting"),
    ]
    assert queue[0]["ended_at"] == queue[1]["started_at"]
    # A repeated click on the same grant changes nothing.
    before = await database_sync_to_async(_event_count)(live)
    assert (await chair.request("speaker.grant", {"request_id": ids[2]}))["type"] == "ack"
    assert await database_sync_to_async(_event_count)(live) == before
    for client in (chair, first, second, third):
        await client.close()


async def test_asking_again_keeps_the_first_request(live: Live):
    chair = await _live_room(live)
    delegate = await connect(live.delegate, live.meeting)
    first = await delegate.request("speaker.request", {"topic": "Ý kiến 1"})
    await _queue(chair)
    before = await database_sync_to_async(_event_count)(live)
    again = await delegate.request("speaker.request", {"topic": "Ý kiến 2", "source": "video"})
    assert again["request_id"] == first["request_id"]
    assert await database_sync_to_async(_event_count)(live) == before
    assert await chair.nothing_more()
    count = await database_sync_to_async(
        SpeakerRequest.objects.filter(meeting=live.meeting).count
    )()
    assert count == 1
    # Once the turn is over the person may ask again.
    await chair.request("speaker.grant", {"request_id": first["request_id"]})
    await chair.request("speaker.end")
    third = await delegate.request("speaker.request")
    assert third["request_id"] != first["request_id"]
    await chair.close()
    await delegate.close()


async def test_a_raised_hand_in_the_video_is_a_request(live: Live):
    chair = await _live_room(live)
    delegate = await connect(live.delegate2, live.meeting)
    await delegate.request("speaker.request", {"source": "video"})
    [hand] = await _queue(chair)
    assert (hand["source"], hand["bridge_point_id"]) == ("video", live.rooms[1].pk)
    await chair.close()
    await delegate.close()


async def test_an_operator_asks_for_a_delegate_of_their_room_and_for_the_room(live: Live):
    chair = await _live_room(live)
    operator = await connect(live.operator, live.meeting)
    for_delegate = await operator.request("speaker.request", {"user_id": live.delegate.pk})
    assert for_delegate["type"] == "ack"
    [entry] = await _queue(chair)
    assert (entry["user_id"], entry["bridge_point_id"]) == (live.delegate.pk, live.rooms[0].pk)
    row = await database_sync_to_async(_row)(for_delegate["request_id"])
    assert row.requested_by_id == live.operator.pk

    for_room = await operator.request("speaker.request")
    queue = await _queue(chair)
    assert [(s["user_id"], s["bridge_point_id"]) for s in queue] == [
        (live.delegate.pk, live.rooms[0].pk),
        (live.operator.pk, live.rooms[0].pk),
    ]
    assert queue[1]["id"] == for_room["request_id"]

    # Whoever asked may take the request back.
    withdrawn = await operator.request(
        "speaker.withdraw", {"request_id": for_delegate["request_id"]}
    )
    assert withdrawn["type"] == "ack"
    assert [s["user_id"] for s in await _queue(chair)] == [live.operator.pk]
    await chair.close()
    await operator.close()


async def test_an_operator_cannot_ask_for_someone_of_another_room(live: Live):
    await (await _live_room(live)).close()
    operator = await connect(live.operator, live.meeting)
    answer = await operator.request("speaker.request", {"user_id": live.delegate2.pk})
    assert answer["code"] == "forbidden"
    assert "cán bộ kỹ thuật của điểm cầu" in answer["message"]
    delegate = await connect(live.delegate, live.meeting)
    answer = await delegate.request("speaker.request", {"user_id": live.delegate2.pk})
    assert answer["code"] == "forbidden"
    count = await database_sync_to_async(
        SpeakerRequest.objects.filter(meeting=live.meeting).count
    )()
    assert count == 0
    await operator.close()
    await delegate.close()


async def test_the_chair_adds_anyone_invited_but_no_one_else(live: Live):
    chair = await _live_room(live)
    answer = await chair.request("speaker.request", {"user_id": live.delegate2.pk})
    assert answer["type"] == "ack"
    [entry] = await _queue(chair)
    assert (entry["user_id"], entry["bridge_point_id"]) == (live.delegate2.pk, live.rooms[1].pk)
    answer = await chair.request("speaker.request", {"user_id": live.outsider.pk})
    assert answer["code"] == "invalid"
    assert answer["errors"]["user_id"] == ["Người này không được mời dự cuộc họp."]
    await chair.close()


async def test_a_stranger_to_the_meeting_cannot_ask_for_the_floor(live: Live):
    await (await _live_room(live)).close()
    # The secretary is not a participant and runs no bridge point.
    secretary = await connect(live.secretary, live.meeting)
    answer = await secretary.request("speaker.request")
    assert answer["code"] == "forbidden"
    assert answer["message"] == "Chỉ người được mời dự họp mới đăng ký phát biểu được."
    await secretary.close()


async def test_lowering_all_hands_keeps_the_speaker(live: Live):
    chair = await _live_room(live)
    clients = [await connect(u, live.meeting) for u in (live.delegate, live.delegate2)]
    ids = [(await c.request("speaker.request"))["request_id"] for c in clients]
    await chair.request("speaker.request", {"user_id": live.observer.pk})
    await chair.request("speaker.grant", {"request_id": ids[0]})
    answer = await chair.request("speaker.lower_all")
    assert answer == {"type": "ack", "in_response": answer["in_response"], "count": 2}
    for _ in range(5):  # three requests, the grant, then the lowered hands
        queue = await _queue(chair)
    assert [(s["id"], s["status"]) for s in queue] == [(ids[0], "speaking")]
    statuses = await database_sync_to_async(
        lambda: sorted(
            SpeakerRequest.objects.filter(meeting=live.meeting).values_list("status", flat=True)
        )
    )()
    assert statuses == ["removed", "removed", "speaking"]
    # Nothing left to lower: acknowledged, no event.
    before = await database_sync_to_async(_event_count)(live)
    assert (await chair.request("speaker.lower_all"))["count"] == 0
    assert await database_sync_to_async(_event_count)(live) == before
    delegate = clients[1]
    refused = await delegate.request("speaker.lower_all")
    assert refused["code"] == "forbidden"
    for client in (chair, *clients):
        await client.close()


async def test_withdrawing_a_request(live: Live):
    chair = await _live_room(live)
    delegate = await connect(live.delegate, live.meeting)
    other = await connect(live.delegate2, live.meeting)
    request_id = (await delegate.request("speaker.request"))["request_id"]
    await _queue(chair)
    refused = await other.request("speaker.withdraw", {"request_id": request_id})
    assert refused["code"] == "forbidden"
    assert (await delegate.request("speaker.withdraw", {"request_id": request_id}))["type"] == "ack"
    assert await _queue(chair) == []
    # A resend after a reconnect is answered the same way, without a new event.
    again = await delegate.request("speaker.withdraw", {"request_id": request_id})
    assert again["type"] == "ack"
    assert await chair.nothing_more()
    row = await database_sync_to_async(_row)(request_id)
    assert row.status == SpeakerRequest.Status.WITHDRAWN
    for client in (chair, delegate, other):
        await client.close()


async def test_the_chair_withdraws_for_someone(live: Live):
    chair = await _live_room(live)
    delegate = await connect(live.delegate, live.meeting)
    request_id = (await delegate.request("speaker.request"))["request_id"]
    assert (await chair.request("speaker.withdraw", {"request_id": request_id}))["type"] == "ack"
    row = await database_sync_to_async(_row)(request_id)
    assert row.status == SpeakerRequest.Status.WITHDRAWN
    await chair.close()
    await delegate.close()


async def test_removing_a_request(live: Live):
    chair = await _live_room(live)
    delegate = await connect(live.delegate, live.meeting)
    ids = [
        (await delegate.request("speaker.request"))["request_id"],
        (await chair.request("speaker.request", {"user_id": live.delegate2.pk}))["request_id"],
    ]
    refused = await delegate.request("speaker.remove", {"request_id": ids[1]})
    assert refused["code"] == "forbidden"
    assert (await chair.request("speaker.remove", {"request_id": ids[1]}))["type"] == "ack"
    for _ in range(3):
        queue = await _queue(chair)
    assert [s["id"] for s in queue] == [ids[0]]
    row = await database_sync_to_async(_row)(ids[1])
    assert row.status == SpeakerRequest.Status.REMOVED
    # A turn under way is ended, not removed; a finished request cannot come back.
    await chair.request("speaker.grant", {"request_id": ids[0]})
    refused = await chair.request("speaker.remove", {"request_id": ids[0]})
    assert refused["code"] == "invalid"
    assert "kết thúc lượt phát biểu" in refused["message"]
    refused = await chair.request("speaker.grant", {"request_id": ids[1]})
    assert refused["code"] == "invalid"
    assert refused["message"] == "Đăng ký phát biểu này đã kết thúc."
    await chair.close()
    await delegate.close()


async def test_the_speaker_ends_their_own_turn_and_no_one_else_can(live: Live):
    chair = await _live_room(live)
    speaker = await connect(live.delegate, live.meeting)
    other = await connect(live.delegate2, live.meeting)
    request_id = (await speaker.request("speaker.request"))["request_id"]
    await chair.request("speaker.grant", {"request_id": request_id})
    refused = await other.request("speaker.end")
    assert refused["code"] == "forbidden"
    assert (await speaker.request("speaker.end"))["type"] == "ack"
    row = await database_sync_to_async(_row)(request_id)
    assert row.status == SpeakerRequest.Status.DONE
    refused = await chair.request("speaker.end")
    assert refused["code"] == "invalid"
    assert refused["message"] == "Không có ai đang phát biểu."
    for client in (chair, speaker, other):
        await client.close()


async def test_only_the_chair_gives_the_floor(live: Live):
    chair = await _live_room(live)
    delegate = await connect(live.delegate, live.meeting)
    request_id = (await delegate.request("speaker.request"))["request_id"]
    refused = await delegate.request("speaker.grant", {"request_id": request_id})
    assert refused["code"] == "forbidden"
    organizer = await connect(live.organizer, live.meeting)
    granted = await organizer.request("speaker.grant", {"request_id": request_id})
    assert granted["type"] == "ack"
    for client in (chair, delegate, organizer):
        await client.close()


async def test_the_queue_is_closed_outside_the_live_meeting(live: Live):
    delegate = await connect(live.delegate, live.meeting)
    refused = await delegate.request("speaker.request")
    assert refused["code"] == "not_live"
    chair = await _live_room(live)
    request_id = (await delegate.request("speaker.request"))["request_id"]
    await chair.request("meeting.end")
    refused = await delegate.request("speaker.request")
    assert refused["code"] == "not_live"
    refused = await chair.request("speaker.grant", {"request_id": request_id})
    assert refused["code"] == "not_live"
    await chair.close()
    await delegate.close()


async def test_ending_the_meeting_ends_the_turn(live: Live):
    chair = await _live_room(live)
    delegate = await connect(live.delegate, live.meeting)
    request_id = (await delegate.request("speaker.request"))["request_id"]
    await chair.request("speaker.grant", {"request_id": request_id})
    await chair.request("meeting.end")
    for _ in range(3):
        queue = await _queue(delegate)
    # No item is under discussion any more, so no turn is listed; the minutes keep it.
    assert queue == []
    row = await database_sync_to_async(_row)(request_id)
    assert row.status == SpeakerRequest.Status.DONE
    assert row.ended_at is not None
    await chair.close()
    await delegate.close()


async def test_unknown_requests_and_bad_payloads_are_refused(live: Live):
    chair = await _live_room(live)
    refused = await chair.request("speaker.grant", {"request_id": 999_999})
    assert refused["code"] == "not_found"
    assert refused["message"] == "Không tìm thấy đăng ký phát biểu này."
    refused = await chair.request("speaker.grant", {})
    assert refused["code"] == "invalid"
    assert "request_id" in refused["errors"]
    refused = await chair.request("speaker.request", {"source": "phone"})
    assert refused["code"] == "invalid"
    assert refused["errors"]["source"] == ["Chọn một trong: app, video."]
    refused = await chair.request("speaker.end", {"request_id": 1})
    assert refused["code"] == "invalid"
    delegate = await connect(live.delegate, live.meeting)
    refused = await delegate.request("speaker.request", {"topic": "x" * 301})
    assert refused["code"] == "invalid"
    assert refused["errors"]["topic"] == ["Nội dung phát biểu tối đa 300 ký tự."]
    await chair.close()
    await delegate.close()


async def test_a_request_of_another_meeting_is_not_found(live: Live):
    chair = await _live_room(live)
    other = await database_sync_to_async(_other_meetings_request)(live)
    for message_type in ("speaker.grant", "speaker.remove", "speaker.withdraw"):
        refused = await chair.request(message_type, {"request_id": other.pk})
        assert refused["code"] == "not_found", message_type
    row = await database_sync_to_async(_row)(other.pk)
    assert row.status == SpeakerRequest.Status.WAITING
    await chair.close()


def _other_meetings_request(live: Live) -> SpeakerRequest:
    meeting = meeting_schedule(
        actor=live.organizer,
        data=live.meeting_input(start=live.meeting.end + timedelta(days=1)),
        notify=False,
    )
    speaker = make_user("speaker_elsewhere")
    return SpeakerRequest.objects.create(
        meeting=meeting, user=speaker, requested_by=speaker, requested_at=timezone.now()
    )
