"""Personal notes: /meetings/<id>/notes/ (save, delete, .txt, .pdf) and /api/meetings/{id}/notes.

Only the owner ever reads them: not the organizer, not a superuser.
"""

from django.urls import reverse

from agenda.models import PersonalNote
from agenda.services.items import ItemInput, agenda_item_create
from agenda.services.notes import note_save
from tests.agenda.distribution_support import media, papers  # noqa: F401
from tests.meetings.api_support import ApiClient
from tests.meetings.page_helpers import text
from tests.meetings.pdf_support import pdf_text, read_pdf
from tests.world import make_user

SECRET_THOUGHT = "Hỏi lại chỉ tiêu giải ngân quý 3"


def _item(world, meeting):
    return agenda_item_create(
        actor=world.organizer,
        meeting_id=meeting.pk,
        data=ItemInput(title="Báo cáo kinh tế - xã hội", planned_minutes=30),
    )


def _save_url(meeting) -> str:
    return reverse("personal-note-save", args=[meeting.pk])


def _my_note(world, meeting, **place) -> PersonalNote:
    return note_save(actor=world.delegate, meeting_id=meeting.pk, text=SECRET_THOUGHT, **place)


def test_the_page_offers_an_editor_per_item_and_document(client, world, meeting):
    item = _item(world, meeting)
    docs = papers(world, meeting)
    client.force_login(world.delegate)
    response = client.get(reverse("personal-notes", args=[meeting.pk]))
    assert response.status_code == 200
    page = text(response)
    assert "Báo cáo kinh tế - xã hội" in page
    assert f'name="agenda_item_id" value="{item.pk}"' in page
    assert f'name="document_id" value="{docs.report.pk}"' in page
    assert f'name="document_id" value="{docs.secret.pk}"' in page  # the delegate may read it
    client.force_login(world.operator)
    assert f'value="{docs.secret.pk}"' not in text(
        client.get(reverse("personal-notes", args=[meeting.pk]))
    )


def test_save_by_htmx_returns_the_editor_and_saving_again_replaces(client, world, meeting):
    item = _item(world, meeting)
    client.force_login(world.delegate)
    headers = {"HX-Request": "true"}
    response = client.post(
        _save_url(meeting), {"agenda_item_id": item.pk, "text": SECRET_THOUGHT}, headers=headers
    )
    assert response.status_code == 200
    fragment = text(response)
    assert fragment.startswith('<form class="note-editor"') and SECRET_THOUGHT in fragment
    assert "Đã lưu lúc" in fragment
    client.post(_save_url(meeting), {"agenda_item_id": item.pk, "text": "Đã sửa"}, headers=headers)
    note = PersonalNote.objects.get()
    assert note.owner == world.delegate and note.agenda_item == item and note.text == "Đã sửa"


def test_a_page_note_on_a_document(client, world, meeting):
    docs = papers(world, meeting)
    client.force_login(world.delegate)
    response = client.post(
        _save_url(meeting), {"document_id": docs.report.pk, "page": "2", "text": "Bảng 3 sai"}
    )
    assert response.status_code == 302
    note = PersonalNote.objects.get()
    assert (note.document, note.page, note.text) == (docs.report, 2, "Bảng 3 sai")
    page = text(client.get(reverse("personal-notes", args=[meeting.pk])))
    assert "Đã lưu ghi chú." in page and "Trang 2" in page and "Bảng 3 sai" in page


def test_refusals_when_saving(client, world, meeting):
    docs = papers(world, meeting)
    client.force_login(world.delegate)
    response = client.post(
        _save_url(meeting), {"document_id": docs.report.pk, "page": "8", "text": "x"}
    )
    assert response.status_code == 422
    assert "Tài liệu chỉ có 3 trang." in text(response)
    response = client.post(_save_url(meeting), {"text": " "}, headers={"HX-Request": "true"})
    assert response.status_code == 422 and "Nhập nội dung ghi chú." in text(response)
    client.force_login(world.operator)  # cannot read the confidential document
    response = client.post(_save_url(meeting), {"document_id": docs.secret.pk, "text": "x"})
    assert response.status_code == 422
    assert "Không tìm thấy tài liệu trong cuộc họp này." in text(response)
    client.force_login(world.outsider)
    assert client.post(_save_url(meeting), {"text": "x"}).status_code == 404
    assert not PersonalNote.objects.exists()


