"""Drafting, editing, submitting, approving, returning the minutes and uploading a signed copy."""

import hashlib
import io
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from agenda.models import Minutes, MinutesDocument, MinutesReview, MinutesVersion, Notice
from agenda.services.minutes import (
    StaleVersion,
    minutes_approve,
    minutes_draft_build,
    minutes_return,
    minutes_submit,
    minutes_upload_signed,
    minutes_version_save,
)
from agenda.verification_codes import normalize_code
from meetings.models import Meeting
from meetings.services.errors import PermissionDenied
from meetings.services.scheduling import meeting_schedule
from realtime.access import room_access
from realtime.services import room
from tests.agenda.minutes_support import (
    Held,
    hold_meeting,
    media,  # noqa: F401 (autouse fixture)
    scheduled_meeting,
)
from tests.agenda.signing_support import (
    append_text,
    identity,
    sample_pdf,
    sign_outside,
    store_certificate,
)
from tests.world import World, next_morning

CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$")


def build(held: Held) -> MinutesVersion:
    return minutes_draft_build(actor=held.secretary, meeting_id=held.meeting.pk)


def edited(version: MinutesVersion, html: str = "<p>Đã sửa</p>") -> dict:
    content = {**version.content, "sections": [dict(s) for s in version.content["sections"]]}
    content["sections"][0]["html"] = html
    return content


def save(held: Held, version: MinutesVersion, **kwargs) -> MinutesVersion:
    return minutes_version_save(
        actor=kwargs.pop("actor", held.secretary),
        meeting_id=held.meeting.pk,
        base_number=kwargs.pop("base", version.number),
        content=kwargs.pop("content", None) or edited(version),
        **kwargs,
    )


def submitted(held: Held) -> MinutesVersion:
    version = build(held)
    minutes_submit(actor=held.secretary, meeting_id=held.meeting.pk)
    return version


def approve(held: Held, version: MinutesVersion) -> MinutesVersion:
    return minutes_approve(actor=held.chair, meeting_id=held.meeting.pk, number=version.number)


def pdf_text(document: MinutesDocument) -> str:
    with document.file.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def stored_bytes(document: MinutesDocument) -> bytes:
    with document.file.open("rb") as stored:
        return stored.read()


def minutes_of(held: Held) -> Minutes:
    return Minutes.objects.get(meeting=held.meeting)


# The draft


def test_the_secretary_builds_the_draft_from_the_records(world: World):
    held = hold_meeting(world)
    version = build(held)
    assert (version.number, version.author, version.note) == (
        1,
        world.secretary,
        "Dựng từ dữ liệu cuộc họp",
    )
    assert minutes_of(held).status == Minutes.Status.DRAFT
    assert version.content["header"]["subject"] == "Họp giao ban tháng 11"
    keys = [s["key"] for s in version.content["sections"]]
    assert keys[-1] == "closing" and f"item-{held.items[0].pk}" in keys


def test_rebuilding_adds_a_version_and_keeps_the_earlier_ones(world: World):
    held = hold_meeting(world)
    first = build(held)
    second = save(held, first)
    third = minutes_draft_build(actor=world.organizer, meeting_id=held.meeting.pk)
    assert [v.number for v in MinutesVersion.objects.order_by("number")] == [1, 2, 3]
    assert (third.author, third.content) == (world.organizer, first.content)
    second.refresh_from_db()
    assert second.content["sections"][0]["html"] == "<p>Đã sửa</p>"


def test_a_live_meeting_can_be_drafted_but_not_one_not_yet_begun(world: World):
    held = hold_meeting(world, end=False)
    version = build(held)
    assert "closing" not in [s["key"] for s in version.content["sections"]]
    data = world.meeting_input(start=next_morning(days=3), title="Chưa họp")
    meeting = meeting_schedule(actor=world.organizer, data=data, notify=False)
    with pytest.raises(ValidationError) as refused:
        minutes_draft_build(actor=world.secretary, meeting_id=meeting.pk)
    assert "biên bản được dựng từ khi cuộc họp khai mạc" in refused.value.messages[0]
    assert not Minutes.objects.filter(meeting=meeting).exists()


