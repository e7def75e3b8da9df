"""Minutes ready to publish, made as rows (content per docs/minutes.md), with real small PDFs;
and meetings of the archive made directly, without the booking checks."""

import hashlib
import io
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from agenda.models import Minutes, MinutesDocument, MinutesVersion
from meetings.models import BridgePoint, Invitation, Meeting, User
from tests.agenda.document_support import isolated_media, pdf_bytes
from tests.world import PASSWORD, World

CONTENT_ITEM_TEXT = "Hội nghị thống nhất thông qua kế hoạch đầu tư công năm 2026."


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    """Published PDFs and record zips read a fresh folder (modules import this fixture)."""
    return isolated_media(settings, tmp_path)


def signed_in(user: User) -> Client:
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def minutes_content(meeting: Meeting, *, item_html: str | None = None) -> dict:
    """A version's content in the shape every part of the minutes shares."""
    return {
        "header": {
            "parent_agency": "",
            "agency": "UBND TỈNH LẠNG SƠN",
            "number": "…/BB-UBND",
            "place": "Lạng Sơn",
            "date": timezone.localdate(meeting.start).isoformat(),
            "subject": meeting.title,
        },
        "sections": [
            {
                "key": "opening",
                "title": "Thời gian bắt đầu",
                "layout": "inline",
                "html": "<p>8 giờ 00 phút</p>",
            },
            {
                "key": "item-1",
                "title": "1. Kế hoạch đầu tư công",
                "layout": "block",
                "html": item_html
                or (
                    f"<p>{CONTENT_ITEM_TEXT}</p><table><tr><th>Phương án</th><th>Số phiếu</th>"
                    "<th>Tỷ lệ</th></tr><tr><td>Tán thành</td><td>18</td><td>90,00%</td></tr>"
                    "</table>"
                ),
            },
            {
                "key": "closing",
                "title": "Kết thúc",
                "layout": "inline",
                "html": "<p>Cuộc họp kết thúc vào 11 giờ 30 phút.</p>",
            },
        ],
        "signers": {
            "secretary": {"title": "THƯ KÝ", "name": "Trần Thị Bình"},
            "chair": {"title": "CHỦ TRÌ", "name": "Nguyễn Văn Chủ"},
        },
        "recipients": ["Các đại biểu dự họp", "Lưu: VT"],
    }


def add_document(
    version: MinutesVersion, kind: str, *, data: bytes | None = None, by: User | None = None
) -> MinutesDocument:
    data = data if data is not None else pdf_bytes(1, text=f"Biên bản ({kind})")
    document = MinutesDocument(
        version=version,
        kind=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        signers=[
            {
                "name": "Nguyễn Văn Chủ",
                "role": "chair",
                "signed_at": "2026-11-22T11:45:00+07:00",
                "intact": True,
                "trusted": True,
                "subject": "CN=Nguyễn Văn Chủ",
                "field": "ChuTri",
            }
        ]
        if kind != MinutesDocument.Kind.RENDERED
        else [],
        created_by=by,
    )
    document.file.save("bien-ban.pdf", ContentFile(data), save=False)
    document.save()
    return document


def approved_minutes(
    meeting: Meeting,
    world: World,
    *,
    signed_kind: str | None = MinutesDocument.Kind.UPLOADED,
    status: str = Minutes.Status.APPROVED,
    code: str = "AB12CD34",
    item_html: str | None = None,
) -> Minutes:
    """Minutes whose version 1 the chair approved, rendered, and (unless `signed_kind` is
    None) signed: `uploaded` as if signed with the officials' own tokens."""
    minutes = Minutes.objects.create(meeting=meeting, status=status, created_by=world.secretary)
    version = MinutesVersion.objects.create(
        minutes=minutes,
        number=1,
        content=minutes_content(meeting, item_html=item_html),
        author=world.secretary,
        verification_code=code,
        approved_at=timezone.now(),
        approved_by=world.chair,
    )
    add_document(version, MinutesDocument.Kind.RENDERED, by=world.chair)
    if signed_kind is not None:
        add_document(version, signed_kind, by=world.secretary)
    return minutes


def archived_meeting(
    world: World,
    *,
    title: str = "Giao ban tuần",
    start: datetime | None = None,
    rooms: list[BridgePoint] | None = None,
    status: str = Meeting.Status.ENDED,
    host=None,
    main_room: BridgePoint | None = None,
) -> Meeting:
    """A meeting row with its invitations, as the archive lists it (no bookings needed)."""
    start = start or timezone.make_aware(datetime(2026, 3, 2, 8, 0))
    meeting = Meeting.objects.create(
        title=title,
        host_unit=host or world.province,
        main_bridge_point=main_room or world.main_room,
        chair=world.chair,
        secretary=world.secretary,
        start=start,
        end=start + timedelta(hours=2),
        status=status,
        created_by=world.organizer,
    )
    for room in rooms if rooms is not None else world.rooms:
        Invitation.objects.create(meeting=meeting, bridge_point=room)
    return meeting


def zip_members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
