"""Uploading documents and versions (page and services), changing and deleting them."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from agenda import selectors
from agenda.models import AgendaItem, Document, DocumentVersion
from agenda.services import documents as services
from agenda.upload_rules import Refusal, UploadRefused
from meetings.models import Meeting
from meetings.services.errors import PermissionDenied
from meetings.services.scheduling import meeting_schedule
from tests.agenda.document_support import (
    MB,
    create_document,
    elf_bytes,
    encrypted_pdf_bytes,
    image_bytes,
    isolated_media,
    latest,
    office_bytes,
    pdf_bytes,
    stored_files,
    upload_file,
    zip_bomb_bytes,
)
from tests.meetings.page_helpers import text
from tests.world import next_morning


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    return isolated_media(settings, tmp_path)


def _url(meeting: Meeting) -> str:
    return reverse("document-upload", args=[meeting.pk])


def _post(client: Client, meeting: Meeting, name: str, data: bytes, **fields):
    return client.post(_url(meeting), {"file": upload_file(name, data), **fields})


def _nothing_stored(media) -> bool:
    return not Document.objects.exists() and not stored_files(media)


def test_organizer_uploads_a_pdf_to_an_agenda_item(client, world, meeting, media):
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Báo cáo tình hình")
    data = pdf_bytes(3)
    client.force_login(world.organizer)
    response = _post(
        client, meeting, "Báo cáo quý 3.pdf", data, title="Báo cáo quý 3", agenda_item=item.pk
    )
    assert response.status_code == 302
    assert response.url == reverse("meeting-detail", args=[meeting.pk])
    document = Document.objects.get()
    assert (document.meeting, document.agenda_item, document.title) == (
        meeting,
        item,
        "Báo cáo quý 3",
    )
    assert document.created_by == world.organizer
    version = document.versions.get()
    assert version.number == 1
    assert version.original_name == "Báo cáo quý 3.pdf"
    assert version.content_type == "application/pdf"
    assert version.size == len(data)
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert version.page_count == 3
    assert version.uploaded_by == world.organizer
    assert version.uploaded_at is not None
    # A server-made path: nothing the uploader typed reaches the file system.
    assert version.file.name.startswith(f"documents/{meeting.pk}/")
    assert "Báo" not in version.file.name and "pdf" not in version.file.name
    assert [p.read_bytes() for p in stored_files(media)] == [data]


def test_success_message_on_the_meeting_page(client, world, meeting):
    client.force_login(world.organizer)
    response = client.post(
        _url(meeting),
        {"title": "Tờ trình", "file": upload_file("to-trinh.pdf", pdf_bytes())},
        follow=True,
    )
    assert response.status_code == 200
    assert "Đã tải lên tài liệu “Tờ trình”." in text(response)


def test_blank_title_takes_the_file_name(client, world, meeting):
    client.force_login(world.organizer)
    _post(client, meeting, "Kế hoạch năm 2026.pdf", pdf_bytes(), title="")
    assert Document.objects.get().title == "Kế hoạch năm 2026"


@pytest.mark.parametrize(
    ("name", "build", "content_type"),
    [
        (
            "Tờ trình.docx",
            lambda: office_bytes("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "Số liệu.xlsx",
            lambda: office_bytes("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "Trình chiếu.pptx",
            lambda: office_bytes("pptx"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("Sơ đồ.png", image_bytes, "image/png"),
        ("Ảnh hiện trường.jpg", lambda: image_bytes("JPEG"), "image/jpeg"),
    ],
)
def test_content_type_comes_from_the_bytes(client, world, meeting, name, build, content_type):
    client.force_login(world.organizer)
    # The browser's own claim is ignored.
    upload = upload_file(name, build(), content_type="text/html")
    response = client.post(_url(meeting), {"title": "Tài liệu", "file": upload})
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert version.content_type == content_type
    assert version.page_count is None


def test_redirects_back_to_the_page_that_posted(client, world, meeting):
    client.force_login(world.organizer)
    back = f"/meetings/{meeting.pk}/agenda/"
    response = _post(client, meeting, "a.pdf", pdf_bytes(), title="A", next=back)
    assert response.url == back
    response = _post(client, meeting, "b.pdf", pdf_bytes(), title="B", next="https://evil.test/")
    assert response.url == reverse("meeting-detail", args=[meeting.pk])


# --- versions ---------------------------------------------------------------------


def test_a_new_upload_of_a_document_is_the_next_version(client, world, meeting, media):
    document = create_document(meeting, world.organizer, data=pdf_bytes(1))
    client.force_login(world.organizer)
    for name, pages in (("Báo cáo (sửa).pdf", 2), ("Báo cáo (chốt).pdf", 5)):
        response = _post(client, meeting, name, pdf_bytes(pages), document=document.pk)
        assert response.status_code == 302
    assert [v.number for v in document.versions.order_by("number")] == [1, 2, 3]
    newest = latest(document)
    assert (newest.number, newest.page_count) == (3, 5)
    assert selectors.latest_version(document) == newest
    # Older versions stay, each with its own file (superseded: not the latest).
    assert len(stored_files(media)) == 3
    assert Document.objects.count() == 1


def test_version_message(client, world, meeting):
    document = create_document(meeting, world.organizer, title="Tờ trình")
    client.force_login(world.organizer)
    response = client.post(
        _url(meeting),
        {"document": document.pk, "file": upload_file("v2.pdf", pdf_bytes())},
        follow=True,
    )
    assert "Đã tải lên phiên bản 2 của “Tờ trình”." in text(response)


def test_a_version_for_another_meetings_document_is_refused(client, world, meeting):
    second = meeting_schedule(
        actor=world.organizer,
        data=world.meeting_input(start=next_morning(days=3), title="Họp khác"),
        notify=False,
    )
    document = create_document(second, world.organizer)
    client.force_login(world.organizer)
    response = _post(client, meeting, "v2.pdf", pdf_bytes(), document=document.pk)
    assert response.status_code == 422
    assert document.versions.count() == 1


def test_a_version_of_a_confidential_document_must_be_a_pdf(client, world, meeting):
    document = create_document(
        meeting, world.organizer, is_confidential=True, reader_ids=(world.delegate.pk,)
    )
    client.force_login(world.organizer)
    response = _post(client, meeting, "Tờ trình.docx", office_bytes(), document=document.pk)
    assert response.status_code == 422
    assert "Tài liệu mật chỉ nhận tệp PDF" in text(response)
    assert document.versions.count() == 1


def test_a_failed_save_leaves_neither_row_nor_file(world, meeting, media, monkeypatch):
    document = create_document(meeting, world.organizer)
    before = stored_files(media)
    # Two uploads racing for one number: the database refuses the second.
    monkeypatch.setattr(services, "_next_number", lambda document: 1)
    with pytest.raises(IntegrityError):
        services.document_version_upload(
            actor=world.organizer, document_id=document.pk, upload=upload_file("b.pdf", pdf_bytes())
        )
    assert document.versions.count() == 1
    assert stored_files(media) == before


def test_a_failed_new_document_leaves_nothing(world, meeting, media, monkeypatch):
    def fail(document):
        raise IntegrityError("simulated")

    monkeypatch.setattr(services, "_next_number", fail)
    with pytest.raises(IntegrityError):
        create_document(meeting, world.organizer)
    assert _nothing_stored(media)


# --- who may upload ------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["chair", "secretary", "operator", "delegate"])
def test_invitees_who_do_not_organize_get_403(client, world, meeting, media, persona):
    client.force_login(getattr(world, persona))
    assert _post(client, meeting, "a.pdf", pdf_bytes(), title="A").status_code == 403
    assert client.get(_url(meeting)).status_code == 403
    assert _nothing_stored(media)


@pytest.mark.parametrize("persona", ["outsider", "other_organizer"])
def test_people_without_a_part_get_404(client, world, meeting, media, persona):
    client.force_login(getattr(world, persona))
    assert _post(client, meeting, "a.pdf", pdf_bytes(), title="A").status_code == 404
    assert _nothing_stored(media)


def test_anonymous_is_sent_to_sign_in(client, meeting, media):
    response = _post(client, meeting, "a.pdf", pdf_bytes(), title="A")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert _nothing_stored(media)


def test_csrf_is_still_checked(world, meeting, media):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.organizer)
    assert _post(client, meeting, "a.pdf", pdf_bytes(), title="A").status_code == 403
    assert _nothing_stored(media)


def test_the_form_page(client, world, meeting):
    client.force_login(world.organizer)
    response = client.get(_url(meeting))
    assert response.status_code == 200
    assert 'name="readers"' in text(response)
    assert "Nhận PDF, DOCX, XLSX, PPTX, PNG, JPEG, tối đa 50 MB." in text(response)


def test_cancelled_meeting_takes_no_documents(client, world, meeting, media):
    meeting.status = Meeting.Status.CANCELLED
    meeting.save()
    client.force_login(world.organizer)
    response = _post(client, meeting, "a.pdf", pdf_bytes(), title="A")
    assert response.status_code == 422
    assert "Cuộc họp đã bị hủy" in text(response)
    assert _nothing_stored(media)


# --- the upload rules, as the page answers them ------------------------------------------


@pytest.mark.parametrize(
    ("name", "build", "status", "message"),
    [
        ("cai-dat.exe", elf_bytes, 415, "Không nhận tệp loại .exe"),
        ("Báo cáo.pdf", elf_bytes, 415, "nội dung không phải PDF (nội dung thực là ELF)"),
        ("Tờ trình.docx", image_bytes, 415, "nội dung không phải DOCX (nội dung thực là PNG)"),
        ("Báo cáo.pdf", lambda: b"", 422, "rỗng (0 byte)"),
        ("Mật.pdf", encrypted_pdf_bytes, 422, "đặt mật khẩu hoặc mã hóa"),
        ("Bom.docx", lambda: zip_bomb_bytes(300), 422, "nghi “bom nén”"),
        ("Lạ.docx", lambda: office_bytes(extra={"../x.sh": b"#!"}), 422, "ra ngoài tệp"),
    ],
)
def test_refused_uploads_say_why_and_store_nothing(
    client, world, meeting, media, name, build, status, message
):
    client.force_login(world.organizer)
    response = _post(client, meeting, name, build(), title="Tài liệu")
    assert response.status_code == status
    assert message in text(response)
    assert _nothing_stored(media)


def test_declared_size_over_the_limit_is_413(client, world, meeting, settings, media):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    client.force_login(world.organizer)
    response = _post(client, meeting, "to.pdf", pdf_bytes() + b"%" + b"x" * (2 * MB), title="T")
    assert response.status_code == 413
    assert "Tệp vượt giới hạn 1 MB." in text(response)
    assert _nothing_stored(media)


def test_real_size_over_the_limit_is_413(client, world, meeting, settings, media):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    client.force_login(world.organizer)
    # Within the declared-length slack, so only counting the bytes finds it.
    response = _post(client, meeting, "to.pdf", pdf_bytes() + b"%" + b"x" * MB, title="T")
    assert response.status_code == 413
    assert "Tệp vượt giới hạn 1 MB." in text(response)
    assert _nothing_stored(media)


def test_a_file_at_the_limit_is_taken(client, world, meeting, settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    data = pdf_bytes()
    data += b"%" + b"x" * (MB - len(data) - 1)
    assert len(data) == MB
    client.force_login(world.organizer)
    assert _post(client, meeting, "vua.pdf", data, title="Vừa").status_code == 302


def test_htmx_gets_the_form_alone(client, world, meeting):
    client.force_login(world.organizer)
    response = client.post(
        _url(meeting),
        {"title": "A", "file": upload_file("a.pdf", b"")},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert "<html" not in text(response)
    assert 'id="document-upload-form"' in text(response)


# --- confidential documents ------------------------------------------------------------


def test_confidential_upload_names_its_readers(client, world, meeting):
    client.force_login(world.organizer)
    response = _post(
        client,
        meeting,
        "Dự thảo mật.pdf",
        pdf_bytes(),
        title="Dự thảo",
        is_confidential="on",
        readers=[world.delegate.pk, world.chair.pk],
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.is_confidential
    assert set(document.readers.all()) == {world.delegate, world.chair}


def test_confidential_upload_must_be_a_pdf(client, world, meeting, media):
    client.force_login(world.organizer)
    response = _post(
        client, meeting, "Tờ trình.docx", office_bytes(), title="T", is_confidential="on"
    )
    assert response.status_code == 422
    assert "Tài liệu mật chỉ nhận tệp PDF" in text(response)
    assert _nothing_stored(media)


def test_readers_must_take_part_in_the_meeting(world, meeting, media):
    with pytest.raises(ValidationError) as refused:
        create_document(
            meeting, world.organizer, is_confidential=True, reader_ids=(world.outsider.pk,)
        )
    assert "Outsider không tham dự cuộc họp này" in refused.value.message_dict["reader_ids"][0]
    assert _nothing_stored(media)


def test_marking_confidential_is_refused_with_non_pdf_versions(world, meeting):
    document = create_document(meeting, world.organizer, name="a.docx", data=office_bytes())
    fields = services.DocumentFields(title="Tờ trình", is_confidential=True)
    with pytest.raises(ValidationError) as refused:
        services.document_update(actor=world.organizer, document_id=document.pk, fields=fields)
    message = refused.value.message_dict["is_confidential"][0]
    assert "Chỉ tài liệu PDF mới được đánh dấu mật" in message
    document.refresh_from_db()
    assert not document.is_confidential


def test_update_changes_the_fields(world, meeting):
    item = AgendaItem.objects.create(meeting=meeting, position=2, title="Thảo luận")
    document = create_document(meeting, world.organizer)
    fields = services.DocumentFields(
        title="Dự thảo nghị quyết",
        agenda_item_id=item.pk,
        is_confidential=True,
        reader_ids=(world.delegate.pk,),
    )
    services.document_update(actor=world.organizer, document_id=document.pk, fields=fields)
    document.refresh_from_db()
    assert services.document_fields(document) == fields
    # Not confidential any more: nobody is singled out as a reader.
    services.document_update(
        actor=world.organizer,
        document_id=document.pk,
        fields=services.DocumentFields(title="Dự thảo nghị quyết"),
    )
    assert not document.readers.exists()


def test_update_refuses_an_item_of_another_meeting_and_a_blank_title(world, meeting):
    document = create_document(meeting, world.organizer)
    with pytest.raises(ValidationError) as refused:
        services.document_update(
            actor=world.organizer,
            document_id=document.pk,
            fields=services.DocumentFields(title=" ", agenda_item_id=999_999),
        )
    assert refused.value.message_dict == {
        "title": ["Nhập tên tài liệu."],
        "agenda_item_id": ["Mục chương trình không thuộc cuộc họp này."],
    }


def test_only_organizers_update(world, meeting):
    document = create_document(meeting, world.organizer)
    with pytest.raises(PermissionDenied):
        services.document_update(
            actor=world.chair,
            document_id=document.pk,
            fields=services.DocumentFields(title="Đổi tên"),
        )


def test_refusal_from_the_service_is_typed(world, meeting):
    with pytest.raises(UploadRefused) as refused:
        create_document(meeting, world.organizer, name="a.pdf", data=elf_bytes())
    assert refused.value.code == Refusal.TYPE_MISMATCH


def test_is_emailable(world, meeting):
    plain = create_document(meeting, world.organizer)
    secret = create_document(meeting, world.organizer, is_confidential=True)
    assert services.is_emailable(plain)
    assert not services.is_emailable(secret)


# --- delete ------------------------------------------------------------------------------


def _delete_url(document: Document) -> str:
    return reverse("document-delete", args=[document.pk])


def test_organizer_deletes_a_document_and_its_files(
    client, world, meeting, media, django_capture_on_commit_callbacks
):
    document = create_document(meeting, world.organizer)
    services.document_version_upload(
        actor=world.organizer, document_id=document.pk, upload=upload_file("v2.pdf", pdf_bytes())
    )
    assert len(stored_files(media)) == 2
    client.force_login(world.organizer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_delete_url(document), follow=True)
    assert response.status_code == 200
    assert "Đã xóa tài liệu “Báo cáo quý 3”." in text(response)
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert stored_files(media) == []


@pytest.mark.parametrize(
    ("persona", "status"),
    [("chair", 403), ("delegate", 403), ("operator", 403), ("outsider", 404)],
)
def test_only_organizers_delete(client, world, meeting, persona, status):
    document = create_document(meeting, world.organizer)
    client.force_login(getattr(world, persona))
    assert client.post(_delete_url(document)).status_code == status
    assert Document.objects.filter(pk=document.pk).exists()


def test_delete_needs_post(client, world, meeting):
    document = create_document(meeting, world.organizer)
    client.force_login(world.organizer)
    assert client.get(_delete_url(document)).status_code == 405
    assert Document.objects.filter(pk=document.pk).exists()
