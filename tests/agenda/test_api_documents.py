"""/api/meetings/{id}/documents (GET, POST multipart), /api/documents/{id} (PATCH, DELETE),
/api/documents/{id}/versions (POST multipart), /api/document-versions/{id}/download and
/api/meetings/{id}/booklet.pdf: organizers upload, invitees read, confidential documents
only for their readers, upload refusals with their own status and nothing stored."""

import hashlib
from pathlib import Path

import pytest
from django.test import Client

from agenda.models import Document, DocumentVersion, Receipt
from tests.agenda.booklet_support import build_agenda
from tests.agenda.document_support import (
    elf_bytes,
    isolated_media,
    office_bytes,
    pdf_bytes,
    stored_files,
    upload_file,
)
from tests.meetings.api_support import ApiClient
from tests.meetings.pdf_support import pdf_text, read_pdf

PDF = "application/pdf"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    return isolated_media(settings, tmp_path)


@pytest.fixture
def agenda(world, meeting):
    return build_agenda(world, meeting)


def _upload(user, path: str, name: str, data: bytes, **fields):
    """A multipart POST as `user` (bearer token); `fields` may repeat a key with a list."""
    api = ApiClient(user)
    return api.client.post(path, {**fields, "file": upload_file(name, data)}, headers=api.headers)


def _documents_url(meeting) -> str:
    return f"/api/meetings/{meeting.pk}/documents"


def _latest(document: Document) -> DocumentVersion:
    return document.versions.order_by("-number").first()


# GET /api/meetings/{id}/documents


def test_invitee_lists_documents_with_versions_newest_first(world, meeting, agenda):
    response = ApiClient(world.delegate).get(_documents_url(meeting))

    assert response.status_code == 200
    body = response.json()
    assert [d["title"] for d in body] == [
        "Báo cáo số 12/BC-UBND",
        "Dự thảo kế hoạch",
        "Bảng số liệu",
    ]
    plan = body[1]
    assert [v["number"] for v in plan["versions"]] == [2, 1]
    current = plan["versions"][0]
    assert plan["current_version_id"] == current["id"]
    assert (current["original_name"], current["content_type"], current["page_count"]) == (
        "ke-hoach-v2.pdf",
        PDF,
        4,
    )
    assert current["sha256"] == _latest(agenda.plan).sha256
    assert current["download_url"] == f"/api/document-versions/{current['id']}/download"
    assert current["uploaded_by"]["username"] == "organizer"
    assert plan["agenda_item_id"] == agenda.items[1].pk
    assert (plan["is_confidential"], plan["reader_ids"]) == (False, [])
    assert body[2]["versions"][0]["page_count"] is None  # DOCX


def test_confidential_document_is_listed_only_for_its_readers(world, meeting, agenda):
    for user in (world.chair, world.organizer):
        titles = [d["title"] for d in ApiClient(user).get(_documents_url(meeting)).json()]
        assert "Phương án nhân sự" in titles, user
    secret = next(
        d
        for d in ApiClient(world.chair).get(_documents_url(meeting)).json()
        if d["is_confidential"]
    )
    assert secret["reader_ids"] == [world.chair.pk]
    for user in (world.delegate, world.operator, world.secretary):
        titles = [d["title"] for d in ApiClient(user).get(_documents_url(meeting)).json()]
        assert "Phương án nhân sự" not in titles, user


def test_listing_refusals(world, meeting, agenda):
    for user in (world.outsider, world.other_organizer):
        assert ApiClient(user).get(_documents_url(meeting)).status_code == 404
    assert ApiClient().get(_documents_url(meeting)).status_code == 401
    assert ApiClient(world.organizer).get("/api/meetings/987654/documents").status_code == 404


# POST /api/meetings/{id}/documents


def test_organizer_uploads_a_pdf(world, meeting, agenda, media):
    data = pdf_bytes(5, "TOTRINH")
    response = _upload(
        world.organizer,
        _documents_url(meeting),
        "Tờ trình số 5.pdf",
        data,
        title="Tờ trình",
        agenda_item_id=agenda.items[0].pk,
    )

    assert response.status_code == 201
    body = response.json()
    document = Document.objects.get(pk=body["id"])
    version = document.versions.get()
    assert (document.title, document.agenda_item_id, document.created_by_id) == (
        "Tờ trình",
        agenda.items[0].pk,
        world.organizer.pk,
    )
    assert (version.number, version.original_name, version.content_type) == (
        1,
        "Tờ trình số 5.pdf",
        PDF,
    )
    assert (version.size, version.sha256, version.page_count) == (
        len(data),
        hashlib.sha256(data).hexdigest(),
        5,
    )
    assert body["versions"][0]["id"] == version.pk and body["current_version_id"] == version.pk
    with version.file.open("rb") as stored:
        assert stored.read() == data
    # The stored name is the server's, never the uploader's.
    assert "Tờ trình" not in version.file.name


