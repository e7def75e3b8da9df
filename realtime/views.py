"""The live meeting room page: one page whose sections follow the viewer's part in the room.

The page carries the room's snapshot, so it shows the meeting at once on a slow link; the
socket then sends only what changed since (static/realtime/live.js).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agenda import selectors as agenda_selectors
from agenda.models import Document
from meetings import jitsi
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, User
from realtime.access import RoomAccess, room_access
from realtime.models import CheckIn, Poll, RollCallEntry, SpeakerRequest
from realtime.snapshot import room_snapshot

# Every text the page's scripts show; translated here so the scripts stay language-free.
STRINGS = {
    "connecting": _("Đang kết nối…"),
    "online": _("Trực tuyến"),
    "reconnecting": _("Đang kết nối lại… (lần thử %(n)s)"),
    "retry_in": _("thử lại sau %(s)s giây"),
    "refused": _(
        "Không vào được phòng họp: phiên đăng nhập đã hết hoặc bạn không còn được mời. "
        "Hãy tải lại trang."
    ),
    "waiting_to_send": _("%(n)s thao tác đang chờ gửi; sẽ gửi khi có kết nối."),
    "sending": _("Đang gửi…"),
    "saved": _("Đã lưu."),
    "done": _("Đã ghi nhận."),
    "server_retry": _("Máy chủ tạm thời không xử lý được; đang thử lại."),
    "no_item": _("Chưa bắt đầu nội dung nào"),
    "item_of": _("Nội dung %(n)s/%(total)s"),
    "planned": _("dự kiến %(m)s phút"),
    "over_time": _("quá giờ"),
    "current": _("Đang thảo luận"),
    "goto": _("Chuyển đến"),
    "presenter": _("Trình bày"),
    "start_confirm": _("Khai mạc cuộc họp? Mọi điểm cầu sẽ chuyển sang nội dung đầu tiên."),
    "end_confirm": _("Bế mạc cuộc họp? Sau đó không chuyển nội dung, không biểu quyết được nữa."),
    "follow_by": _("%(name)s mời mọi người cùng xem"),
    "page_n": _("trang %(n)s"),
    "pages": pgettext_lazy("số trang, bất kể số ít hay nhiều", "%(n)s trang"),
    "no_documents": _("Nội dung này không có tài liệu."),
    "read": _("Đọc"),
    "open": _("Mở"),
    "ready_count": _("%(ready)s/%(total)s điểm cầu sẵn sàng · %(missing)s chưa điểm danh"),
    "not_checked_in": _("Chưa điểm danh"),
    "all_checked_in": _("Mọi điểm cầu đã điểm danh."),
    "main_room": _("Điểm cầu chính"),
    "technician": _("Kỹ thuật"),
    "yes": _("có"),
    "no": _("không"),
    "video_test": _("Thử hình, tiếng"),
    "quality": _("Đường truyền"),
    "headcount": _("Số người"),
    "checked_in_at": _("Điểm danh lúc %(time)s, %(name)s"),
    "light_green": _("Sẵn sàng"),
    "light_amber": _("Cần lưu ý"),
    "light_red": _("Chưa sẵn sàng"),
    "stats_none": _("Chưa có số đo: hình ảnh trực tuyến chưa kết nối."),
    "stats": _("Đo từ hình ảnh: chất lượng %(q)s/100 · mất gói %(loss)s%% · trễ %(rtt)s ms"),
    "quorum": _(
        "Có mặt %(present)s/%(members)s đại biểu (%(share)s%%) · cần %(needed)s (%(percent)s%%)"
    ),
    "quorum_met": _("Đủ số lượng"),
    "quorum_not_met": _("Chưa đủ số lượng"),
    "not_marked": _("Chưa điểm danh"),
    "marked_by": _("điểm danh: %(name)s"),
    "reason": _("Lý do vắng"),
    # Short labels of the roll call buttons (their full label is read out).
    "present_room": _("Có mặt"),
    "present_online": _("Trực tuyến"),
    "absent": _("Vắng"),
    "save": _("Lưu"),
    "observer": _("Khách mời"),
    "all_rooms": _("Tất cả điểm cầu"),
    "no_members": _("Không có đại biểu nào để điểm danh."),
    "speaking_now": _("Đang phát biểu"),
    "nobody_speaking": _("Chưa có ai phát biểu."),
    "queue_empty": _("Chưa có ai đăng ký phát biểu."),
    "grant": _("Mời phát biểu"),
    "remove": _("Bỏ"),
    "end_turn": _("Kết thúc lượt"),
    "spoke": _("Đã phát biểu (%(n)s)"),
    "from_video": _("giơ tay trên hình ảnh"),
    "my_place": _("Bạn đã đăng ký phát biểu, đang chờ thứ %(n)s."),
    "my_turn": _("Bạn đang phát biểu."),
    "withdraw": _("Rút đăng ký"),
    "no_polls": _("Chưa có biểu quyết nào."),
    "open_poll": _("Mở biểu quyết"),
    "close_poll": _("Kết thúc biểu quyết"),
    "delete_poll": _("Xóa"),
    "delete_confirm": _("Xóa biểu quyết đang chuẩn bị này?"),
    "close_confirm": _("Kết thúc biểu quyết? Sau đó không ai bỏ phiếu được nữa."),
    "secret": _("Bỏ phiếu kín"),
    "named": _("Công khai"),
    "votes_total": _("Đã bỏ phiếu: %(n)s"),
    "secret_counts_later": _("Phiếu kín: số phiếu từng phương án được công bố khi kết thúc."),
    "passed": _("THÔNG QUA"),
    "not_passed": _("KHÔNG THÔNG QUA"),
    "result_of": _("Kết quả biểu quyết “%(q)s”: %(result)s"),
    "result_base": _("Thành viên: %(members)s · có mặt: %(present)s"),
    "my_vote": _("Bạn đã biểu quyết: %(option)s"),
    "my_vote_secret": _("Bạn đã bỏ phiếu (phiếu kín)."),
    "vote_pending": _("Đang gửi phiếu: %(option)s"),
    "vote_offline": _("Phiếu “%(option)s” sẽ được gửi khi có kết nối."),
    "vote_for": _("Phiếu thay cho"),
    "choose_delegate": _("Chọn đại biểu"),
    "proxy_done": _("Đã ghi phiếu “%(option)s” cho %(name)s."),
    "room_vote": _("Phiếu của điểm cầu %(room)s"),
    "room_voted": _("Điểm cầu đã biểu quyết: %(option)s"),
    "choices": _("Phiếu từng người (%(n)s)"),
    "loading": _("Đang tải…"),
    "choices_failed": _("Máy chủ chưa trả được danh sách phiếu; hãy thử lại."),
    "retry": _("Thử lại"),
    "voter": _("Người biểu quyết"),
    "choice": _("Lựa chọn"),
    "cast_by": _("Người ghi phiếu"),
    "no_item_poll": _("Không gắn nội dung"),
    "options_needed": _("Nhập ít nhất hai phương án, mỗi dòng một phương án."),
    "question_needed": _("Nhập nội dung biểu quyết."),
    "note_saving": _("Đang lưu…"),
    "note_saved": _("Đã lưu lúc %(time)s (phiên bản %(v)s)."),
    "note_offline": _("Chưa gửi được; bản nháp được giữ trên máy này và sẽ gửi khi có kết nối."),
    "note_conflict": _(
        "%(name)s vừa lưu một bản khác của phần này. Chọn bản giữ lại; không bản nào bị ghi đè "
        "khi chưa chọn."
    ),
    "theirs": _("Bản mới trên máy chủ"),
    "mine": _("Bản của tôi"),
    "keep_mine": _("Giữ bản của tôi"),
    "use_theirs": _("Dùng bản mới"),
    "note_empty": _("Chưa có ghi chép."),
    "conclusion_empty": _("Chưa có kết luận."),
    "updated_by": _("Cập nhật: %(name)s, %(time)s"),
    "general_notes": _("Ghi chép chung"),
    "role_changed": _("Vai trò của bạn trong phòng họp vừa thay đổi."),
    "reload": _("Tải lại trang"),
    "video_load_failed": _(
        "Không tải được hình ảnh trực tuyến từ máy chủ hội nghị truyền hình. Kiểm tra đường "
        "truyền rồi tải lại trang; các chức năng khác vẫn dùng bình thường."
    ),
}


def _choices(choices) -> list[list[str]]:
    return [[value, str(label)] for value, label in choices]


def _documents_by_item(user: User, meeting: Meeting) -> dict[str, list[dict]]:
    """The newest version of each document the user may read, per agenda item ("0": none)."""
    grouped: dict[str, list[dict]] = {}
    document: Document
    for document in agenda_selectors.meeting_documents(user, meeting):
        versions = list(document.versions.all())  # newest first
        if not versions:
            continue
        version = versions[0]
        is_pdf = version.content_type == "application/pdf"
        viewer = "document-reader" if is_pdf else "document-open"
        grouped.setdefault(str(document.agenda_item_id or 0), []).append(
            {
                "title": document.title,
                "version_id": version.pk,
                "number": version.number,
                "page_count": version.page_count,
                "url": reverse(viewer, args=[version.pk]),
                "is_pdf": is_pdf,
                # Only documents everyone may read can be shown to everyone.
                "followable": is_pdf and not document.is_confidential,
            }
        )
    return grouped


def _video(user: User, meeting: Meeting) -> tuple[dict | None, str]:
    try:
        return jitsi.video_config(user, meeting), ""
    except jitsi.VideoTokenRefused as refused:
        return None, str(refused)


def _sections(access: RoomAccess) -> dict[str, bool]:
    operates = bool(access.operated_rooms)
    return {
        "preside": access.may_preside,
        "readiness": access.may_preside,
        "checkin": operates,
        "rollcall": access.may_preside or access.is_secretary or operates,
        "notes_edit": access.is_secretary,
        "notes_read": access.may_preside and not access.is_secretary,
        "ask": access.is_delegate,
        "proxy": operates,
        "vote": access.is_delegate,
        # The room's screen runs the video; a delegate's tablet starts it only when asked.
        "video_autostart": access.may_preside or operates,
    }


def _layout(sections: dict[str, bool]) -> dict:
    """Which sections go in the main and side columns, by the viewer's main part."""

    def parts(*names: str) -> list[str]:
        return [f"realtime/_{name}.html" for name in names]

    if sections["preside"]:
        return {
            "name": "chair",
            "main": parts("agenda", "speakers", "votes"),
            "side": parts("video", "readiness", "notes", "rollcall"),
        }
    if sections["checkin"]:
        return {
            "name": "operator",
            "main": parts("checkin", "rollcall", "speakers", "votes"),
            "side": parts("video", "agenda", "documents"),
        }
    if sections["notes_edit"]:
        return {
            "name": "secretary",
            "main": parts("notes", "speakers", "votes"),
            "side": parts("video", "agenda", "documents", "rollcall"),
        }
    return {
        "name": "delegate",
        "main": parts("documents", "speakers", "votes", "agenda"),
        "side": parts("video"),
    }


