"""The secretary's live notes: they reach every screen and no writer silently overwrites another."""

import pytest
from channels.db import database_sync_to_async

from meetings.models import Meeting
from realtime.models import LiveNote, MeetingEvent
from tests.realtime.conftest import Live
from tests.realtime.live_support import LiveClient, connect

pytestmark = pytest.mark.asyncio


async def _started(live: Live) -> LiveClient:
    """The chair's socket, in a meeting that has started."""
    chair = await connect(live.chair, live.meeting)
    assert (await chair.request("meeting.start"))["type"] == "ack"
    await chair.event("meeting.state")
    return chair


def _note(item_id: int | None, text: str, base_version: int, kind: str = "note") -> dict:
    return {"item_id": item_id, "kind": kind, "text": text, "base_version": base_version}


def _rows(live: Live) -> list[tuple]:
    return list(
        LiveNote.objects.filter(meeting=live.meeting)
        .order_by("pk")
        .values_list("item_id", "kind", "text", "version", "updated_by")
    )


def _event_count(live: Live) -> int:
    return MeetingEvent.objects.filter(meeting_id=live.meeting.pk).count()


async def _co_secretary(live: Live, chair: LiveClient) -> LiveClient:
    """delegate2, named co-secretary by the chair while connected."""
    writer = await connect(live.delegate2, live.meeting)
    await chair.request("room.settings", {"co_secretary_id": live.delegate2.pk})
    await writer.event("room.settings")
    return writer


async def test_a_note_reaches_every_screen(live: Live):
    chair = await _started(live)
    secretary = await connect(live.secretary, live.meeting)
    delegate = await connect(live.delegate, live.meeting)
    item = live.items[0]
    text = "Đồng chí Chủ tịch khai mạc.\nÝ kiến về kinh phí: đề nghị bổ sung."
    answer = await secretary.request("note.save", _note(item.pk, text, 0))
    assert answer == {"type": "ack", "in_response": answer["in_response"], "version": 1}
    saved = (await delegate.event("note.saved"))["payload"]["note"]
    assert saved["item_id"] == item.pk
    assert (saved["kind"], saved["text"], saved["version"]) == ("note", text, 1)
    assert saved["updated_by"] == live.secretary.display_name
    assert saved["updated_at"]
    rows = await database_sync_to_async(_rows)(live)
    assert rows == [(item.pk, "note", text, 1, live.secretary.pk)]

    answer = await secretary.request("note.save", _note(item.pk, text + " Thống nhất.", 1))
    assert answer["version"] == 2
    assert (await chair.event("note.saved"))["payload"]["note"]["version"] == 1
    assert (await chair.event("note.saved"))["payload"]["note"]["version"] == 2
    for client in (chair, secretary, delegate):
        await client.close()


async def test_a_stale_writer_gets_a_conflict_and_overwrites_nothing(live: Live):
    chair = await _started(live)
    secretary = await connect(live.secretary, live.meeting)
    co_secretary = await _co_secretary(live, chair)
    item = live.items[1].pk
    await secretary.request("note.save", _note(item, "Mở đầu", 0))
    await co_secretary.event("note.saved")
    # Both edit version 1 at once; the secretary's save lands first.
    first = await secretary.request("note.save", _note(item, "Mở đầu. Ý kiến xã 1.", 1))
    assert first["version"] == 2
    second = await co_secretary.request("note.save", _note(item, "Mở đầu. Ý kiến xã 2.", 1))
    assert second["type"] == "error"
    assert second["code"] == "conflict"
    assert live.secretary.display_name in second["message"]
    assert second["current"]["text"] == "Mở đầu. Ý kiến xã 1."
    assert second["current"]["version"] == 2
    assert second["current"]["item_id"] == item
    rows = await database_sync_to_async(_rows)(live)
    assert [(text, version) for _, _, text, version, _ in rows] == [("Mở đầu. Ý kiến xã 1.", 2)]

    # The co-secretary merges on top of the current version.
    merged = "Mở đầu. Ý kiến xã 1. Ý kiến xã 2."
    answer = await co_secretary.request("note.save", _note(item, merged, 2))
    assert answer["version"] == 3
    rows = await database_sync_to_async(_rows)(live)
    assert rows == [(item, "note", merged, 3, live.delegate2.pk)]
    for client in (chair, secretary, co_secretary):
        await client.close()


async def test_a_resend_after_a_reconnect_is_acknowledged(live: Live):
    chair = await _started(live)
    secretary = await connect(live.secretary, live.meeting)
    text = "Kết luận: giao UBND các xã hoàn thành trước 30/9."
    await secretary.request("note.save", _note(live.items[0].pk, text, 0, "conclusion"))
    before = await database_sync_to_async(_event_count)(live)
    again = await secretary.request("note.save", _note(live.items[0].pk, text, 0, "conclusion"))
    assert again["type"] == "ack"
    assert again["version"] == 1
    assert await database_sync_to_async(_event_count)(live) == before
    await chair.close()
    await secretary.close()


