"""GET /meetings/<id>/booklet.pdf: cover with a QR code to the meeting page, the agenda with
planned times, the documents with versions, page counts and SHA-256; only for people who
can see the meeting, and confidential documents only for their readers."""

from datetime import timedelta
from pathlib import Path

import pytest
import qrcode
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pypdf.generic import RectangleObject

from agenda.services.items import ItemInput, agenda_item_create
from meetings.calendar_ics import meeting_url
from meetings.services.scheduling import meeting_cancel
from meetings.vietnamese_dates import time_span
from tests.agenda.booklet_support import build_agenda
from tests.agenda.document_support import isolated_media
from tests.meetings.pdf_support import embedded_font_names, pdf_text, read_pdf

A4_POINTS = (595.28, 841.89)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    return isolated_media(settings, tmp_path)


@pytest.fixture
def agenda(world, meeting):
    return build_agenda(world, meeting)


def _get(client, user, meeting, **params):
    client.force_login(user)
    return client.get(reverse("meeting-booklet", args=[meeting.pk]), params)


def _flat(text: str) -> str:
    """Text without any white space: long values wrap inside table cells."""
    return "".join(text.split())


def test_url():
    assert reverse("meeting-booklet", args=[7]) == "/meetings/7/booklet.pdf"


def test_invitee_gets_an_a4_pdf_made_for_them(client, world, meeting, agenda):
    response = _get(client, world.delegate, meeting)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="tai-lieu-hop-{meeting.pk}.pdf"'
    assert "no-store" in response["Cache-Control"]
    reader = read_pdf(response.content)
    box: RectangleObject = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS


def test_cover_names_host_time_chair_and_every_bridge_point(client, world, meeting, agenda):
    reader = read_pdf(_get(client, world.operator, meeting).content)
    cover = reader.pages[0].extract_text()

    for expected in (
        "TỈNH LẠNG SƠN",
        "TÀI LIỆU HỌP",
        "Giao ban tuần",
        time_span(meeting.start, meeting.end),  # "Thứ Hai, 24/11/2025 08:00 – 10:00"
        "Nguyễn Văn Chủ",
        "Phòng họp trực tuyến tỉnh — Tỉnh Lạng Sơn",
        "Các điểm cầu thành phần (3):",
        *(f"{n}. Hội trường UBND xã — Xã Thử {n}" for n in (1, 2, 3)),
        meeting_url(meeting),
    ):
        assert expected in cover, expected


def test_cover_carries_a_qr_code_of_the_meeting_page(client, world, meeting, agenda):
    page = read_pdf(_get(client, world.delegate, meeting).content).pages[0]

    images = page.images
    assert len(images) == 1
    picture = images[0].image.convert("L")
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(meeting_url(meeting))
    code.make(fit=True)
    modules = code.get_matrix()
    cell = picture.width / len(modules)
    # Read the picture back module by module (the centre of each square).
    size = range(len(modules))
    seen = [
        [picture.getpixel((int((x + 0.5) * cell), int((y + 0.5) * cell))) < 128 for x in size]
        for y in size
    ]
    assert seen == modules


def test_agenda_lists_items_in_order_with_planned_times(client, world, meeting, agenda):
    text = pdf_text(read_pdf(_get(client, world.delegate, meeting).content))

    def clock(minutes: int) -> str:
        return f"{timezone.localtime(meeting.start + timedelta(minutes=minutes)):%H:%M}"

    titles = [item.title for item in agenda.items]
    positions = [text.index(title) for title in titles]
    assert positions == sorted(positions)
    for expected in (
        f"{clock(0)} – {clock(30)}",
        f"{clock(30)} – {clock(75)}",
        f"{clock(75)} – {clock(95)}",
        "Báo cáo · 30 phút",
        "Thảo luận · 45 phút",
        "Quyết định / biểu quyết · 20 phút",
        "Xã Thử 1",  # a unit presents the first item
        "Tổng thời lượng dự kiến: 95 phút; thời gian cuộc họp: 120 phút.",
    ):
        assert expected in text, expected
    assert "vượt thời gian" not in text


def test_an_agenda_longer_than_the_meeting_is_flagged(client, world, meeting, agenda):
    agenda_item_create(
        actor=world.organizer,
        meeting_id=meeting.pk,
        data=ItemInput(title="Phát biểu bế mạc", planned_minutes=40),
    )
    text = pdf_text(read_pdf(_get(client, world.organizer, meeting).content))
    assert "Chương trình vượt thời gian cuộc họp 15 phút." in text


def test_documents_are_listed_with_versions_pages_and_sha256(client, world, meeting, agenda):
    text = pdf_text(read_pdf(_get(client, world.chair, meeting).content))
    flat = _flat(text)

    plan_versions = list(agenda.plan.versions.order_by("-number"))
    for version in [
        *agenda.report.versions.all(),
        *plan_versions,
        *agenda.figures.versions.all(),
        *agenda.secret.versions.all(),
    ]:
        assert version.sha256 in flat, version
    assert "v2 (hiện hành)" in text and "v1 (đã thay thế)" in text
    assert "ke-hoach-v2.pdf" in text and "so-lieu.docx" in text
    for title in ("Báo cáo số 12/BC-UBND", "Dự thảo kế hoạch", "Bảng số liệu"):
        assert title in text
    # The chair is named on the confidential document.
    assert "Phương án nhân sự" in text and "TÀI LIỆU MẬT" in text
    assert [plan_versions[0].page_count, plan_versions[1].page_count] == [4, 2]


def test_confidential_document_is_hidden_from_invitees_not_named_on_it(
    client, world, meeting, agenda
):
    for user in (world.delegate, world.operator, world.secretary):
        text = pdf_text(read_pdf(_get(client, user, meeting).content))
        assert "Phương án nhân sự" not in text, user
        assert agenda.secret.versions.get().sha256 not in _flat(text), user
        assert "Báo cáo số 12/BC-UBND" in text
    # Its creator still sees it.
    assert "Phương án nhân sự" in pdf_text(read_pdf(_get(client, world.organizer, meeting).content))


def test_people_without_a_part_get_404(client, world, meeting, agenda):
    for user in (world.outsider, world.other_organizer):
        assert _get(client, user, meeting).status_code == 404
        assert _get(client, user, meeting, full="1").status_code == 404


def test_unknown_meeting_is_404(client, world):
    client.force_login(world.organizer)
    assert client.get(reverse("meeting-booklet", args=[987654])).status_code == 404


def test_anonymous_is_sent_to_log_in(client, meeting):
    response = client.get(reverse("meeting-booklet", args=[meeting.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse(settings.LOGIN_URL)}?next=")


def test_post_is_not_allowed(client, world, meeting):
    client.force_login(world.organizer)
    assert client.post(reverse("meeting-booklet", args=[meeting.pk])).status_code == 405


def test_meeting_without_agenda_or_documents_still_prints(client, world, meeting):
    text = pdf_text(read_pdf(_get(client, world.organizer, meeting).content))
    assert "Chưa có chương trình." in text and "Chưa có tài liệu." in text


def test_plex_serif_is_embedded_and_nothing_else_is_used(client, world, meeting, agenda):
    fonts = embedded_font_names(read_pdf(_get(client, world.chair, meeting).content))
    assert fonts and all("IBMPlexSerif" in name for name in fonts)
    assert all(fonts.values())


def test_cancelled_meeting_is_stamped(client, world, meeting, agenda):
    meeting_cancel(actor=world.organizer, meeting_id=meeting.pk, reason="Bão")
    text = pdf_text(read_pdf(_get(client, world.chair, meeting).content))
    assert "ĐÃ HỦY" in text
