"""Publishing the agenda: POST /meetings/<id>/agenda/publish/ and its API twin.

Every invitee gets a notice linking to the agenda page, "sent" receipts for the
documents they may read, and one e-mail (links only) after commit.
"""

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from agenda.models import Document, DocumentVersion, Notice, Receipt
from agenda.services.distribution import agenda_publish
from agenda.services.receipts import receipt_mark, receipts_mark_sent
from meetings.models import BridgePoint, Invitation, Meeting, Participant, User
from meetings.services.scheduling import meeting_cancel, meeting_schedule
from tests.agenda.distribution_support import media, papers  # noqa: F401
from tests.agenda.document_support import create_document
from tests.meetings.api_support import ApiClient
from tests.meetings.page_helpers import text


def _url(meeting: Meeting) -> str:
    return reverse("agenda-publish", args=[meeting.pk])


INVITEES = {"chair", "secretary", "operator", "delegate"}


def _by_recipient() -> dict[str, mail.EmailMessage]:
    return {message.to[0].split("@")[0]: message for message in mail.outbox}


def test_organizer_publishes_to_every_invitee(
    client, world, meeting, django_capture_on_commit_callbacks
):
    docs = papers(world, meeting)
    client.force_login(world.organizer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(meeting))

    assert response.status_code == 302
    assert response.url == reverse("distribution-board", args=[meeting.pk])
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is not None
    notices = Notice.objects.filter(meeting=meeting)
    assert {n.user.username for n in notices} == INVITEES
    agenda_url = reverse("meeting-agenda", args=[meeting.pk])
    assert {n.url for n in notices} == {agenda_url}
    delegate_notice = notices.get(user=world.delegate)
    assert "“Giao ban tuần”" in delegate_notice.text and "kèm 2 tài liệu" in delegate_notice.text
    assert "kèm 1 tài liệu" in notices.get(user=world.chair).text

    sent = set(
        Receipt.objects.filter(sent_at__isnull=False).values_list("user__username", "document")
    )
    assert sent == {
        *((name, docs.report.pk) for name in INVITEES),
        ("delegate", docs.secret.pk),  # the confidential one only to its named reader
    }
    followed = client.get(response.url)
    assert "Đã công bố chương trình họp tới 4 người." in text(followed)


def test_one_email_per_invitee_with_links_and_no_attachment(
    client, world, meeting, django_capture_on_commit_callbacks
):
    papers(world, meeting)
    client.force_login(world.organizer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(meeting))

    letters = _by_recipient()
    assert set(letters) == INVITEES
    agenda_link = f"/meetings/{meeting.pk}/agenda/"
    for message in letters.values():
        assert message.subject.startswith("Chương trình họp: Giao ban tuần")
        assert message.attachments == []
        assert agenda_link in message.body
        assert "Dự thảo kế hoạch chuyển đổi số" in message.body
        html = message.alternatives[0][0]
        assert agenda_link in html
    # A confidential document is named only to the people named on it.
    assert "Phương án nhân sự (phiên bản 1, 1 trang) — tài liệu mật" in letters["delegate"].body
    for name in ("chair", "secretary", "operator"):
        assert "Phương án nhân sự" not in letters[name].body
        assert "Phương án nhân sự" not in letters[name].alternatives[0][0]


def test_a_confidential_document_is_not_listed_to_its_creator_by_email(
    world, meeting, django_capture_on_commit_callbacks
):
    """The creator may read it on the site, but e-mail names it only to its named readers."""
    create_document(
        meeting,
        world.organizer,
        name="mat.pdf",
        title="Hồ sơ mật",
        is_confidential=True,
        reader_ids=(world.chair.pk,),
    )
    Participant.objects.create(meeting=meeting, user=world.organizer)
    with django_capture_on_commit_callbacks(execute=True):
        agenda_publish(actor=world.organizer, meeting_id=meeting.pk)
    letters = _by_recipient()
    assert "Hồ sơ mật" in letters["chair"].body
    assert "Hồ sơ mật" not in letters["organizer"].body
    assert Receipt.objects.filter(user=world.organizer, sent_at__isnull=False).exists()