def test_title_defaults_to_the_file_name(world, meeting):
    response = _upload(
        world.organizer, _documents_url(meeting), "Kế hoạch 2026.docx", office_bytes()
    )
    assert response.status_code == 201
    assert response.json()["title"] == "Kế hoạch 2026"
    assert response.json()["agenda_item_id"] is None


def test_confidential_upload_names_its_readers(world, meeting):
    response = _upload(
        world.organizer,
        _documents_url(meeting),
        "mat.pdf",
        pdf_bytes(),
        title="Mật",
        is_confidential="true",
        reader_ids=[world.chair.pk, world.delegate.pk],
    )
    assert response.status_code == 201
    assert response.json()["reader_ids"] == sorted([world.chair.pk, world.delegate.pk])
    document = Document.objects.get(pk=response.json()["id"])
    assert document.is_confidential
    assert set(document.readers.values_list("pk", flat=True)) == {
        world.chair.pk,
        world.delegate.pk,
    }


@pytest.mark.parametrize(
    ("name", "data", "status", "message"),
    [
        ("chay.pdf", elf_bytes(), 415, "nhưng nội dung không phải PDF"),
        ("virus.exe", elf_bytes(), 415, "Không nhận tệp loại .exe"),
        ("rong.pdf", b"", 422, "rỗng (0 byte)"),
    ],
)
def test_upload_rules_answer_their_status_and_store_nothing(
    world, meeting, media, name, data, status, message
):
    response = _upload(world.organizer, _documents_url(meeting), name, data)

    assert response.status_code == status
    assert message in response.json()["detail"]
    assert set(response.json()) == {"detail"}
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_file_over_the_limit_is_413(world, meeting, settings, media):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    big = pdf_bytes() + b"%" * (1024 * 1024)
    response = _upload(world.organizer, _documents_url(meeting), "lon.pdf", big)

    assert response.status_code == 413
    assert "vượt giới hạn 1 MB" in response.json()["detail"]
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_confidential_office_file_is_refused(world, meeting):
    response = _upload(
        world.organizer,
        _documents_url(meeting),
        "mat.docx",
        office_bytes(),
        is_confidential="true",
        reader_ids=[world.chair.pk],
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Tài liệu mật chỉ nhận tệp PDF")


def test_field_errors_answer_422_per_field(world, meeting, media):
    other = build_agenda(world, meeting).items[0]
    response = _upload(
        world.organizer,
        _documents_url(meeting),
        "a.pdf",
        pdf_bytes(),
        agenda_item_id=other.pk + 1000,
        is_confidential="true",
        reader_ids=[world.outsider.pk],
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["agenda_item_id"] == ["Mục chương trình không thuộc cuộc họp này."]
    assert "không tham dự cuộc họp này" in errors["reader_ids"][0]

    missing = ApiClient(world.organizer)
    answer = missing.client.post(_documents_url(meeting), {"title": "x"}, headers=missing.headers)
    assert answer.status_code == 422 and "file" in answer.json()["errors"]


def test_upload_refusals_by_persona(world, meeting):
    for user, status in ((world.delegate, 403), (world.chair, 403), (world.outsider, 404)):
        response = _upload(user, _documents_url(meeting), "a.pdf", pdf_bytes())
        assert response.status_code == status, user
    anonymous = Client().post(_documents_url(meeting), {"file": upload_file("a.pdf", pdf_bytes())})
    assert anonymous.status_code == 401
    assert not Document.objects.exists()


# POST /api/documents/{id}/versions


def test_new_version_supersedes_the_old_one(world, meeting, agenda):
    data = pdf_bytes(6, "BAOCAO2")
    response = _upload(
        world.organizer, f"/api/documents/{agenda.report.pk}/versions", "bao-cao-v2.pdf", data
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["number"], body["page_count"], body["document_id"]) == (2, 6, agenda.report.pk)
    assert body["sha256"] == hashlib.sha256(data).hexdigest()
    assert list(agenda.report.versions.order_by("number").values_list("number", flat=True)) == [
        1,
        2,
    ]
    listed = ApiClient(world.delegate).get(_documents_url(meeting)).json()[0]
    assert listed["current_version_id"] == body["id"]


def test_new_version_refusals(world, meeting, agenda):
    url = f"/api/documents/{agenda.report.pk}/versions"
    assert _upload(world.organizer, url, "x.pdf", office_bytes()).status_code == 415
    assert _upload(world.delegate, url, "x.pdf", pdf_bytes()).status_code == 403
    assert _upload(world.outsider, url, "x.pdf", pdf_bytes()).status_code == 404
    secret_url = f"/api/documents/{agenda.secret.pk}/versions"
    assert _upload(world.delegate, secret_url, "x.pdf", pdf_bytes()).status_code == 404
    assert _upload(world.organizer, secret_url, "x.docx", office_bytes()).status_code == 422
    assert agenda.report.versions.count() == 1 and agenda.secret.versions.count() == 1


# PATCH /api/documents/{id}


def test_patch_changes_only_the_fields_sent(world, meeting, agenda):
    url = f"/api/documents/{agenda.report.pk}"
    response = ApiClient(world.organizer).send("PATCH", url, {"title": "Báo cáo (sửa)"})
    assert response.status_code == 200
    agenda.report.refresh_from_db()
    assert (agenda.report.title, agenda.report.agenda_item_id) == (
        "Báo cáo (sửa)",
        agenda.items[0].pk,
    )

    detached = ApiClient(world.organizer).send("PATCH", url, {"agenda_item_id": None})
    assert detached.status_code == 200 and detached.json()["agenda_item_id"] is None
    agenda.report.refresh_from_db()
    assert (agenda.report.title, agenda.report.agenda_item_id) == ("Báo cáo (sửa)", None)


def test_patch_makes_a_document_confidential_for_its_readers(world, meeting, agenda):
    url = f"/api/documents/{agenda.report.pk}"
    response = ApiClient(world.organizer).send(
        "PATCH",
        url,
        {
            "is_confidential": True,
            "reader_ids": [world.chair.pk],
            "comments_until": "2030-01-02T17:00:00",
        },
    )
    assert response.status_code == 200
    assert response.json()["comments_until"] == "2030-01-02T17:00:00+07:00"
    titles = [d["title"] for d in ApiClient(world.delegate).get(_documents_url(meeting)).json()]
    assert "Báo cáo số 12/BC-UBND" not in titles


def test_patch_refusals(world, meeting, agenda):
    url = f"/api/documents/{agenda.report.pk}"
    organizer = ApiClient(world.organizer)
    assert organizer.send("PATCH", url, {"title": None}).status_code == 422
    blank = organizer.send("PATCH", url, {"title": "  "})
    assert blank.status_code == 422 and blank.json()["errors"]["title"] == ["Nhập tên tài liệu."]
    office = organizer.send(
        "PATCH", f"/api/documents/{agenda.figures.pk}", {"is_confidential": True}
    )
    assert office.status_code == 422 and "is_confidential" in office.json()["errors"]
    assert ApiClient(world.delegate).send("PATCH", url, {"title": "X"}).status_code == 403
    assert ApiClient(world.outsider).send("PATCH", url, {"title": "X"}).status_code == 404
    assert ApiClient().send("PATCH", url, {"title": "X"}).status_code == 401
    secret = f"/api/documents/{agenda.secret.pk}"
    assert ApiClient(world.delegate).send("PATCH", secret, {"title": "X"}).status_code == 404
    agenda.report.refresh_from_db()
    assert agenda.report.title == "Báo cáo số 12/BC-UBND" and not agenda.report.is_confidential


# DELETE /api/documents/{id}


def test_delete_removes_the_document_its_versions_and_files(
    world, meeting, agenda, media, django_capture_on_commit_callbacks
):
    names = list(agenda.plan.versions.values_list("file", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = ApiClient(world.organizer).send("DELETE", f"/api/documents/{agenda.plan.pk}")

    assert response.status_code == 204
    assert not Document.objects.filter(pk=agenda.plan.pk).exists()
    assert not DocumentVersion.objects.filter(document_id=agenda.plan.pk).exists()
    assert not any((media / name).exists() for name in names)


def test_delete_refusals(world, meeting, agenda):
    url = f"/api/documents/{agenda.report.pk}"
    assert ApiClient(world.delegate).send("DELETE", url).status_code == 403
    assert ApiClient(world.outsider).send("DELETE", url).status_code == 404
    assert ApiClient().send("DELETE", url).status_code == 401
    assert Document.objects.filter(pk=agenda.report.pk).exists()


# GET /api/document-versions/{id}/download


def _download_url(version: DocumentVersion) -> str:
    return f"/api/document-versions/{version.pk}/download"


def test_invitee_downloads_the_file_and_gets_a_receipt(world, meeting, agenda):
    version = _latest(agenda.plan)
    response = ApiClient(world.delegate).get(_download_url(version))

    assert response.status_code == 200
    assert response["Content-Type"] == PDF
    assert response["Content-Disposition"].startswith('attachment; filename="ke-hoach-v2.pdf"')
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == version.sha256
    receipt = Receipt.objects.get(user=world.delegate, document=agenda.plan)
    assert receipt.downloaded_at is not None and receipt.opened_at is None


def test_inline_opens_in_the_browser_and_counts_as_opened(world, meeting, agenda):
    version = _latest(agenda.report)
    response = ApiClient(world.operator).get(_download_url(version), {"inline": "true"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline;")
    receipt = Receipt.objects.get(user=world.operator, document=agenda.report)
    assert receipt.opened_at is not None and receipt.downloaded_at is None


def test_superseded_version_stays_downloadable(world, meeting, agenda):
    first = agenda.plan.versions.get(number=1)
    response = ApiClient(world.delegate).get(_download_url(first))
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == first.sha256


def test_confidential_download_is_watermarked_for_its_reader(world, meeting, agenda):
    version = _latest(agenda.secret)
    response = ApiClient(world.chair).get(_download_url(version))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(read_pdf(response.content))
    assert "MAT - trang 1" in text and "Nguyễn Văn Chủ" in text
    assert hashlib.sha256(response.content).hexdigest() != version.sha256


def test_download_refusals(world, meeting, agenda):
    secret = _latest(agenda.secret)
    assert ApiClient(world.delegate).get(_download_url(secret)).status_code == 404
    plain = _latest(agenda.report)
    for user in (world.outsider, world.other_organizer):
        assert ApiClient(user).get(_download_url(plain)).status_code == 404
    assert ApiClient().get(_download_url(plain)).status_code == 401
    assert ApiClient(world.delegate).get("/api/document-versions/987654/download").status_code == (
        404
    )
    assert not Receipt.objects.filter(user__in=[world.delegate, world.outsider]).exists()


def test_front_proxy_sends_the_file_when_configured(world, meeting, agenda, settings):
    settings.DOCUMENT_SENDFILE_HEADER = "X-Accel-Redirect"
    version = _latest(agenda.report)
    response = ApiClient(world.delegate).get(_download_url(version))

    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{version.file.name}"


# GET /api/meetings/{id}/booklet.pdf


def test_booklet_and_full_pack_through_the_api(world, meeting, agenda):
    url = f"/api/meetings/{meeting.pk}/booklet.pdf"
    booklet = ApiClient(world.delegate).get(url)
    assert booklet.status_code == 200 and booklet["Content-Type"] == PDF
    assert "Báo cáo số 12/BC-UBND" in pdf_text(read_pdf(booklet.content))

    full = ApiClient(world.delegate).get(url, {"full": "true"})
    assert full.status_code == 200
    assert len(read_pdf(full.content).pages) == len(read_pdf(booklet.content).pages) + 3 + 4
    assert full["Content-Disposition"] == f'inline; filename="bo-tai-lieu-hop-{meeting.pk}.pdf"'


def test_booklet_refusals(world, meeting):
    url = f"/api/meetings/{meeting.pk}/booklet.pdf"
    assert ApiClient(world.outsider).get(url).status_code == 404
    assert ApiClient().get(url).status_code == 401


# The schema


def test_every_endpoint_is_in_the_schema_with_typed_shapes(db):
    schema = Client().get("/api/openapi.json").json()
    paths = schema["paths"]
    expected = {
        "/api/meetings/{meeting_id}/agenda-items": {"get", "post"},
        "/api/meetings/{meeting_id}/agenda-items/reorder": {"post"},
        "/api/agenda-items/{item_id}": {"patch", "delete"},
        "/api/meetings/{meeting_id}/documents": {"get", "post"},
        "/api/documents/{document_id}/versions": {"post"},
        "/api/documents/{document_id}": {"patch", "delete"},
        "/api/document-versions/{version_id}/download": {"get"},
        "/api/meetings/{meeting_id}/booklet.pdf": {"get"},
    }
    for path, operations in expected.items():
        assert operations <= set(paths[path]), path
    upload = paths["/api/meetings/{meeting_id}/documents"]["post"]
    form = upload["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert form["properties"]["file"]["format"] == "binary"
    assert form["properties"]["reader_ids"]["type"] == "array"
    assert {"201", "400", "401", "403", "404", "413", "415", "422"} <= set(upload["responses"])
    created = upload["responses"]["201"]["content"]["application/json"]["schema"]
    assert created["$ref"].endswith("/DocumentOut")
    download = paths["/api/document-versions/{version_id}/download"]["get"]["responses"]["200"]
    assert "application/octet-stream" in download["content"]
    booklet = paths["/api/meetings/{meeting_id}/booklet.pdf"]["get"]["responses"]["200"]
    assert "application/pdf" in booklet["content"]
    items = paths["/api/meetings/{meeting_id}/agenda-items"]["get"]["responses"]["200"]
    assert items["content"]["application/json"]["schema"]["items"]["$ref"].endswith(
        "/AgendaItemOut"
    )
