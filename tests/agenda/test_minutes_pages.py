"""The minutes pages: the editor, the approval view, history, comparison and the PDFs."""

import io
import re

from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from agenda.models import Minutes, MinutesDocument, MinutesVersion
from agenda.services.minutes import (
    minutes_approve,
    minutes_draft_build,
    minutes_submit,
    minutes_version_save,
)
from meetings.models import User
from tests.agenda.minutes_support import (
    Held,
    hold_meeting,
    media,  # noqa: F401 (autouse fixture)
)
from tests.agenda.signing_support import identity, sign_outside, store_certificate
from tests.meetings.page_helpers import text
from tests.world import World


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, held: Held, *args) -> str:
    return reverse(name, args=[held.meeting.pk, *args])


def built(world: World) -> tuple[Held, MinutesVersion]:
    held = hold_meeting(world)
    return held, minutes_draft_build(actor=world.secretary, meeting_id=held.meeting.pk)


def form_of(version: MinutesVersion, **changes) -> dict[str, str]:
    """The editor's fields as the page sends them (the script copies each box to its textarea)."""
    content = version.content
    data = {
        "base_number": str(version.number),
        "section_count": str(len(content["sections"])),
        "recipients": "\n".join(content["recipients"]),
        "note": "",
    }
    data |= {f"header_{k}": v for k, v in content["header"].items()}
    year, month, day = content["header"]["date"].split("-")
    data["header_date"] = f"{day}/{month}/{year}"
    for i, section in enumerate(content["sections"]):
        data |= {
            f"section_{i}_key": section["key"],
            f"section_{i}_title": section["title"],
            f"section_{i}_layout": section["layout"],
            f"section_{i}_html": section["html"],
        }
    for role, signer in content["signers"].items():
        data |= {f"signer_{role}_title": signer["title"], f"signer_{role}_name": signer["name"]}
    return data | changes


def test_the_secretary_builds_the_draft_from_the_page(world: World):
    held = hold_meeting(world)
    page = client_for(world.secretary).get(url("minutes", held))
    assert page.status_code == 200
    assert "Dựng dự thảo biên bản" in text(page)
    secretary = client_for(world.secretary)
    answer = secretary.post(url("minutes-build", held))
    assert answer.status_code == 302
    page = secretary.get(answer.url)
    body = text(page)
    assert "Đã dựng dự thảo biên bản từ dữ liệu cuộc họp (phiên bản 1)." in body
    assert 'id="minutes-editor"' in body and "minutes-editor.js" in body
    assert "Báo cáo giải ngân vốn đầu tư công" in body
    # Each section's sanitised HTML goes in its textarea, escaped.
    assert "&lt;p&gt;&lt;strong&gt;Trình bày: &lt;/strong&gt;Delegate&lt;/p&gt;" in body
    assert "Trình duyệt phiên bản 1" in body


def test_a_meeting_not_begun_cannot_be_drafted(world: World, meeting):
    page = client_for(world.secretary).get(reverse("minutes", args=[meeting.pk]))
    assert "Biên bản được dựng từ khi cuộc họp khai mạc." in text(page)
    answer = client_for(world.secretary).post(reverse("minutes-build", args=[meeting.pk]))
    assert answer.status_code == 422
    assert "biên bản được dựng từ khi cuộc họp khai mạc" in text(answer)


def test_saving_the_editor_adds_a_version(world: World):
    held, version = built(world)
    data = form_of(
        version,
        section_0_html="<div>9 giờ <b>00</b> phút</div><script>x()</script>",
        note="Sửa giờ",
    )
    secretary = client_for(world.secretary)
    answer = secretary.post(url("minutes-save", held), data)
    assert answer.status_code == 302
    saved = MinutesVersion.objects.get(number=2)
    assert saved.content["sections"][0]["html"] == "<p>9 giờ <strong>00</strong> phút</p>"
    assert (saved.author, saved.note) == (world.secretary, "Sửa giờ")
    assert "Đã lưu phiên bản 2." in text(secretary.get(answer.url))


