"""REST API: publish the minutes, search the archive, download a meeting's record."""

from datetime import datetime

import pytest
from django.utils import timezone

from agenda.models import Minutes, Notice
from agenda.services.minutes_publish import minutes_publish
from tests.agenda.archive_support import (
    approved_minutes,
    archived_meeting,
    media,  # noqa: F401 (autouse fixture)
    zip_members,
)
from tests.meetings.api_support import ApiClient


def on(day: int, month: int = 3) -> datetime:
    return timezone.make_aware(datetime(2026, month, day, 8, 0))


# --- Publish ---------------------------------------------------------------------------


def test_the_secretary_publishes(world, meeting):
    approved_minutes(meeting, world)
    response = ApiClient(world.secretary).post(f"/api/meetings/{meeting.pk}/minutes/publish")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["meeting_id"] == meeting.pk
    assert body["status"] == "published"
    assert body["published_at"].endswith("+07:00")
    assert body["recipients"] == 4
    assert body["pdf_url"] == f"/meetings/{meeting.pk}/minutes/published.pdf"
    document = body["document"]
    assert (document["kind"], document["version_number"]) == ("uploaded", 1)
    assert document["verification_code"] == "AB12CD34"
    assert len(document["sha256"]) == 64
    assert document["signers"][0]["name"] == "Nguyễn Văn Chủ"
    assert Notice.objects.filter(meeting=meeting).count() == 4


def test_unsigned_minutes_answer_422_and_nothing_is_published(world, meeting):
    approved_minutes(meeting, world, signed_kind=None)
    response = ApiClient(world.secretary).post(f"/api/meetings/{meeting.pk}/minutes/publish")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Biên bản chưa được ký số")
    assert Minutes.objects.get().status == Minutes.Status.APPROVED


def test_publishing_twice_answers_422(world, meeting):
    approved_minutes(meeting, world)
    client = ApiClient(world.secretary)
    assert client.post(f"/api/meetings/{meeting.pk}/minutes/publish").status_code == 200
    response = client.post(f"/api/meetings/{meeting.pk}/minutes/publish")
    assert response.status_code == 422
    assert "không phát hành lại" in response.json()["detail"]


def test_publish_refusals_403_404_401(world, meeting):
    approved_minutes(meeting, world)
    url = f"/api/meetings/{meeting.pk}/minutes/publish"
    chair = ApiClient(world.chair).post(url)
    assert chair.status_code == 403
    assert chair.json()["detail"].startswith("Chỉ thư ký cuộc họp")
    assert ApiClient(world.outsider).post(url).status_code == 404
    assert ApiClient().post(url).status_code == 401
    assert Minutes.objects.get().status == Minutes.Status.APPROVED


def test_a_meeting_without_minutes_answers_422(world, meeting):
    response = ApiClient(world.secretary).post(f"/api/meetings/{meeting.pk}/minutes/publish")
    assert response.status_code == 422
    assert response.json()["detail"] == "Cuộc họp này chưa có biên bản."


# --- Archive ---------------------------------------------------------------------------


def test_the_archive_lists_searches_and_marks_complete_records(world):
    done = archived_meeting(world, title="Giao ban tháng 3", start=on(2))
    approved_minutes(done, world, code="DONE0001")
    minutes_publish(actor=world.secretary, minutes=done.minutes)
    archived_meeting(world, title="Hội nghị đất đai", start=on(9), rooms=[world.rooms[1]])

    client = ApiClient(world.organizer)
    body = client.get("/api/archive").json()
    assert (body["count"], body["page"], body["pages"], body["page_size"]) == (2, 1, 1, 25)
    assert [m["title"] for m in body["results"]] == ["Hội nghị đất đai", "Giao ban tháng 3"]
    complete = body["results"][1]
    assert complete["record_complete"] is True
    assert complete["minutes_status"] == "published"
    assert complete["verification_code"] == "DONE0001"
    assert complete["minutes_pdf_url"] == f"/meetings/{done.pk}/minutes/published.pdf"
    assert complete["record_zip_url"] == f"/meetings/{done.pk}/record.zip"
    assert complete["invited_rooms"] == 3
    assert complete["host_unit"]["name"] == "Tỉnh Lạng Sơn"
    assert body["results"][0]["minutes_status"] is None

    def titles(**params) -> list[str]:
        response = client.get("/api/archive", params)
        assert response.status_code == 200, response.json()
        return [m["title"] for m in response.json()["results"]]

    assert titles(q="dat dai") == ["Hội nghị đất đai"]
    assert titles(q="dau tu cong") == ["Giao ban tháng 3"]  # in the minutes' text
    assert titles(**{"from": "2026-03-03"}) == ["Hội nghị đất đai"]
    assert titles(**{"to": "2026-03-02"}) == ["Giao ban tháng 3"]
    assert titles(bridge_point=world.rooms[0].pk) == ["Giao ban tháng 3"]
    assert titles(page=9) == ["Hội nghị đất đai", "Giao ban tháng 3"]  # past the end: the last


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "02/03/2026"}, "from"),
        ({"from": "2026-03-09", "to": "2026-03-01"}, "from"),
        ({"page": "0"}, "page"),
        ({"bridge_point": "999999"}, "bridge_point"),
    ],
)
def test_bad_archive_queries_answer_422_per_field(world, params, field):
    response = ApiClient(world.organizer).get("/api/archive", params)
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_no_archive_for_people_who_are_not_host_staff(world):
    response = ApiClient(world.delegate).get("/api/archive")
    assert response.status_code == 403
    assert response.json()["detail"] == "Lưu trữ dành cho cán bộ đơn vị chủ trì."
    assert ApiClient().get("/api/archive").status_code == 401


# --- Record zip and the schema -----------------------------------------------------------


def test_the_record_zip_over_the_api(world, meeting):
    approved_minutes(meeting, world)
    minutes_publish(actor=world.secretary, minutes=meeting.minutes)
    url = f"/api/meetings/{meeting.pk}/record.zip"
    response = ApiClient(world.organizer).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    files = zip_members(b"".join(response.streaming_content))
    assert {"01-giay-moi.pdf", "06-bien-ban.pdf", "manifest.txt"} <= set(files)
    assert (
        ApiClient(world.delegate).get(f"/api/meetings/{meeting.pk}/record.zip").status_code == 403
    )
    assert (
        ApiClient(world.outsider).get(f"/api/meetings/{meeting.pk}/record.zip").status_code == 404
    )


def test_the_endpoints_are_in_the_openapi_schema(world):
    paths = ApiClient(world.organizer).get("/api/openapi.json").json()["paths"]
    assert "post" in paths["/api/meetings/{meeting_id}/minutes/publish"]
    archive = paths["/api/archive"]["get"]
    assert {p["name"] for p in archive["parameters"]} >= {"q", "from", "to", "bridge_point", "page"}
    zip_answer = paths["/api/meetings/{meeting_id}/record.zip"]["get"]["responses"]["200"]
    assert "application/zip" in zip_answer["content"]