def _people(meeting: Meeting) -> list[dict]:
    """Everyone who may be named co-secretary: the invited, the secretary and the chair."""
    people = {p.user_id: p.user.display_name for p in meeting.participants.all()}
    for user in (meeting.chair, meeting.secretary):
        if user is not None:
            people[user.pk] = user.display_name
    return [{"id": pk, "name": name} for pk, name in sorted(people.items(), key=lambda p: p[1])]


@login_required
def live_room(request: HttpRequest, pk: int) -> HttpResponse:
    # The page shows the meeting's people too: read it with its details, once.
    access = room_access(request.user, pk, meeting=meeting_selectors.meeting_get(request.user, pk))
    meeting = access.meeting
    video, video_refused = _video(request.user, meeting)
    sections = _sections(access)
    snapshot = room_snapshot(access)
    config = {
        "meeting_id": meeting.pk,
        "user_id": request.user.pk,
        "socket_path": f"/ws/meetings/{meeting.pk}/",
        "snapshot": snapshot,
        "server_now": timezone.now().isoformat(),
        "time_zone": str(timezone.get_current_timezone()),
        "sections": sections,
        "video": video,
        "documents": _documents_by_item(request.user, meeting),
        "people": _people(meeting) if access.may_preside else [],
        "choices": {
            "status": _choices(Meeting.Status.choices),
            "electorate": _choices(Poll.Electorate.choices),
            "rule": _choices(Poll.Rule.choices),
            "poll_status": _choices(Poll.Status.choices),
            "roll_call": _choices(RollCallEntry.Status.choices),
            "quality": _choices(CheckIn.Quality.choices),
            "speaker_status": _choices(SpeakerRequest.Status.choices),
        },
        "default_options": [
            str(_("Tán thành")),
            str(_("Không tán thành")),
            str(_("Không biểu quyết")),
        ],
        "strings": STRINGS,
    }
    return render(
        request,
        "realtime/live_room.html",
        {
            "meeting": meeting,
            "access": access,
            "sections": sections,
            "layout": _layout(sections),
            "config": config,
            "my_rooms": [
                room
                for room in snapshot["state"]["bridge_points"]
                if room["id"] in access.operated_rooms
            ],
            "poll_choices": {"electorate": Poll.Electorate.choices, "rule": Poll.Rule.choices},
            "quality_choices": [
                choice for choice in CheckIn.Quality.choices if choice[0] != CheckIn.Quality.UNKNOWN
            ],
            "video_configured": video is not None,
            "video_refused": video_refused,
        },
    )
