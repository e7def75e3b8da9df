"""The chair, or the item's presenter, asks every screen to open a document at a page."""

import pytest
from channels.db import database_sync_to_async

from tests.agenda.document_support import create_document, isolated_media, latest, pdf_bytes
from tests.realtime.conftest import Live
from tests.realtime.live_support import connect

pytestmark = pytest.mark.asyncio


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    return isolated_media(settings, tmp_path)


async def _document(live: Live, **fields):
    document = await database_sync_to_async(create_document)(
        live.meeting, live.organizer, data=pdf_bytes(pages=5), **fields
    )
    return await database_sync_to_async(latest)(document)


async def test_every_screen_gets_the_page_to_open(live: Live):
    version = await _document(live, title="Báo cáo tình hình kinh tế")
    chair = await connect(live.chair, live.meeting)
    delegate = await connect(live.delegate2, live.meeting)
    await chair.request("meeting.start")
    assert (await chair.request("document.follow", {"version_id": version.pk, "page": 3}))[
        "type"
    ] == "ack"
    event = await delegate.event("document.follow")
    follow = event["payload"]["follow"]
    assert follow["version_id"] == version.pk
    assert follow["page"] == 3
    assert follow["document_title"] == "Báo cáo tình hình kinh tế"
    assert follow["url"].endswith(f"/documents/versions/{version.pk}/read/?page=3")
    assert event["payload"]["by"] == "Nguyễn Văn Chủ"
    await chair.request("document.follow", {"version_id": None})
    stopped = await delegate.event("document.follow")
    assert stopped["payload"]["follow"]["version_id"] is None
    await chair.close()
    await delegate.close()


async def test_the_presenter_of_the_current_item_may_ask_too(live: Live):
    version = await _document(live)
    chair = await connect(live.chair, live.meeting)
    await chair.request("meeting.start")  # the first item, presented by world.delegate
    presenter = await connect(live.delegate, live.meeting)
    answer = await presenter.request("document.follow", {"version_id": version.pk, "page": 1})
    assert answer["type"] == "ack"
    other = await connect(live.delegate2, live.meeting)
    answer = await other.request("document.follow", {"version_id": version.pk, "page": 1})
    assert answer["code"] == "forbidden"
    for client in (chair, presenter, other):
        await client.close()


async def test_a_page_past_the_end_is_refused(live: Live):
    version = await _document(live)
    chair = await connect(live.chair, live.meeting)
    await chair.request("meeting.start")
    answer = await chair.request("document.follow", {"version_id": version.pk, "page": 6})
    assert answer["code"] == "invalid"
    assert answer["errors"]["page"] == ["Tài liệu chỉ có 5 trang."]
    answer = await chair.request("document.follow", {"version_id": version.pk, "page": 0})
    assert answer["code"] == "invalid"
    await chair.close()


async def test_a_confidential_document_is_not_shown_to_everyone(live: Live):
    version = await _document(live, is_confidential=True)
    chair = await connect(live.chair, live.meeting)
    await chair.request("meeting.start")
    answer = await chair.request("document.follow", {"version_id": version.pk, "page": 1})
    assert answer["code"] in ("invalid", "not_found")
    await chair.close()
