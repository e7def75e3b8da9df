"""Readiness: operators check their bridge point in; the host sees green, amber or red."""

from datetime import timedelta

import pytest
from channels.db import database_sync_to_async

from meetings.models import Meeting
from realtime.models import CheckIn
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect

pytestmark = pytest.mark.asyncio

READY = {"technician_present": True, "video_tested": True, "headcount": 7}


async def test_operator_checks_in_and_the_host_sees_it_green(live: Live):
    chair = await connect(live.chair, live.meeting)
    operator = await connect(live.operator, live.meeting)
    payload = {**READY, "bridge_point_id": live.rooms[0].pk, "connection_quality": "good"}
    assert (await operator.request("checkin.submit", payload))["type"] == "ack"
    event = await chair.event("checkin.updated")
    entry = event["payload"]["check_in"]
    assert entry["bridge_point_id"] == live.rooms[0].pk
    assert entry["readiness"] == "green"
    assert entry["headcount"] == 7
    assert entry["checked_in_by"] == live.operator.display_name
    await chair.close()
    await operator.close()


async def test_quality_comes_from_the_video_statistics_when_not_given(live: Live):
    operator = await connect(live.operator, live.meeting)
    payload = {
        **READY,
        "bridge_point_id": live.rooms[0].pk,
        "connection_stats": {"connection_quality": 45, "packet_loss": 4.5},
    }
    answer = await operator.request("checkin.submit", payload)
    assert answer["connection_quality"] == "fair"
    event = await operator.event("checkin.updated")
    assert event["payload"]["check_in"]["readiness"] == "amber"
    await operator.close()


async def test_an_operator_cannot_check_in_another_room(live: Live):
    operator = await connect(live.operator, live.meeting)
    answer = await operator.request(
        "checkin.submit", {**READY, "bridge_point_id": live.rooms[1].pk}
    )
    assert answer["code"] == "forbidden"
    exists = await database_sync_to_async(CheckIn.objects.filter(meeting=live.meeting).exists)()
    assert not exists
    await operator.close()


async def test_a_delegate_cannot_check_in(live: Live):
    delegate = await connect(live.delegate, live.meeting)
    answer = await delegate.request(
        "checkin.submit", {**READY, "bridge_point_id": live.rooms[0].pk}
    )
    assert answer["code"] == "forbidden"
    await delegate.close()


async def test_check_in_opens_an_hour_before_the_start(live: Live):
    await database_sync_to_async(
        lambda: Meeting.objects.filter(pk=live.meeting.pk).update(
            start=live.meeting.start + timedelta(hours=2), end=live.meeting.end + timedelta(hours=2)
        )
    )()
    operator = await connect(live.operator, live.meeting)
    answer = await operator.request(
        "checkin.submit", {**READY, "bridge_point_id": live.rooms[0].pk}
    )
    assert answer["code"] == "too_early"
    assert answer["message"].startswith("Chưa đến giờ điểm danh: mở từ ")
    await operator.close()


async def test_negative_headcount_is_refused(live: Live):
    operator = await connect(live.operator, live.meeting)
    answer = await operator.request(
        "checkin.submit", {**READY, "headcount": -1, "bridge_point_id": live.rooms[0].pk}
    )
    assert answer["code"] == "invalid"
    assert "headcount" in answer["errors"]
    await operator.close()
