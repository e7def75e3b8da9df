"""The live room page: one URL, sections by the viewer's part, the room's state inside."""

import json
import re

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.agenda.agenda_page_support import add_document
from tests.meetings.page_helpers import text
from tests.realtime.conftest import Live, build_live

JITSI = {
    "JITSI_DOMAIN": "meet.langson.example.gov.vn",
    "JITSI_APP_ID": "diemcau",
    "JITSI_APP_SECRET": "bi-mat-cua-may-chu-jitsi-dai-it-nhat-32-byte",
}
NOT_CONFIGURED = "Chưa cấu hình hội nghị truyền hình (Jitsi)"


@pytest.fixture
def room(world) -> Live:
    return build_live(world)


@pytest.fixture(autouse=True)
def _no_jitsi(settings, tmp_path):
    settings.JITSI_DOMAIN = ""
    settings.MEDIA_ROOT = tmp_path


def _url(meeting: Meeting) -> str:
    return reverse("meeting-live", args=[meeting.pk])


def _open(client, user, meeting: Meeting):
    client.force_login(user)
    response = client.get(_url(meeting))
    assert response.status_code == 200
    return response


def _config(response) -> dict:
    found = re.search(
        r'<script id="live-config" type="application/json">(.*?)</script>', text(response), re.S
    )
    assert found, "the page carries its room config"
    return json.loads(found.group(1))


def test_the_chair_gets_every_control_of_the_room(client, room: Live):
    response = _open(client, room.chair, room.meeting)
    page = text(response)
    for section in (
        "Chương trình họp",
        "Khai mạc cuộc họp",
        "Trình chiếu tài liệu cho mọi người",
        "Sẵn sàng các điểm cầu",
        "Điểm danh đại biểu",
        "Hạ tất cả tay",
        "Chuẩn bị biểu quyết",
        "Ghi chép và kết luận",
        "Thiết lập phòng họp",
    ):
        assert section in page, section
    assert 'data-form="checkin"' not in page
    assert 'data-note="note"' not in page  # the chair reads notes; the secretary writes them
    config = _config(response)
    assert config["sections"]["preside"] is True
    assert config["socket_path"] == f"/ws/meetings/{room.meeting.pk}/"
    snapshot = config["snapshot"]
    assert snapshot["me"]["may_preside"] is True
    assert [item["title"] for item in snapshot["state"]["agenda"]] == [
        "Báo cáo kinh tế - xã hội tháng",
        "Kế hoạch phòng chống lụt bão",
    ]
    assert config["default_options"] == ["Tán thành", "Không tán thành", "Không biểu quyết"]
    assert config["strings"]["reconnecting"] == "Đang kết nối lại… (lần thử %(n)s)"


def test_the_operator_gets_their_rooms_check_in_roll_call_and_proxy(client, room: Live):
    response = _open(client, room.operator, room.meeting)
    page = text(response)
    assert f'data-form="checkin" data-room="{room.rooms[0].pk}"' in page
    assert page.count('data-form="checkin"') == 1
    for section in ("Điểm danh điểm cầu", "Điểm danh đại biểu", "Đăng ký phát biểu thay"):
        assert section in page, section
    for chair_only in ("Khai mạc cuộc họp", "Sẵn sàng các điểm cầu", "Chuẩn bị biểu quyết"):
        assert chair_only not in page, chair_only
    sections = _config(response)["sections"]
    assert sections["proxy"] is True
    assert sections["video_autostart"] is True


def test_a_delegate_gets_the_tablet_view_with_the_items_documents(client, room: Live):
    document = add_document(room.meeting, room.organizer, item=room.items[0], pages=4)
    response = _open(client, room.delegate, room.meeting)
    page = text(response)
    assert "Tài liệu của nội dung đang thảo luận" in page
    assert 'data-form="ask"' in page
    assert "Mở tài liệu đang trình bày" in page  # shown when the chair asks to follow
    for not_theirs in ("Khai mạc cuộc họp", "Điểm danh đại biểu", "Chuẩn bị biểu quyết"):
        assert not_theirs not in page, not_theirs
    config = _config(response)
    assert config["sections"]["vote"] is True
    assert config["sections"]["video_autostart"] is False
    version = document.versions.get()
    assert config["documents"][str(room.items[0].pk)] == [
        {
            "title": "Báo cáo tình hình",
            "version_id": version.pk,
            "number": 1,
            "page_count": 4,
            "url": reverse("document-reader", args=[version.pk]),
            "is_pdf": True,
            "followable": True,
        }
    ]


def test_a_confidential_document_is_listed_only_to_its_readers(client, room: Live):
    add_document(room.meeting, room.organizer, item=room.items[0], confidential=True)
    config = _config(_open(client, room.delegate, room.meeting))
    assert config["documents"] == {}


def test_the_secretary_writes_the_notes(client, room: Live):
    page = text(_open(client, room.secretary, room.meeting))
    assert 'data-note="note"' in page
    assert 'data-note="conclusion"' in page
    assert "Theo nội dung đang thảo luận" in page


@pytest.mark.parametrize("who", ["outsider", "other_organizer"])
def test_someone_not_invited_gets_a_404(client, room: Live, who):
    client.force_login(getattr(room, who))
    response = client.get(_url(room.meeting))
    assert response.status_code == 404
    assert "live-config" not in text(response)


def test_anonymous_is_sent_to_sign_in(client, room: Live):
    response = client.get(_url(room.meeting))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_without_jitsi_the_page_says_so_and_has_no_video_config(client, room: Live):
    response = _open(client, room.chair, room.meeting)
    assert NOT_CONFIGURED in text(response)
    assert _config(response)["video"] is None


def test_with_jitsi_the_page_carries_the_persons_video_config(client, room: Live, settings):
    for name, value in JITSI.items():
        setattr(settings, name, value)
    response = _open(client, room.operator, room.meeting)
    assert NOT_CONFIGURED not in text(response)
    video = _config(response)["video"]
    assert video["domain"] == JITSI["JITSI_DOMAIN"]
    assert video["script_url"] == f"https://{JITSI['JITSI_DOMAIN']}/external_api.js"
    assert video["room"].startswith("diemcau-")
    assert video["jwt"]  # its claims are checked in tests/meetings/test_jitsi_tokens.py
    assert video["bridge_point_id"] == room.rooms[0].pk


def test_a_refused_video_token_shows_why(client, room: Live, settings):
    for name, value in JITSI.items():
        setattr(settings, name, value)
    Meeting.objects.filter(pk=room.meeting.pk).update(status=Meeting.Status.CANCELLED)
    page = text(_open(client, room.chair, room.meeting))
    assert "Cuộc họp đã bị hủy: không mở hình ảnh trực tuyến." in page
    assert NOT_CONFIGURED not in page


def test_the_meeting_page_links_to_the_room_while_scheduled_or_live(client, room: Live):
    client.force_login(room.delegate)
    detail = reverse("meeting-detail", args=[room.meeting.pk])
    for status, linked in (("scheduled", True), ("live", True), ("ended", False)):
        Meeting.objects.filter(pk=room.meeting.pk).update(status=status)
        page = text(client.get(detail))
        assert (_url(room.meeting) in page) is linked, status
        assert ("Vào phòng họp trực tuyến" in page) is linked, status
