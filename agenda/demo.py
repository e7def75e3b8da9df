"""Demo agendas for the demo meetings (manage.py seed_demo): items, a report, a publication.

Everything goes through the services, like a real organizer's clicks; meetings that
already have an agenda are left as they are, so running the seed twice changes nothing.
"""

from django.core.files.base import ContentFile
from reportlab.platypus import Paragraph, Spacer

from agenda.models import ItemKind
from agenda.services.distribution import agenda_publish
from agenda.services.documents import DocumentFields, document_create
from agenda.services.items import ItemInput, agenda_item_create
from meetings.models import Meeting, User
from meetings.pdf import decree30

BRIEFING_ITEMS = [
    ("Khai mạc, giới thiệu đại biểu", ItemKind.REPORT, 5),
    ("Báo cáo tình hình kinh tế - xã hội trong tuần", ItemKind.REPORT, 30),
    ("Các xã báo cáo nhanh và kiến nghị", ItemKind.DISCUSSION, 60),
    ("Kết luận của chủ trì", ItemKind.DECISION, 15),
]
REPORT_LINES = [
    "Thu ngân sách trên địa bàn đạt 86% dự toán năm.",
    "Giải ngân vốn đầu tư công đạt 71% kế hoạch; 6 xã dưới mức bình quân của tỉnh.",
    "100% xã đã kết nối hội nghị truyền hình trực tuyến; 19 điểm cầu hoạt động ổn định.",
    "Đề nghị các xã hoàn thành rà soát hộ nghèo trước ngày 15 tháng tới.",
]


def demo_report_pdf(title: str) -> bytes:
    """A short report in the official typeface, standing in for a real uploaded file."""
    style = decree30.styles()["body"]
    story = [Paragraph(decree30.text(title), decree30.styles()["title"]), Spacer(1, 12)]
    story += [Paragraph(decree30.text(f"- {line}"), style) for line in REPORT_LINES]
    return decree30.build_pdf(story, title=title, author="Điểm Cầu")


def demo_agendas(*, organizer: User, meetings: list[Meeting], publish_first: bool) -> int:
    """Give each meeting without an agenda the briefing agenda and a report; return how many."""
    built = 0
    for meeting in meetings:
        if meeting.agenda_items.exists():
            continue
        items = [
            agenda_item_create(
                actor=organizer,
                meeting_id=meeting.pk,
                data=ItemInput(title=title, kind=kind, planned_minutes=minutes),
            )
            for title, kind, minutes in BRIEFING_ITEMS
        ]
        report_title = f"Báo cáo tình hình tuần — {meeting.start:%d/%m/%Y}"
        document_create(
            actor=organizer,
            meeting_id=meeting.pk,
            fields=DocumentFields(title=report_title, agenda_item_id=items[1].pk),
            upload=ContentFile(demo_report_pdf(report_title), name="bao-cao-tuan.pdf"),
        )
        if publish_first and built == 0:
            agenda_publish(actor=organizer, meeting_id=meeting.pk)
        built += 1
    return built
