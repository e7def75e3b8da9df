import pytest
from django.urls import reverse
from pypdf.generic import RectangleObject

from meetings.models import Participant
from meetings.services.scheduling import meeting_cancel, meeting_schedule
from tests.meetings.pdf_support import embedded_font_names, pdf_text, read_pdf
from tests.world import PASSWORD

A4_POINTS = (595.28, 841.89)


@pytest.fixture
def meeting(world):
    data = world.meeting_input(title="Giao ban công tác chuyển đổi số quý IV")
    data.participants = [(world.delegate.pk, world.rooms[0].pk)]
    return meeting_schedule(actor=world.organizer, data=data)


def _get(client, user, meeting):
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client.get(reverse("meeting-invitation-pdf", args=[meeting.pk]))


def test_url():
    assert reverse("meeting-invitation-pdf", args=[7]) == "/meetings/7/invitation.pdf"


def test_invitee_downloads_an_a4_letter(client, world, meeting):
    response = _get(client, world.operator, meeting)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (f'attachment; filename="giay-moi-{meeting.pk}.pdf"')
    reader = read_pdf(response.content)
    assert len(reader.pages) >= 1
    box: RectangleObject = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS


def test_letter_speaks_vietnamese_after_decree_30(client, world, meeting):
    text = pdf_text(read_pdf(_get(client, world.organizer, meeting).content))

    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TỈNH LẠNG SƠN",
        "/GM-TLS",
        "GIẤY MỜI",
        "Kính gửi",
        "Giao ban công tác chuyển đổi số quý IV",
        "Nguyễn Văn Chủ",
        "Điểm cầu chính",
        "Phòng họp trực tuyến tỉnh",
        "Nơi nhận",
        "Lưu: VT.",
        "Delegate",
        *(c.name for c in world.communes),
    ):
        assert expected in text, expected
    assert "ĐÃ HỦY" not in text


def test_plex_serif_is_embedded_and_nothing_else_is_used(client, world, meeting):
    fonts = embedded_font_names(read_pdf(_get(client, world.organizer, meeting).content))

    assert fonts, "no fonts found"
    assert all("IBMPlexSerif" in name for name in fonts)
    assert all(fonts.values())


def test_cancelled_meeting_still_prints_stamped(client, world, meeting):
    meeting_cancel(actor=world.organizer, meeting_id=meeting.pk, reason="Bão số 3")

    response = _get(client, world.chair, meeting)

    assert response.status_code == 200
    text = pdf_text(read_pdf(response.content))
    assert "ĐÃ HỦY" in text and "Bão số 3" in text and "GIẤY MỜI" in text


def test_many_rooms_run_onto_more_pages(client, world, meeting):
    for i in range(25):
        Participant.objects.create(
            meeting=meeting,
            user=type(world.delegate).objects.create_user(f"daibieu{i}", full_name=f"Đại biểu {i}"),
        )

    reader = read_pdf(_get(client, world.organizer, meeting).content)

    assert len(reader.pages) >= 2
    assert "Đại biểu 24" in pdf_text(reader)


def test_outsider_gets_404(client, world, meeting):
    assert _get(client, world.outsider, meeting).status_code == 404


def test_anonymous_is_sent_to_login(client, world, meeting):
    response = _get(client, None, meeting)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
