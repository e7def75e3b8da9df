"""The read-receipt board: the page, its CSV, and GET /api/meetings/{id}/receipts."""

import csv
import io

from django.urls import reverse
from django.utils import timezone

from agenda.models import Document, DocumentVersion
from agenda.selectors import readable_documents, reads_document
from agenda.selectors_distribution import readers_by_document
from agenda.services.distribution import agenda_publish
from agenda.services.receipts import receipt_mark
from meetings.models import BridgePoint, Invitation, Meeting, Participant, User
from tests.agenda.distribution_support import media, papers  # noqa: F401
from tests.meetings.api_support import ApiClient
from tests.meetings.page_helpers import text


def _url(meeting: Meeting) -> str:
    return reverse("distribution-board", args=[meeting.pk])


def _local(moment) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y %H:%M}"


def _section(page: str, marker: str) -> str:
    """The part of the page from one room's section to the next."""
    start = page.index(marker)
    end = page.find('<section class="card board-room"', start + 1)
    return page[start : end if end != -1 else len(page)]


def test_board_groups_people_by_room_with_times_and_totals(client, world, meeting):
    docs = papers(world, meeting)
    agenda_publish(actor=world.organizer, meeting_id=meeting.pk)
    opened = receipt_mark(user=world.delegate, document=docs.report, event="opened")

    client.force_login(world.organizer)
    response = client.get(_url(meeting))

    assert response.status_code == 200
    page = text(response)
    main = _section(page, f'id="room-{world.main_room.pk}"')
    assert "Điểm cầu chính" in main
    assert "Nguyễn Văn Chủ" in main and "Secretary" in main
    assert "Delegate" not in main
    commune = _section(page, f'id="room-{world.rooms[0].pk}"')
    assert "Delegate" in commune and "Operator" in commune
    assert f"Mở lúc {_local(opened.opened_at)}" in commune
    assert f"Gửi lúc {_local(opened.sent_at)}" in commune
    # The delegate reads both documents (named on the confidential one), and opened one.
    assert "đã mở 1/2 tài liệu" in commune
    assert "đã mở 0/1 tài liệu" in commune  # the operator is not named on it
    assert "Đã mở 1/3 tài liệu" in commune  # the room: 2 + 1 documents to read
    assert "Đã mở 0/2 tài liệu" in main
    assert "Dự thảo kế hoạch chuyển đổi số" in page and "Phương án nhân sự" in page


def test_a_download_counts_as_read(client, world, meeting):
    docs = papers(world, meeting)
    agenda_publish(actor=world.organizer, meeting_id=meeting.pk)
    receipt = receipt_mark(user=world.chair, document=docs.report, event="downloaded")
    client.force_login(world.organizer)
    main = _section(text(client.get(_url(meeting))), f'id="room-{world.main_room.pk}"')
    assert f"Tải lúc {_local(receipt.downloaded_at)}" in main
    assert "Đã mở 1/2 tài liệu" in main


def test_host_staff_see_the_board(client, world, meeting):
    for persona in (world.chair, world.secretary):
        client.force_login(persona)
        assert client.get(_url(meeting)).status_code == 200


def test_others_are_refused(client, world, meeting):
    for persona in (world.delegate, world.operator):
        client.force_login(persona)
        assert client.get(_url(meeting)).status_code == 403
        assert client.get(reverse("distribution-board-csv", args=[meeting.pk])).status_code == 403
    for persona in (world.outsider, world.other_organizer):
        client.force_login(persona)
        assert client.get(_url(meeting)).status_code == 404
    client.force_login(world.organizer)
    assert client.post(_url(meeting)).status_code == 405