@pytest.mark.parametrize("who", ["chair", "delegate", "operator", "other_organizer"])
def test_only_secretaries_and_host_staff_draft(world: World, who: str):
    held = hold_meeting(world)
    with pytest.raises(PermissionDenied) as refused:
        minutes_draft_build(actor=getattr(world, who), meeting_id=held.meeting.pk)
    assert "Chỉ thư ký cuộc họp hoặc văn phòng đơn vị chủ trì" in str(refused.value)
    assert not Minutes.objects.exists()


def test_the_co_secretary_drafts_too(world: World):
    held = hold_meeting(world, end=False)
    room.room_settings_update(
        access=room_access(world.chair, held.meeting.pk), co_secretary_id=held.delegate2.pk
    )
    version = minutes_draft_build(actor=held.delegate2, meeting_id=held.meeting.pk)
    assert version.author == held.delegate2


# Editing


def test_every_save_is_a_version_with_its_author(world: World):
    held = hold_meeting(world)
    first = build(held)
    second = save(held, first, note="Sửa giờ khai mạc")
    third = save(held, second, actor=world.organizer, content=edited(second, "<p>Lần 3</p>"))
    assert [(v.number, v.author, v.note) for v in MinutesVersion.objects.order_by("number")] == [
        (1, world.secretary, "Dựng từ dữ liệu cuộc họp"),
        (2, world.secretary, "Sửa giờ khai mạc"),
        (3, world.organizer, ""),
    ]
    assert third.content["sections"][0]["html"] == "<p>Lần 3</p>"


def test_saving_the_same_content_adds_nothing(world: World):
    held = hold_meeting(world)
    first = build(held)
    again = save(held, first, content=first.content)
    assert again.pk == first.pk
    assert MinutesVersion.objects.count() == 1


def test_a_stale_save_is_refused_and_names_who_saved_in_between(world: World):
    held = hold_meeting(world)
    first = build(held)
    save(held, first, actor=world.organizer)
    with pytest.raises(StaleVersion) as refused:
        save(held, first, content=edited(first, "<p>Bản của thư ký</p>"))
    message = refused.value.messages[0]
    assert "Organizer" in message and "phiên bản 2" in message and "phiên bản 1" in message
    assert refused.value.current.number == 2
    assert MinutesVersion.objects.count() == 2


def test_rich_text_is_sanitised_on_save(world: World):
    held = hold_meeting(world)
    first = build(held)
    html = (
        '<p onclick="x()">Có <b>đậm</b> <script>alert(1)</script>'
        '<a href="javascript:x">liên kết</a></p>'
    )
    version = save(held, first, content=edited(first, html))
    assert version.content["sections"][0]["html"] == "<p>Có <strong>đậm</strong> liên kết</p>"


def test_a_broken_content_is_refused_field_by_field(world: World):
    held = hold_meeting(world)
    first = build(held)
    content = edited(first)
    content["header"] = {**content["header"], "date": "22/11/2026", "subject": ""}
    content["sections"][1]["key"] = content["sections"][0]["key"]
    content["sections"][2]["layout"] = "sideways"
    with pytest.raises(ValidationError) as refused:
        save(held, first, content=content)
    assert set(refused.value.message_dict) == {
        "header.date",
        "header.subject",
        "sections.1.key",
        "sections.2.layout",
    }
    assert MinutesVersion.objects.count() == 1


def test_the_chair_does_not_edit(world: World):
    held = hold_meeting(world)
    first = build(held)
    with pytest.raises(PermissionDenied):
        save(held, first, actor=world.chair)


# Submitting, returning, approving


def test_submitting_freezes_the_draft_and_tells_the_chair(world: World):
    held = hold_meeting(world)
    version = submitted(held)
    assert minutes_of(held).status == Minutes.Status.SUBMITTED
    review = MinutesReview.objects.get()
    assert (review.version, review.decision, review.by) == (
        version,
        "submitted",
        world.secretary,
    )
    notice = Notice.objects.get(user=world.chair)
    assert "trình duyệt biên bản" in notice.text
    assert notice.url == f"/meetings/{held.meeting.pk}/minutes/"
    with pytest.raises(ValidationError) as refused:
        save(held, version)
    assert "đang chờ chủ trì duyệt" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        build(held)


