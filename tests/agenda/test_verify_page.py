"""The public page the QR code opens: /verify/<code>/, and checking a copy against it."""

import hashlib

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agenda.models import Minutes, MinutesDocument, MinutesVersion
from agenda.signing import sign_minutes_pdf, signature_report
from meetings.models import Meeting
from tests.agenda.signing_support import change_one_byte, sample_pdf, store_certificate
from tests.world import PASSWORD, World

CODE = "K7QM-4XPA-9R"
SECRET_TEXT = "Nội dung thảo luận chỉ người dự họp được đọc"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # the upload rate limit counts per address across requests
    yield
    cache.clear()


@pytest.fixture
def signed_pdf(world: World) -> bytes:
    store_certificate(world.province)
    return sign_minutes_pdf(
        sample_pdf(2),
        unit=world.province,
        signers=[("secretary", "Trần Thị Bích"), ("chair", "Nguyễn Văn Chủ")],
    )


def approve(meeting: Meeting, number: int, code: str, pdf: bytes | None) -> MinutesVersion:
    minutes, _ = Minutes.objects.get_or_create(meeting=meeting)
    version = MinutesVersion.objects.create(
        minutes=minutes,
        number=number,
        content={"sections": [{"key": "x", "title": "Nội dung", "html": SECRET_TEXT}]},
        verification_code=code,
        approved_at=timezone.now(),
    )
    if pdf is not None:
        document = MinutesDocument(
            version=version,
            kind=MinutesDocument.Kind.SIGNED,
            size=len(pdf),
            sha256=hashlib.sha256(pdf).hexdigest(),
            signers=signature_report(pdf),
        )
        document.file.save("bien-ban.pdf", ContentFile(pdf), save=False)
        document.save()
    return version


def publish(version: MinutesVersion) -> None:
    minutes = version.minutes
    minutes.status = Minutes.Status.PUBLISHED
    minutes.published_document = version.documents.get()
    minutes.published_at = timezone.now()
    minutes.save()


@pytest.fixture
def published(meeting: Meeting, signed_pdf: bytes, settings, tmp_path) -> MinutesVersion:
    settings.MEDIA_ROOT = tmp_path
    version = approve(meeting, 1, CODE, signed_pdf)
    publish(version)
    return version


def check(client: Client, code: str, data: bytes, name: str = "ban-sao.pdf"):
    return client.post(
        reverse("minutes-verify", args=[code]),
        {"file": SimpleUploadedFile(name, data, content_type="application/pdf")},
    )


def test_anyone_sees_the_meeting_version_hash_and_signers_and_nothing_else(
    client: Client, published: MinutesVersion, signed_pdf: bytes, world: World
):
    response = client.get(reverse("minutes-verify", args=[CODE]))

    assert response.status_code == 200
    page = response.content.decode()
    meeting = published.minutes.meeting
    for shown in (
        meeting.title,
        world.province.name,
        f"{timezone.localtime(meeting.start):%d/%m/%Y}",
        hashlib.sha256(signed_pdf).hexdigest(),
        "Biên bản này đã được phát hành chính thức.",
        "Trần Thị Bích — Thư ký",
        "Nguyễn Văn Chủ — Chủ trì",
        "Nguyên vẹn",
        "Chứng thư tin cậy",
    ):
        assert shown in page, shown
    for hidden in (SECRET_TEXT, world.delegate.full_name, world.main_room.name, "/media/"):
        assert hidden not in page, hidden
    assert "Mở trang cuộc họp" not in page
    assert 'name="robots" content="noindex"' in page


def test_the_code_may_be_typed_in_any_case_with_or_without_dashes(client, published):
    for typed in ("k7qm4xpa9r", "K7QM4XPA9R", "k7qm-4xpa-9r", "K7QM-4XPA-9R"):
        response = client.get(f"/verify/{typed}/")
        assert response.status_code == 200, typed
        assert CODE in response.content.decode()


def test_an_unknown_code_is_a_404_that_says_so(client: Client, published):
    response = client.get("/verify/ZZZZ-ZZZZ-ZZ/")
    assert response.status_code == 404
    assert "Mã xác thực không tồn tại" in response.content.decode()


def test_someone_who_may_see_the_meeting_gets_a_link_to_it(published, world: World):
    client = Client()
    client.login(username=world.delegate.username, password=PASSWORD)
    page = client.get(reverse("minutes-verify", args=[CODE])).content.decode()
    assert reverse("meeting-detail", args=[published.minutes.meeting_id]) in page
    client.login(username=world.outsider.username, password=PASSWORD)
    page = client.get(reverse("minutes-verify", args=[CODE])).content.decode()
    assert "Mở trang cuộc họp" not in page