def test_a_refused_save_keeps_what_was_typed(world: World):
    held, version = built(world)
    data = form_of(version, header_date="31/02/2026", section_1_html="<p>Bản đang sửa</p>")
    answer = client_for(world.secretary).post(url("minutes-save", held), data)
    assert answer.status_code == 422
    body = text(answer)
    assert "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 22/11/2026." in body
    assert 'value="31/02/2026"' in body
    assert "&lt;p&gt;Bản đang sửa&lt;/p&gt;" in body
    assert MinutesVersion.objects.count() == 1


def test_a_stale_save_answers_409_naming_who_saved(world: World):
    held, version = built(world)
    minutes_version_save(
        actor=world.organizer,
        meeting_id=held.meeting.pk,
        base_number=1,
        content={**version.content, "recipients": ["Lưu: VT"]},
    )
    data = form_of(version, section_1_html="<p>Của thư ký</p>")
    answer = client_for(world.secretary).post(url("minutes-save", held), data)
    assert answer.status_code == 409
    body = text(answer)
    assert "Biên bản đã được Organizer lưu lúc" in body
    assert "&lt;p&gt;Của thư ký&lt;/p&gt;" in body
    assert f"{url('minutes-compare', held)}?b=2" in body


def test_the_chair_sees_the_approval_view_not_the_editor(world: World):
    held, _version = built(world)
    minutes_submit(actor=world.secretary, meeting_id=held.meeting.pk)
    body = text(client_for(world.chair).get(url("minutes", held)))
    assert "Duyệt phiên bản 1" in body and "Trả lại để sửa" in body
    assert 'id="minutes-editor"' not in body
    assert "BIÊN BẢN" in body and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body
    secretary_page = text(client_for(world.secretary).get(url("minutes", held)))
    assert "Phiên bản 1 đang chờ chủ trì duyệt." in secretary_page
    assert "Duyệt phiên bản 1" not in secretary_page


def test_returning_without_a_comment_is_refused_in_place(world: World):
    held, _version = built(world)
    minutes_submit(actor=world.secretary, meeting_id=held.meeting.pk)
    answer = client_for(world.chair).post(url("minutes-return", held), {"number": "1"})
    assert answer.status_code == 422
    assert "Ghi ý kiến: cần sửa gì trong biên bản." in text(answer)
    answer = client_for(world.chair).post(
        url("minutes-return", held), {"number": "1", "comment": "Thiếu ý kiến xã 3"}
    )
    assert answer.status_code == 302
    body = text(client_for(world.secretary).get(url("minutes", held)))
    assert "Thiếu ý kiến xã 3" in body and 'id="minutes-editor"' in body


