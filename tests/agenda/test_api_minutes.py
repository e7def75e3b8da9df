"""REST API of the minutes: draft, versions, submit, approve, return, upload signed, download."""

import copy

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from agenda.models import Minutes, MinutesDocument, MinutesVersion
from agenda.services.minutes import minutes_approve, minutes_draft_build, minutes_submit
from realtime.models import LiveState
from tests.agenda.minutes_support import (
    Held,
    hold_meeting,
    media,  # noqa: F401 (autouse fixture)
)
from tests.agenda.signing_support import identity, sign_outside, store_certificate
from tests.meetings.api_support import ApiClient
from tests.world import World


def api(held: Held, tail: str = "") -> str:
    return f"/api/meetings/{held.meeting.pk}/minutes{tail}"


def drafted(world: World) -> tuple[Held, MinutesVersion]:
    held = hold_meeting(world)
    return held, minutes_draft_build(actor=world.secretary, meeting_id=held.meeting.pk)


def test_the_secretary_builds_and_reads_the_draft(world: World):
    held = hold_meeting(world)
    secretary = ApiClient(world.secretary)
    assert secretary.get(api(held)).json() == {"detail": "Cuộc họp chưa có biên bản."}
    answer = secretary.post(api(held, "/draft"))
    assert answer.status_code == 201
    body = answer.json()
    assert (body["number"], body["author"]["username"], body["note"]) == (
        1,
        "secretary",
        "Dựng từ dữ liệu cuộc họp",
    )
    assert body["content"]["header"]["subject"] == "Họp giao ban tháng 11"
    started = LiveState.objects.get(meeting=held.meeting).started_at
    assert body["content"]["header"]["date"] == timezone.localdate(started).isoformat()
    minutes = secretary.get(api(held)).json()
    assert (minutes["status"], minutes["latest_version"], minutes["may_edit"]) == (
        "draft",
        1,
        True,
    )
    assert minutes["may_approve"] is False
    assert minutes["version"]["content"]["sections"][0]["key"] == "opening"


def test_saving_a_version_and_a_stale_save(world: World):
    held, version = drafted(world)
    content = copy.deepcopy(version.content)
    content["sections"][0]["html"] = "<p>9 giờ 00 phút</p><img src=x onerror=alert(1)>"
    secretary, organizer = ApiClient(world.secretary), ApiClient(world.organizer)
    saved = secretary.post(
        api(held, "/versions"), {"base_version": 1, "content": content, "note": "Giờ"}
    )
    assert saved.status_code == 201
    assert saved.json()["content"]["sections"][0]["html"] == "<p>9 giờ 00 phút</p>"
    same = secretary.post(api(held, "/versions"), {"base_version": 2, "content": content})
    assert (same.status_code, same.json()["number"]) == (200, 2)
    content["sections"][0]["html"] = "<p>Bản của văn phòng</p>"
    stale = organizer.post(api(held, "/versions"), {"base_version": 1, "content": content})
    assert stale.status_code == 409
    body = stale.json()
    assert (body["current_version"], body["saved_by"]["username"]) == (2, "secretary")
    assert "Biên bản đã được Secretary lưu lúc" in body["detail"]
    versions = secretary.get(api(held, "/versions")).json()
    assert [(v["number"], v["note"]) for v in versions] == [
        (2, "Giờ"),
        (1, "Dựng từ dữ liệu cuộc họp"),
    ]
    assert "content" not in versions[0]
    one = secretary.get(api(held, "/versions/1")).json()
    assert one["content"] == version.content


def test_a_broken_content_answers_422_field_by_field(world: World):
    held, version = drafted(world)
    content = version.content
    content["header"]["date"] = "22/11/2026"
    content["sections"][1]["layout"] = "sideways"
    answer = ApiClient(world.secretary).post(
        api(held, "/versions"), {"base_version": 1, "content": content}
    )
    assert answer.status_code == 422
    assert set(answer.json()["errors"]) == {"content.header.date", "content.sections.1.layout"}
    content["header"]["date"] = "2026-11-22"
    content["sections"][1]["layout"] = "block"
    content["sections"][2]["key"] = "Không hợp lệ"
    answer = ApiClient(world.secretary).post(
        api(held, "/versions"), {"base_version": 1, "content": content}
    )
    assert answer.status_code == 422
    assert answer.json()["errors"] == {
        "sections.2.key": ["Mã phần chỉ gồm chữ thường, số và dấu gạch ngang."]
    }