async def test_notes_conclusions_and_general_notes_are_kept_apart(live: Live):
    chair = await _started(live)
    secretary = await connect(live.secretary, live.meeting)
    item = live.items[0].pk
    for message in (
        _note(item, "Ghi chép mục 1", 0),
        _note(item, "Kết luận mục 1", 0, "conclusion"),
        _note(None, "Ghi chép chung", 0),
    ):
        assert (await secretary.request("note.save", message))["version"] == 1
    fresh = await connect(live.delegate, live.meeting)
    notes = (await fresh.event("snapshot"))["payload"]["state"]["notes"]
    assert [(n["item_id"], n["kind"], n["text"]) for n in notes] == [
        (None, "note", "Ghi chép chung"),
        (item, "conclusion", "Kết luận mục 1"),
        (item, "note", "Ghi chép mục 1"),
    ]
    for client in (chair, secretary, fresh):
        await client.close()


async def test_only_the_secretaries_write(live: Live):
    chair = await _started(live)
    others = [await connect(user, live.meeting) for user in (live.delegate, live.operator)]
    for client in (chair, *others):
        refused = await client.request("note.save", _note(None, "Tôi ghi", 0))
        assert refused["code"] == "forbidden"
        assert refused["message"] == "Chỉ thư ký hoặc thư ký phụ được ghi chép cuộc họp."
    for client in others:
        await client.close()
    assert await database_sync_to_async(_rows)(live) == []
    # Named co-secretary, delegate2 may write; once replaced, no more.
    co_secretary = await _co_secretary(live, chair)
    assert (await co_secretary.request("note.save", _note(None, "Ghi", 0)))["version"] == 1
    await chair.request("room.settings", {"co_secretary_id": live.delegate.pk})
    await co_secretary.event("room.settings")
    refused = await co_secretary.request("note.save", _note(None, "Ghi thêm", 1))
    assert refused["code"] == "forbidden"
    await chair.close()
    await co_secretary.close()


async def test_a_text_over_the_limit_is_refused(live: Live):
    chair = await _started(live)
    secretary = await connect(live.secretary, live.meeting)
    refused = await secretary.request("note.save", _note(None, "a" * 50_001, 0))
    assert refused["code"] == "invalid"
    assert refused["errors"]["text"] == [
        "Ghi chép dài 50.001 ký tự, vượt quá giới hạn 50.000 ký tự."
    ]
    assert (await secretary.request("note.save", _note(None, "a" * 50_000, 0)))["version"] == 1
    await chair.close()
    await secretary.close()


async def test_a_note_of_the_largest_size_in_vietnamese_fits_in_one_message(live: Live):
    chair = await _started(live)
    secretary = await connect(live.secretary, live.meeting)
    sentence = (
        "Đồng chí Chủ tịch đề nghị các xã khẩn trương hoàn thành kế hoạch phòng chống lụt bão. "
    )
    text = (sentence * 1000)[:50_000]
    answer = await secretary.request("note.save", _note(None, text, 0))
    assert answer.get("version") == 1, answer
    await chair.close()
    await secretary.close()


async def test_bad_items_kinds_and_versions_are_refused(live: Live):
    chair = await _started(live)
    secretary = await connect(live.secretary, live.meeting)
    refused = await secretary.request("note.save", _note(999_999, "x", 0))
    assert refused["code"] == "invalid"
    assert refused["errors"]["item_id"] == ["Nội dung này không thuộc chương trình cuộc họp."]
    refused = await secretary.request("note.save", _note(None, "x", 0, "summary"))
    assert refused["errors"]["kind"] == ["Chọn một trong: note, conclusion."]
    refused = await secretary.request("note.save", _note(None, "x", -1))
    assert "base_version" in refused["errors"]
    refused = await secretary.request("note.save", {"item_id": None, "kind": "note", "text": "x"})
    assert "base_version" in refused["errors"]
    assert await database_sync_to_async(_rows)(live) == []
    await chair.close()
    await secretary.close()


async def test_notes_open_with_the_meeting_and_stay_open_for_corrections(live: Live):
    secretary = await connect(live.secretary, live.meeting)
    refused = await secretary.request("note.save", _note(None, "Sớm", 0))
    assert refused["code"] == "not_live"
    assert refused["message"] == "Cuộc họp chưa khai mạc: ghi chép mở khi cuộc họp bắt đầu."
    chair = await _started(live)
    await secretary.request("note.save", _note(None, "Trong họp", 0))
    await chair.request("meeting.end")
    corrected = await secretary.request("note.save", _note(None, "Trong họp (đã sửa)", 1))
    assert corrected["version"] == 2
    await database_sync_to_async(Meeting.objects.filter(pk=live.meeting.pk).update)(
        status=Meeting.Status.CANCELLED
    )
    refused = await secretary.request("note.save", _note(None, "Sau khi hủy", 2))
    assert refused["code"] == "wrong_status"
    await chair.close()
    await secretary.close()


async def test_a_conflict_over_http_for_weak_links(live: Live, client):
    chair = await _started(live)
    secretary = await connect(live.secretary, live.meeting)
    await secretary.request("note.save", _note(None, "Bản thứ nhất", 0))

    def post():
        client.force_login(live.secretary)
        body = {"type": "note.save", "id": "http-1", "payload": _note(None, "Bản khác", 0)}
        return client.post(
            f"/api/meetings/{live.meeting.pk}/live", body, content_type="application/json"
        )

    answer = await database_sync_to_async(post)()
    assert answer.status_code == 409
    assert answer.json()["code"] == "conflict"
    assert answer.json()["current"]["text"] == "Bản thứ nhất"
    await chair.close()
    await secretary.close()