def _crowd(world, meeting: Meeting, rooms: int, per_room: int, documents: int) -> None:
    """More rooms, people and documents, each person having opened every document."""
    points = BridgePoint.objects.bulk_create(
        BridgePoint(unit=world.communes[i % 3], name=f"Phòng {i}") for i in range(rooms)
    )
    Invitation.objects.bulk_create(Invitation(meeting=meeting, bridge_point=p) for p in points)
    people = User.objects.bulk_create(
        User(username=f"u{rooms}-{i}", email=f"u{rooms}-{i}@example.gov.vn")
        for i in range(rooms * per_room)
    )
    Participant.objects.bulk_create(
        Participant(meeting=meeting, user=u, bridge_point=points[i // per_room])
        for i, u in enumerate(people)
    )
    made = Document.objects.bulk_create(
        Document(meeting=meeting, title=f"Tài liệu {i}") for i in range(documents)
    )
    DocumentVersion.objects.bulk_create(
        DocumentVersion(
            document=d,
            number=1,
            file=f"documents/x/{d.pk}",
            original_name="a.pdf",
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
        )
        for d in made
    )


def test_board_costs_a_fixed_number_of_queries(
    client, world, meeting, django_assert_max_num_queries
):
    papers(world, meeting)
    client.force_login(world.organizer)
    client.get(_url(meeting))  # warm the session
    with django_assert_max_num_queries(25) as small:
        client.get(_url(meeting))
    _crowd(world, meeting, rooms=20, per_room=5, documents=20)
    agenda_publish(actor=world.organizer, meeting_id=meeting.pk)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(_url(meeting))
    assert text(response).count('class="card board-room"') == 4 + 20


def test_csv_export(client, world, meeting):
    docs = papers(world, meeting)
    agenda_publish(actor=world.organizer, meeting_id=meeting.pk)
    opened = receipt_mark(user=world.delegate, document=docs.secret, event="opened")
    client.force_login(world.organizer)
    response = client.get(reverse("distribution-board-csv", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Điểm cầu", "Người nhận", "Tài liệu", "Đã gửi", "Đã mở", "Đã tải"]
    delegate_rows = [r for r in rows if r[1] == "Delegate"]
    assert len(delegate_rows) == 2
    secret = next(r for r in delegate_rows if r[2] == "Phương án nhân sự")
    assert secret[0] == str(world.rooms[0]) and secret[4] == _local(opened.opened_at)
    # Nobody but its reader has a row for the confidential document.
    assert [r[1] for r in rows if r[2] == "Phương án nhân sự"] == ["Delegate"]


def test_csv_cells_never_start_a_formula(client, world, meeting):
    papers(world, meeting)
    world.delegate.full_name = '=HYPERLINK("http://x")'
    world.delegate.save()
    client.force_login(world.organizer)
    response = client.get(reverse("distribution-board-csv", args=[meeting.pk]))
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")


# --- GET /api/meetings/{id}/receipts ------------------------------------------------------


def test_api_receipts(world, meeting):
    docs = papers(world, meeting)
    agenda_publish(actor=world.organizer, meeting_id=meeting.pk)
    receipt_mark(user=world.delegate, document=docs.report, event="downloaded")

    response = ApiClient(world.organizer).get(f"/api/meetings/{meeting.pk}/receipts")

    assert response.status_code == 200
    body = response.json()
    assert body["meeting_id"] == meeting.pk and body["published_at"].endswith("+07:00")
    assert [d["title"] for d in body["documents"]] == [
        "Dự thảo kế hoạch chuyển đổi số",
        "Phương án nhân sự",
    ]
    main, commune, *others = body["rooms"]
    assert [r["people"] for r in others] == [[], []]  # invited rooms without accounts
    assert main["is_main"] and main["bridge_point"]["id"] == world.main_room.pk
    assert commune["bridge_point"]["id"] == world.rooms[0].pk
    delegate = next(p for p in commune["people"] if p["user"]["id"] == world.delegate.pk)
    assert delegate["readable"] == 2 and delegate["opened"] == 1 and delegate["downloaded"] == 1
    report = next(r for r in delegate["receipts"] if r["document_id"] == docs.report.pk)
    assert report["sent_at"] and report["downloaded_at"] and report["opened_at"] is None
    operator = next(p for p in commune["people"] if p["user"]["id"] == world.operator.pk)
    secret = next(r for r in operator["receipts"] if r["document_id"] == docs.secret.pk)
    assert secret == {
        "document_id": docs.secret.pk,
        "readable": False,
        "sent_at": None,
        "opened_at": None,
        "downloaded_at": None,
    }


def test_api_receipts_refusals(world, meeting):
    assert ApiClient(world.delegate).get(f"/api/meetings/{meeting.pk}/receipts").status_code == 403
    assert ApiClient(world.outsider).get(f"/api/meetings/{meeting.pk}/receipts").status_code == 404


def test_the_board_follows_the_document_access_rule(world, meeting):
    """reads_document (the board's rule, without queries) agrees with readable_documents."""
    docs = papers(world, meeting)
    readers = readers_by_document([docs.report.pk, docs.secret.pk])
    for user in (world.chair, world.secretary, world.operator, world.delegate, world.organizer):
        readable = set(readable_documents(user).filter(meeting=meeting))
        for document in (docs.report, docs.secret):
            assert reads_document(user, document, readers[document.pk]) == (document in readable), (
                user,
                document,
            )