def test_submit_return_and_approve(world: World):
    held, _version = drafted(world)
    secretary, chair = ApiClient(world.secretary), ApiClient(world.chair)
    submitted = secretary.post(api(held, "/submit"), {"version": 1})
    assert (submitted.status_code, submitted.json()["status"]) == (200, "submitted")
    assert submitted.json()["version"]["reviews"][0]["decision"] == "submitted"
    no_comment = chair.post(api(held, "/return"), {"comment": ""})
    assert no_comment.status_code == 422
    assert no_comment.json()["errors"] == {"comment": ["Ghi ý kiến: cần sửa gì trong biên bản."]}
    returned = chair.post(api(held, "/return"), {"comment": "Bổ sung ý kiến xã 2"})
    assert returned.json()["status"] == "returned"
    secretary.post(api(held, "/submit"), {})
    refused = secretary.post(api(held, "/approve"), {"version": 1})
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Chỉ người chủ trì cuộc họp được duyệt biên bản."}
    stale = chair.post(api(held, "/approve"), {"version": 5})
    assert (stale.status_code, stale.json()["current_version"]) == (409, 1)
    approved = chair.post(api(held, "/approve"), {"version": 1})
    assert approved.status_code == 200
    body = approved.json()
    assert body["verification_code"] == MinutesVersion.objects.get().verification_code
    assert body["approved_by"]["username"] == "chair"
    (document,) = body["documents"]
    assert (document["kind"], document["version"]) == ("rendered", 1)
    download = secretary.get(document["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_signature_refused_at_approval_is_a_422(world: World):
    store_certificate(world.province, password="sai-mat-khau")
    held, _version = drafted(world)
    minutes_submit(actor=world.secretary, meeting_id=held.meeting.pk)
    answer = ApiClient(world.chair).post(api(held, "/approve"), {"version": 1})
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith("Chưa duyệt được: ký số bị từ chối.")
    assert Minutes.objects.get().status == "submitted"
    assert not MinutesDocument.objects.exists()


def test_uploading_a_signed_copy(world: World):
    store_certificate(world.other_province)
    held, _version = drafted(world)
    minutes_submit(actor=world.secretary, meeting_id=held.meeting.pk)
    minutes_approve(actor=world.chair, meeting_id=held.meeting.pk, number=1)
    with MinutesDocument.objects.get(kind="rendered").file.open("rb") as stored:
        rendered = stored.read()
    signed = sign_outside(rendered, identity(), field="ThuKy")
    token = ApiClient(world.secretary).headers
    client = Client()
    answer = client.post(
        api(held, "/upload-signed"), {"file": _file(signed, "ky.pdf")}, headers=token
    )
    assert answer.status_code == 201
    body = answer.json()
    assert (body["kind"], body["version"], body["size"]) == ("uploaded", 1, len(signed))
    assert [(s["field"], s["intact"], s["trusted"]) for s in body["signers"]] == [
        ("ThuKy", True, True)
    ]
    refused = client.post(
        api(held, "/upload-signed"), {"file": _file(rendered, "chua-ky.pdf")}, headers=token
    )
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"file": ["Tệp PDF chưa có chữ ký số nào."]}


def _file(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_who_sees_what(world: World):
    held, _version = drafted(world)
    delegate = ApiClient(world.delegate)
    assert delegate.get(api(held)).status_code == 404
    assert delegate.get(api(held)).json() == {
        "detail": "Biên bản của cuộc họp này chưa được phát hành."
    }
    assert delegate.get(api(held, "/versions/1")).status_code == 404
    assert delegate.post(api(held, "/draft")).status_code == 403
    assert ApiClient(world.outsider).get(api(held)).status_code == 404
    assert ApiClient(world.chair).get(api(held)).json()["may_approve"] is True
    assert ApiClient().get(api(held)).status_code == 401


def test_readers_get_only_the_published_version(world: World):
    store_certificate(world.province)
    held, _version = drafted(world)
    minutes_submit(actor=world.secretary, meeting_id=held.meeting.pk)
    minutes_approve(actor=world.chair, meeting_id=held.meeting.pk, number=1)
    signed = MinutesDocument.objects.get(kind="signed")
    Minutes.objects.update(status=Minutes.Status.PUBLISHED, published_document=signed)
    body = ApiClient(world.delegate).get(api(held)).json()
    assert body["status"] == "published"
    assert [d["kind"] for d in body["version"]["documents"]] == ["signed"]
    assert body["version"]["reviews"] == []
    rendered = MinutesDocument.objects.get(kind="rendered")
    assert ApiClient(world.delegate).get(f"/api/minutes/documents/{rendered.pk}").status_code == 404


def test_every_minutes_endpoint_is_in_the_schema(db):
    schema = Client().get("/api/openapi.json").json()
    paths = schema["paths"]
    expected = {
        "/api/meetings/{meeting_id}/minutes": {"get"},
        "/api/meetings/{meeting_id}/minutes/draft": {"post"},
        "/api/meetings/{meeting_id}/minutes/versions": {"get", "post"},
        "/api/meetings/{meeting_id}/minutes/versions/{number}": {"get"},
        "/api/meetings/{meeting_id}/minutes/submit": {"post"},
        "/api/meetings/{meeting_id}/minutes/approve": {"post"},
        "/api/meetings/{meeting_id}/minutes/return": {"post"},
        "/api/meetings/{meeting_id}/minutes/upload-signed": {"post"},
        "/api/minutes/documents/{document_id}": {"get"},
    }
    assert {path: set(paths.get(path, {})) for path in expected} == expected
    save = paths["/api/meetings/{meeting_id}/minutes/versions"]["post"]["responses"]
    assert {"201", "409", "422"} <= set(save)
    upload = paths["/api/meetings/{meeting_id}/minutes/upload-signed"]["post"]["requestBody"]
    assert "multipart/form-data" in upload["content"]