def test_approving_from_the_page_shows_the_code_and_the_pdfs(world: World):
    store_certificate(world.province)
    held, _version = built(world)
    minutes_submit(actor=world.secretary, meeting_id=held.meeting.pk)
    refused = client_for(world.secretary).post(url("minutes-approve", held), {"number": "1"})
    assert refused.status_code == 403
    chair = client_for(world.chair)
    answer = chair.post(url("minutes-approve", held), {"number": "1"})
    assert answer.status_code == 302
    code = MinutesVersion.objects.get().verification_code
    body = text(chair.get(answer.url))
    assert f"Mã xác thực: {code}." in body
    assert "Bản in chưa ký" in body and "Ký số tại hệ thống" in body
    signed = MinutesDocument.objects.get(kind="signed")
    download = client_for(world.secretary).get(reverse("minutes-document", args=[signed.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_uploading_a_signed_copy_from_the_page(world: World):
    store_certificate(world.other_province)  # trusted CA; the host itself signs nothing
    held, _version = built(world)
    minutes_submit(actor=world.secretary, meeting_id=held.meeting.pk)
    minutes_approve(actor=world.chair, meeting_id=held.meeting.pk, number=1)
    rendered = MinutesDocument.objects.get(kind="rendered")
    with rendered.file.open("rb") as stored:
        signed = sign_outside(stored.read(), identity(), field="ChuTri")
    secretary = client_for(world.secretary)
    upload = io.BytesIO(signed)
    upload.name = "bien-ban-da-ky.pdf"
    answer = secretary.post(url("minutes-upload-signed", held), {"file": upload})
    assert answer.status_code == 302
    assert "Đã nhận bản ký số của" in text(secretary.get(answer.url))
    bad = io.BytesIO(b"%PDF-1.7 nothing signed")
    bad.name = "x.pdf"
    answer = secretary.post(url("minutes-upload-signed", held), {"file": bad})
    assert answer.status_code == 422
    assert MinutesDocument.objects.filter(kind="uploaded").count() == 1


def test_history_version_and_comparison(world: World):
    held, version = built(world)
    minutes_version_save(
        actor=world.organizer,
        meeting_id=held.meeting.pk,
        base_number=1,
        content=form_content(version, 0, "<p>9 giờ 00 phút, ngày 22/11/2026</p>"),
        note="Giờ khai mạc",
    )
    secretary = client_for(world.secretary)
    history = text(secretary.get(url("minutes-versions", held)))
    assert "Giờ khai mạc" in history and "Organizer" in history
    one = text(secretary.get(url("minutes-version", held, 1)))
    assert "Dựng từ dữ liệu cuộc họp" in one
    compare = secretary.get(url("minutes-compare", held), {"a": 1, "b": 2})
    body = text(compare)
    assert re.search(r'<ins class="diff-added">9 giờ 00 phút, ngày 22/11/2026</ins>', body)
    assert '<del class="diff-removed">' in body
    assert "1 phần thay đổi" in body
    assert secretary.get(url("minutes-compare", held), {"a": 1, "b": 9}).status_code == 404


def form_content(version: MinutesVersion, index: int, html: str) -> dict:
    content = {**version.content, "sections": [dict(s) for s in version.content["sections"]]}
    content["sections"][index]["html"] = html
    return content


def test_the_draft_pdf_is_stamped(world: World):
    held, _version = built(world)
    answer = client_for(world.chair).get(url("minutes-preview", held, 1))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(answer.content)).pages
    content = "\n".join(page.extract_text() for page in pages)
    assert "BIÊN BẢN" in content and "Họp giao ban tháng 11" in content


def test_participants_see_nothing_before_publishing(world: World):
    held, _version = built(world)
    delegate = client_for(world.delegate)
    page = delegate.get(url("minutes", held))
    assert page.status_code == 200
    assert "Biên bản chưa được phát hành" in text(page)
    assert "Báo cáo giải ngân" not in text(page)
    for name, args in (
        ("minutes-versions", ()),
        ("minutes-version", (1,)),
        ("minutes-preview", (1,)),
    ):
        assert delegate.get(url(name, held, *args)).status_code == 404
    assert delegate.post(url("minutes-build", held)).status_code == 403
    assert client_for(world.outsider).get(url("minutes", held)).status_code == 404
    detail = text(delegate.get(reverse("meeting-detail", args=[held.meeting.pk])))
    assert url("minutes", held) not in detail


def test_participants_read_the_published_minutes(world: World):
    store_certificate(world.province)
    held, _version = built(world)
    minutes_submit(actor=world.secretary, meeting_id=held.meeting.pk)
    version = minutes_approve(actor=world.chair, meeting_id=held.meeting.pk, number=1)
    signed = MinutesDocument.objects.get(kind="signed")
    # Publishing is another part's service; its outcome is what this page reads.
    Minutes.objects.update(status=Minutes.Status.PUBLISHED, published_document=signed)
    delegate = client_for(world.delegate)
    body = text(delegate.get(url("minutes", held)))
    assert "Báo cáo giải ngân vốn đầu tư công" in body
    assert version.verification_code in body
    assert reverse("minutes-document", args=[signed.pk]) in body
    assert delegate.get(reverse("minutes-document", args=[signed.pk])).status_code == 200
    rendered = MinutesDocument.objects.get(kind="rendered")
    assert delegate.get(reverse("minutes-document", args=[rendered.pk])).status_code == 404
    assert delegate.get(url("minutes-versions", held)).status_code == 404
    detail = text(delegate.get(reverse("meeting-detail", args=[held.meeting.pk])))
    assert "Biên bản cuộc họp đã được ký số và phát hành." in detail


def test_the_meeting_page_links_the_minutes_for_who_writes_them(world: World):
    held = hold_meeting(world)
    for user in (world.secretary, world.chair, world.organizer):
        detail = text(client_for(user).get(reverse("meeting-detail", args=[held.meeting.pk])))
        assert url("minutes", held) in detail