def test_the_chair_returns_with_a_comment_and_the_secretary_edits_again(world: World):
    held = hold_meeting(world)
    version = submitted(held)
    with pytest.raises(ValidationError) as refused:
        minutes_return(actor=world.chair, meeting_id=held.meeting.pk, comment="  ")
    assert refused.value.message_dict == {"comment": ["Ghi ý kiến: cần sửa gì trong biên bản."]}
    minutes_return(actor=world.chair, meeting_id=held.meeting.pk, comment="Bổ sung ý kiến xã 2")
    assert minutes_of(held).status == Minutes.Status.RETURNED
    returned = MinutesReview.objects.get(decision="returned")
    assert (returned.comment, returned.by) == ("Bổ sung ý kiến xã 2", world.chair)
    assert "Bổ sung ý kiến xã 2" in Notice.objects.get(user=world.secretary).text
    second = save(held, version)
    assert minutes_of(held).status == Minutes.Status.RETURNED
    minutes_submit(actor=world.secretary, meeting_id=held.meeting.pk, number=second.number)
    assert minutes_of(held).status == Minutes.Status.SUBMITTED


@pytest.mark.parametrize("who", ["secretary", "organizer", "delegate"])
def test_only_the_chair_approves_or_returns(world: World, who: str):
    held = hold_meeting(world)
    version = submitted(held)
    with pytest.raises(PermissionDenied) as refused:
        minutes_approve(actor=getattr(world, who), meeting_id=held.meeting.pk, number=1)
    assert str(refused.value) == "Chỉ người chủ trì cuộc họp được duyệt biên bản."
    with pytest.raises(PermissionDenied):
        minutes_return(actor=getattr(world, who), meeting_id=held.meeting.pk, comment="x")
    version.refresh_from_db()
    assert version.verification_code is None
    assert minutes_of(held).status == Minutes.Status.SUBMITTED


def test_approving_a_draft_not_submitted_is_refused(world: World):
    held = hold_meeting(world)
    version = build(held)
    with pytest.raises(ValidationError) as refused:
        approve(held, version)
    assert "chưa được trình duyệt" in refused.value.messages[0]


def test_approval_gives_a_code_and_the_pdf(world: World):
    held = hold_meeting(world)
    version = approve(held, submitted(held))
    assert CODE.match(version.verification_code)
    assert (version.approved_by, version.approved_at is not None) == (world.chair, True)
    assert minutes_of(held).status == Minutes.Status.APPROVED
    (document,) = MinutesDocument.objects.all()
    data = stored_bytes(document)
    assert (document.kind, document.size, document.sha256) == (
        "rendered",
        len(data),
        hashlib.sha256(data).hexdigest(),
    )
    text = pdf_text(document)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BIÊN BẢN",
        "Họp giao ban tháng 11",
        "Trần Thị Hai",
        "Thông qua kế hoạch giải ngân quý IV",
        "50,00%",
        version.verification_code,
    ):
        assert expected in text
    assert "Chủ trì đã duyệt" in Notice.objects.get(user=world.secretary).text


def test_the_chair_approves_the_version_seen_only(world: World):
    held = hold_meeting(world)
    version = submitted(held)
    with pytest.raises(StaleVersion):
        minutes_approve(actor=world.chair, meeting_id=held.meeting.pk, number=version.number + 1)


def test_approval_signs_with_the_host_certificate(world: World):
    store_certificate(world.province)
    held = hold_meeting(world)
    version = approve(held, submitted(held))
    rendered = MinutesDocument.objects.get(kind="rendered")
    signed = MinutesDocument.objects.get(kind="signed")
    assert stored_bytes(signed).startswith(stored_bytes(rendered))
    assert [(s["field"], s["intact"]) for s in signed.signers] == [
        ("ThuKy", True),
        ("ChuTri", True),
    ]
    assert signed.version == version