def test_republish_tells_only_about_new_documents(
    world, meeting, django_capture_on_commit_callbacks
):
    docs = papers(world, meeting)
    with django_capture_on_commit_callbacks(execute=True):
        agenda_publish(actor=world.organizer, meeting_id=meeting.pk)
    first_sent = Receipt.objects.get(user=world.chair, document=docs.report).sent_at
    mail.outbox.clear()

    added = create_document(meeting, world.organizer, name="bo-sung.pdf", title="Tờ trình bổ sung")
    with django_capture_on_commit_callbacks(execute=True):
        publication = agenda_publish(actor=world.organizer, meeting_id=meeting.pk)

    assert publication.republished and publication.new_documents == 1
    latest = Notice.objects.filter(user=world.chair).order_by("-pk").first()
    assert "cập nhật 1 tài liệu mới/sửa đổi" in latest.text
    letter = _by_recipient()["chair"]
    assert letter.subject.startswith("Cập nhật chương trình họp: Giao ban tuần")
    assert "Tờ trình bổ sung" in letter.body
    assert "Dự thảo kế hoạch chuyển đổi số" not in letter.body
    # The first "sent" time stays; the new document is sent now.
    assert Receipt.objects.get(user=world.chair, document=docs.report).sent_at == first_sent
    assert Receipt.objects.get(user=world.chair, document=added).sent_at is not None


def test_republish_without_changes_says_so(world, meeting):
    papers(world, meeting)
    agenda_publish(actor=world.organizer, meeting_id=meeting.pk)
    agenda_publish(actor=world.organizer, meeting_id=meeting.pk)
    latest = Notice.objects.filter(user=world.delegate).order_by("-pk").first()
    assert latest.text.endswith("đã cập nhật; không có tài liệu mới.")


def test_publishing_does_not_touch_the_meeting_update_time(world, meeting):
    """The invitation letter is dated by updated_at; publishing changes no booking."""
    before = Meeting.objects.get(pk=meeting.pk).updated_at
    agenda_publish(actor=world.organizer, meeting_id=meeting.pk)
    assert Meeting.objects.get(pk=meeting.pk).updated_at == before


def test_cancelled_meeting_is_refused_with_a_message(client, world, meeting):
    meeting_cancel(actor=world.organizer, meeting_id=meeting.pk, reason="Hoãn")
    client.force_login(world.organizer)
    response = client.post(_url(meeting))
    assert response.status_code == 422
    assert "Cuộc họp đã bị hủy: không công bố chương trình được." in text(response)
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is None
    assert not Notice.objects.exists()


def test_draft_meeting_is_refused(client, world):
    draft = meeting_schedule(actor=world.organizer, data=world.meeting_input(), as_draft=True)
    client.force_login(world.organizer)
    response = client.post(_url(draft))
    assert response.status_code == 422
    assert "Cuộc họp còn là dự thảo" in text(response)


def test_only_the_organizer_publishes(client, world, meeting):
    for persona in (world.delegate, world.operator, world.chair):
        client.force_login(persona)
        assert client.post(_url(meeting)).status_code == 403
    client.force_login(world.outsider)
    assert client.post(_url(meeting)).status_code == 404
    client.force_login(world.other_organizer)
    assert client.post(_url(meeting)).status_code == 404
    client.force_login(world.organizer)
    assert client.get(_url(meeting)).status_code == 405
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is None
    assert not Notice.objects.exists()


def test_anonymous_is_sent_to_login(client, meeting):
    response = client.post(_url(meeting))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_next_goes_back_to_a_local_page_only(client, world, meeting):
    client.force_login(world.organizer)
    agenda = reverse("meeting-agenda", args=[meeting.pk])
    assert client.post(_url(meeting), {"next": agenda}).url == agenda
    board = reverse("distribution-board", args=[meeting.pk])
    assert client.post(_url(meeting), {"next": "https://evil.example/"}).url == board