def test_an_identical_copy_matches_byte_for_byte(client: Client, published, signed_pdf):
    response = check(client, CODE, signed_pdf)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Bản này trùng khớp từng byte với bản gốc." in page
    assert page.count("Nguyên vẹn") == 4  # both signers, on the published one and on the copy


def test_a_copy_with_one_byte_changed_is_not_genuine(client: Client, published, signed_pdf):
    response = check(client, CODE, change_one_byte(signed_pdf))

    assert response.status_code == 200
    page = response.content.decode()
    assert "KHÔNG trùng khớp với bản gốc" in page
    assert "trùng khớp từng byte" not in page
    assert "Không còn nguyên vẹn" in page
    assert "Nội dung đã bị thay đổi sau khi ký" in page


def test_a_file_that_is_not_a_pdf_is_refused(client: Client, published):
    response = check(client, CODE, b"PK\x03\x04 not a pdf", name="bien-ban.docx")
    assert response.status_code == 415
    assert "không phải tệp PDF" in response.content.decode()


def test_a_file_too_large_is_refused(client: Client, published):
    response = check(client, CODE, b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024 + 1))
    assert response.status_code == 413
    assert "lớn hơn 20 MB" in response.content.decode()


def test_posting_without_a_file_asks_for_one(client: Client, published):
    response = client.post(reverse("minutes-verify", args=[CODE]))
    assert response.status_code == 400
    assert "Hãy chọn tệp PDF" in response.content.decode()


def test_many_checks_from_one_address_are_slowed_down(client: Client, published):
    statuses = [check(client, CODE, b"not a pdf").status_code for _ in range(31)]
    assert statuses[:30] == [415] * 30
    assert statuses[30] == 429


def test_an_approved_version_not_yet_published_says_so(client: Client, meeting, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    approve(meeting, 1, CODE, None)

    response = client.get(reverse("minutes-verify", args=[CODE]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "đã được chủ trì duyệt nhưng chưa được phát hành" in page
    assert "SHA-256" not in page.split("Kiểm tra bản bạn đang có")[0]


def test_a_version_replaced_by_a_later_published_one_says_so(
    client: Client, published: MinutesVersion, signed_pdf: bytes
):
    later = approve(published.minutes.meeting, 2, "ABCD-EFGH-JK", signed_pdf + b"\n")
    publish(later)

    response = client.get(reverse("minutes-verify", args=[CODE]))

    page = response.content.decode()
    assert "đã được thay thế bởi phiên bản 2" in page
    assert reverse("minutes-verify", args=["ABCD-EFGH-JK"]) in page
    assert "Biên bản này đã được phát hành chính thức." not in page


# --- The same over the API (/api/verify/<code>) ----------------------------------------


def test_anyone_reads_what_a_code_proves_over_the_api(published: MinutesVersion):
    answer = Client().get("/api/verify/k7qm4xpa9r")
    assert answer.status_code == 200
    body = answer.json()
    assert body["code"] == CODE
    assert body["meeting_title"] == published.minutes.meeting.title
    assert body["state"] == "published"
    assert body["sha256"] == published.minutes.published_document.sha256
    assert [(s["name"], s["role"], s["intact"], s["trusted"]) for s in body["signers"]] == [
        ("Trần Thị Bích", "Thư ký", True, True),
        ("Nguyễn Văn Chủ", "Chủ trì", True, True),
    ]
    assert SECRET_TEXT not in answer.content.decode()


def test_an_unknown_code_is_404_over_the_api(db):
    answer = Client().get("/api/verify/ZZZZ-ZZZZ-ZZ")
    assert answer.status_code == 404
    assert answer.json()["detail"] == "Mã xác thực không tồn tại."


def test_the_api_checks_a_copy_byte_for_byte(published: MinutesVersion, signed_pdf: bytes):
    client = Client()
    same = client.post(f"/api/verify/{CODE}", {"file": SimpleUploadedFile("ban.pdf", signed_pdf)})
    assert same.status_code == 200
    assert same.json()["matches"] is True
    changed = client.post(
        f"/api/verify/{CODE}",
        {"file": SimpleUploadedFile("ban.pdf", change_one_byte(signed_pdf))},
    )
    assert changed.status_code == 200
    assert changed.json()["matches"] is False
    assert not any(s["intact"] for s in changed.json()["signers"])


def test_the_api_refuses_a_file_that_is_not_a_pdf(published: MinutesVersion):
    answer = Client().post(f"/api/verify/{CODE}", {"file": SimpleUploadedFile("a.txt", b"hello")})
    assert answer.status_code == 415
    assert "không phải tệp PDF" in answer.json()["detail"]