def test_a_refused_signature_approves_nothing(world: World, settings):
    store_certificate(world.province, password="sai-mat-khau")
    held = hold_meeting(world)
    version = submitted(held)
    with pytest.raises(ValidationError) as refused:
        approve(held, version)
    assert refused.value.messages[0].startswith("Chưa duyệt được: ký số bị từ chối.")
    version.refresh_from_db()
    assert (version.verification_code, version.approved_at) == (None, None)
    assert minutes_of(held).status == Minutes.Status.SUBMITTED
    assert not MinutesDocument.objects.exists()
    assert not MinutesReview.objects.filter(decision="approved").exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_a_change_after_approval_starts_a_new_cycle(world: World):
    held = hold_meeting(world)
    approved = approve(held, submitted(held))
    second = save(held, approved)
    assert second.number == 2
    assert minutes_of(held).status == Minutes.Status.DRAFT
    approved.refresh_from_db()
    assert approved.verification_code and approved.approved_at
    assert approved.documents.count() == 1
    minutes_submit(actor=world.secretary, meeting_id=held.meeting.pk)
    again = minutes_approve(actor=world.chair, meeting_id=held.meeting.pk, number=2)
    assert again.verification_code != approved.verification_code


def test_published_minutes_are_not_edited(world: World):
    held = hold_meeting(world)
    approved = approve(held, submitted(held))
    Minutes.objects.update(status=Minutes.Status.PUBLISHED)
    with pytest.raises(ValidationError) as refused:
        save(held, approved)
    assert refused.value.messages == ["Biên bản đã phát hành: không sửa được nữa."]


# A copy signed elsewhere


def approved_unsigned(world: World) -> tuple[Held, MinutesVersion, bytes]:
    # The CA is trusted through another unit's certificate; the host signs nothing itself.
    store_certificate(world.other_province)
    held = hold_meeting(world)
    version = approve(held, submitted(held))
    return held, version, stored_bytes(MinutesDocument.objects.get(kind="rendered"))


def test_a_copy_signed_outside_is_recorded_with_its_signers(world: World):
    held, version, rendered = approved_unsigned(world)
    signed = sign_outside(rendered, identity(), field="ThuKy")
    signed = sign_outside(signed, identity(), field="ChuTri")
    document = minutes_upload_signed(actor=world.secretary, meeting_id=held.meeting.pk, data=signed)
    assert (document.kind, document.version, document.size) == ("uploaded", version, len(signed))
    assert [(s["field"], s["intact"], s["trusted"]) for s in document.signers] == [
        ("ThuKy", True, True),
        ("ChuTri", True, True),
    ]


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (lambda pdf: b"not a pdf", "Tệp tải lên không phải PDF."),
        (lambda pdf: pdf, "Tệp PDF chưa có chữ ký số nào."),
        (
            lambda pdf: sign_outside(append_text(pdf), identity()),
            "thay đổi khác so với bản biên bản đã duyệt",
        ),
        (lambda pdf: sign_outside(sample_pdf(), identity()), "khác bản biên bản đã duyệt"),
    ],
    ids=["not-pdf", "unsigned", "changed", "another-pdf"],
)
def test_a_copy_that_is_not_the_approved_one_is_refused(world: World, tamper, message):
    held, _version, rendered = approved_unsigned(world)
    with pytest.raises(ValidationError) as refused:
        minutes_upload_signed(
            actor=world.secretary, meeting_id=held.meeting.pk, data=tamper(rendered)
        )
    assert message in refused.value.message_dict["file"][0]
    assert not MinutesDocument.objects.filter(kind="uploaded").exists()


def test_nothing_to_sign_before_approval(world: World):
    held = hold_meeting(world)
    build(held)
    with pytest.raises(ValidationError) as refused:
        minutes_upload_signed(actor=world.secretary, meeting_id=held.meeting.pk, data=b"%PDF-1.7")
    assert "chưa được chủ trì duyệt" in refused.value.message_dict["file"][0]


def test_codes_read_back_whatever_the_reader_types():
    assert normalize_code("k7qm 4xpa 9r") == "K7QM-4XPA-9R"
    assert normalize_code("O1IL-ooo0-0o") == "0111-0000-00"


def test_a_meeting_without_records_still_gets_a_draft(world: World):
    """Ended without the live room's extras (no roll call, no vote): a short draft."""
    meeting, _items, *_ = scheduled_meeting(world)
    chair = room_access(world.chair, meeting.pk)
    room.meeting_start(access=chair)
    room.meeting_end(access=chair)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ENDED
    version = minutes_draft_build(actor=world.secretary, meeting_id=meeting.pk)
    keys = [s["key"] for s in version.content["sections"]]
    assert "attendees" not in keys
    html = " ".join(s["html"] for s in version.content["sections"])
    assert "Biểu quyết" not in html and "Ý kiến phát biểu" not in html