def test_publish_costs_a_fixed_number_of_queries(world, meeting, django_assert_max_num_queries):
    """20 rooms × 5 people × 20 documents: a handful of statements, not 2,000."""
    rooms = BridgePoint.objects.bulk_create(
        BridgePoint(unit=world.communes[i % 3], name=f"Phòng {i}") for i in range(20)
    )
    Invitation.objects.bulk_create(Invitation(meeting=meeting, bridge_point=r) for r in rooms)
    people = User.objects.bulk_create(
        User(username=f"daibieu{i}", email=f"daibieu{i}@example.gov.vn") for i in range(100)
    )
    Participant.objects.bulk_create(
        Participant(meeting=meeting, user=u, bridge_point=rooms[i // 5])
        for i, u in enumerate(people)
    )
    documents = Document.objects.bulk_create(
        Document(meeting=meeting, title=f"Tài liệu {i}", created_by=world.organizer)
        for i in range(20)
    )
    DocumentVersion.objects.bulk_create(
        DocumentVersion(
            document=d,
            number=1,
            file=f"documents/{meeting.pk}/{d.pk}",
            original_name="a.pdf",
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
        )
        for d in documents
    )
    # PostgreSQL: 20 statements. SQLite splits the 2,080 receipts into batches of ~200 rows.
    with django_assert_max_num_queries(35):
        agenda_publish(actor=world.organizer, meeting_id=meeting.pk)
    assert Receipt.objects.filter(sent_at__isnull=False).count() == 104 * 20
    assert Notice.objects.count() == 104


def test_bulk_sent_keeps_receipt_marks_rule(world, meeting):
    docs = papers(world, meeting)
    opened = receipt_mark(user=world.delegate, document=docs.report, event="opened")
    stale = Receipt.objects.create(user=world.chair, document=docs.report)  # no time at all
    receipts_mark_sent(
        documents_by_user={world.delegate.pk: {docs.report.pk}, world.chair.pk: {docs.report.pk}}
    )
    opened_again = Receipt.objects.get(pk=opened.pk)
    assert opened_again.sent_at == opened.sent_at and opened_again.opened_at == opened.opened_at
    stale.refresh_from_db()
    assert stale.sent_at is not None and stale.opened_at is None


# --- POST /api/meetings/{id}/agenda/publish -------------------------------------------


def _api(meeting: Meeting) -> str:
    return f"/api/meetings/{meeting.pk}/agenda/publish"


def test_api_publish(world, meeting):
    papers(world, meeting)
    response = ApiClient(world.organizer).post(_api(meeting))
    assert response.status_code == 200
    body = response.json()
    assert body["meeting_id"] == meeting.pk
    assert body["republished"] is False
    assert body["recipients"] == 4 and body["new_documents"] == 2
    assert body["published_at"].endswith("+07:00")
    assert ApiClient(world.organizer).post(_api(meeting)).json()["republished"] is True


def test_api_publish_refusals(world, meeting):
    assert ApiClient(world.delegate).post(_api(meeting)).status_code == 403
    assert ApiClient(world.outsider).post(_api(meeting)).status_code == 404
    meeting_cancel(actor=world.organizer, meeting_id=meeting.pk, reason="Hoãn")
    response = ApiClient(world.organizer).post(_api(meeting))
    assert response.status_code == 422
    assert response.json()["detail"] == "Cuộc họp đã bị hủy: không công bố chương trình được."
    assert not Notice.objects.exists()


def test_comment_deadline_link_in_the_email(world, meeting, django_capture_on_commit_callbacks):
    docs = papers(world, meeting)
    with django_capture_on_commit_callbacks(execute=True):
        agenda_publish(actor=world.organizer, meeting_id=meeting.pk)
    body = _by_recipient()["delegate"].body
    until = timezone.localtime(docs.report.comments_until)
    assert f"Góp ý trước {until:%d/%m/%Y %H:%M}" in body
    assert reverse("document-comments", args=[docs.report.pk]) in body