def test_owner_deletes(client, world, meeting):
    note = _my_note(world, meeting)
    client.force_login(world.delegate)
    response = client.post(
        reverse("personal-note-delete", args=[note.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert SECRET_THOUGHT not in text(response)
    assert not PersonalNote.objects.exists()


def test_exports_carry_my_notes(client, world, meeting):
    item = _item(world, meeting)
    docs = papers(world, meeting)
    _my_note(world, meeting, agenda_item_id=item.pk)
    note_save(
        actor=world.delegate,
        meeting_id=meeting.pk,
        document_id=docs.report.pk,
        page=3,
        text="Số liệu trang 3 lệch",
    )
    client.force_login(world.delegate)
    response = client.get(reverse("personal-notes-txt", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="ghi-chu-cuoc-hop-{meeting.pk}.txt"'
    )
    body = response.content.decode()
    assert body.startswith("# Ghi chú cá nhân: Giao ban tuần\n")
    assert f"## Mục 1. Báo cáo kinh tế - xã hội\n\n{SECRET_THOUGHT}\n" in body
    assert "## Tài liệu “Dự thảo kế hoạch chuyển đổi số”, trang 3\n\nSố liệu trang 3 lệch" in body

    pdf = client.get(reverse("personal-notes-pdf", args=[meeting.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    words = " ".join(pdf_text(read_pdf(pdf.content)).split())
    assert SECRET_THOUGHT in words and "Số liệu trang 3 lệch" in words
    assert "Của Delegate" in words


def test_nobody_else_reads_them_through_any_url(client, world, meeting):
    """Not the organizer, not a superuser: pages, exports, and the API all answer only for
    the person asking, and a note id that is not theirs is 404."""
    note = _my_note(world, meeting)
    admin = make_user("admin", is_superuser=True, is_staff=True)
    for persona in (world.organizer, admin, world.chair):
        client.force_login(persona)
        for name in ("personal-notes", "personal-notes-txt"):
            response = client.get(reverse(name, args=[meeting.pk]))
            assert response.status_code == 200
            assert SECRET_THOUGHT not in text(response)
        pdf = client.get(reverse("personal-notes-pdf", args=[meeting.pk]))
        assert SECRET_THOUGHT not in pdf_text(read_pdf(pdf.content))
        assert client.post(reverse("personal-note-delete", args=[note.pk])).status_code == 404
        api = ApiClient(persona)
        assert SECRET_THOUGHT not in api.get(f"/api/meetings/{meeting.pk}/notes").content.decode()
        deleted = api.send("DELETE", f"/api/meetings/{meeting.pk}/notes/{note.pk}")
        assert deleted.status_code == 404
        # Writing at the same place makes the persona's own note, never touches the owner's.
        assert (
            api.send("PUT", f"/api/meetings/{meeting.pk}/notes", {"text": "của tôi"}).status_code
            == 200
        )
    note.refresh_from_db()
    assert note.text == SECRET_THOUGHT and note.owner == world.delegate
    assert PersonalNote.objects.count() == 4
    client.force_login(world.outsider)
    assert client.get(reverse("personal-notes", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("personal-notes-txt", args=[meeting.pk])).status_code == 404


def test_api_notes_round_trip(world, meeting):
    docs = papers(world, meeting)
    api = ApiClient(world.delegate)
    url = f"/api/meetings/{meeting.pk}/notes"
    saved = api.send("PUT", url, {"document_id": docs.report.pk, "page": 1, "text": "Trang bìa"})
    assert saved.status_code == 200
    body = saved.json()
    assert body["document_id"] == docs.report.pk and body["page"] == 1
    again = api.send("PUT", url, {"document_id": docs.report.pk, "page": 1, "text": "Sửa"})
    assert again.json()["id"] == body["id"] and again.json()["text"] == "Sửa"
    assert [n["text"] for n in api.get(url).json()] == ["Sửa"]
    refused = api.send("PUT", url, {"page": 2, "text": "x"})
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"page": ["Số trang chỉ dùng cho ghi chú trên tài liệu."]}
    assert api.send("DELETE", f"{url}/{body['id']}").status_code == 204
    assert api.get(url).json() == []
    assert ApiClient(world.outsider).get(url).status_code == 404
