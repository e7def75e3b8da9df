"""Comments on drafts (góp ý): /documents/<id>/comments/, /comments/<id>/answer/ and the API."""

from django.urls import reverse

from agenda.models import Comment, Notice
from agenda.services.comments import comment_create
from agenda.services.documents import document_version_upload
from meetings.models import Participant
from tests.agenda.distribution_support import (  # noqa: F401
    close_comments,
    media,
    papers,
    second_delegate,
)
from tests.agenda.document_support import create_document, latest, pdf_bytes, upload_file
from tests.meetings.api_support import ApiClient
from tests.meetings.page_helpers import text


def _url(document) -> str:
    return reverse("document-comments", args=[document.pk])


def _answer_url(comment: Comment) -> str:
    return reverse("comment-answer", args=[comment.pk])


def _comment(world, document, author=None, **extra) -> Comment:
    return comment_create(
        actor=author or world.delegate,
        document_id=document.pk,
        text=extra.pop("text", "Đề nghị bổ sung chỉ tiêu về chữ ký số."),
        **extra,
    )


# --- Sending ----------------------------------------------------------------------------


def test_delegate_comments_on_the_latest_version_with_a_page(client, world, meeting):
    docs = papers(world, meeting)
    newer = document_version_upload(
        actor=world.organizer,
        document_id=docs.report.pk,
        upload=upload_file("du-thao-2.pdf", pdf_bytes(5, "DUTHAO2")),
    )
    client.force_login(world.delegate)
    response = client.post(_url(docs.report), {"text": "Trang 4 thiếu số liệu.", "page": "4"})

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert response.url == f"{_url(docs.report)}#comment-{comment.pk}"
    assert comment.author == world.delegate and comment.version == newer
    assert comment.page == 4 and comment.text == "Trang 4 thiếu số liệu."
    assert comment.bridge_point is None and comment.status == Comment.Status.NEW
    assert "Đã gửi góp ý." in text(client.get(response.url))


def test_a_page_beyond_the_document_is_refused(client, world, meeting):
    docs = papers(world, meeting)
    client.force_login(world.delegate)
    response = client.post(_url(docs.report), {"text": "Xem trang 9", "page": "9"})
    assert response.status_code == 422
    assert "Tài liệu chỉ có 3 trang." in text(response)
    response = client.post(_url(docs.report), {"text": "Xem trang 0", "page": "0"})
    assert response.status_code == 422
    assert "Số trang phải từ 1 trở lên." in text(response)
    assert client.post(_url(docs.report), {"text": "  "}).status_code == 422
    assert not Comment.objects.exists()


def test_after_the_deadline_comments_are_refused(client, world, meeting):
    docs = papers(world, meeting)
    close_comments(docs.report)
    client.force_login(world.delegate)
    response = client.post(_url(docs.report), {"text": "Muộn"})
    assert response.status_code == 422
    assert "Đã hết hạn góp ý" in text(response)
    assert not Comment.objects.exists()
    assert "Đã hết hạn góp ý cho tài liệu này." in text(client.get(_url(docs.report)))


def test_without_a_deadline_no_comments_are_taken(client, world, meeting):
    document = create_document(meeting, world.organizer, title="Báo cáo tham khảo")
    client.force_login(world.delegate)
    response = client.post(_url(document), {"text": "Ý kiến"})
    assert response.status_code == 422
    assert "Tài liệu này không lấy ý kiến góp ý." in text(response)
    assert not Comment.objects.exists()


def test_operator_comments_on_behalf_of_the_room(client, world, meeting):
    docs = papers(world, meeting)
    client.force_login(world.operator)
    page = text(client.get(_url(docs.report)))
    assert f"Thay mặt điểm cầu {world.rooms[0]}" in page
    response = client.post(
        _url(docs.report), {"text": "Xã thống nhất.", "bridge_point_id": world.rooms[0].pk}
    )
    assert response.status_code == 302
    assert Comment.objects.get().bridge_point == world.rooms[0]


def test_a_room_one_does_not_run_is_refused(world, meeting):
    docs = papers(world, meeting)
    api = ApiClient(world.operator)
    response = api.post(
        f"/api/documents/{docs.report.pk}/comments",
        {"text": "Ý kiến", "bridge_point_id": world.rooms[1].pk},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "bridge_point_id": ["Anh/chị không phụ trách điểm cầu này trong cuộc họp."]
    }


def test_who_may_comment(client, world, meeting):
    docs = papers(world, meeting)
    client.force_login(world.organizer)  # the organizer answers; not an invitee
    assert client.post(_url(docs.report), {"text": "x"}).status_code == 403
    client.force_login(world.outsider)
    assert client.get(_url(docs.report)).status_code == 404
    assert client.post(_url(docs.report), {"text": "x"}).status_code == 404
    client.force_login(world.operator)  # not named on the confidential document
    assert client.get(_url(docs.secret)).status_code == 404
    assert not Comment.objects.exists()


# --- Who sees what ------------------------------------------------------------------------


def test_comments_go_to_the_organizer_not_to_other_delegates(client, world, meeting):
    docs = papers(world, meeting)
    other = second_delegate(world, meeting)
    _comment(world, docs.report, text="Ý kiến của đại biểu một")
    _comment(world, docs.report, author=other, text="Ý kiến của đại biểu hai")

    client.force_login(world.delegate)
    page = text(client.get(_url(docs.report)))
    assert "Ý kiến của đại biểu một" in page and "Ý kiến của đại biểu hai" not in page
    client.force_login(world.organizer)
    page = text(client.get(_url(docs.report)))
    assert "Ý kiến của đại biểu một" in page and "Ý kiến của đại biểu hai" in page
    assert "Tất cả góp ý (2)" in page
    assert str(world.rooms[1]) in page  # the second delegate's room


def test_operators_see_their_rooms_comments(client, world, meeting):
    docs = papers(world, meeting)
    _comment(world, docs.report, author=world.operator, bridge_point_id=world.rooms[0].pk)
    colleague = Participant.objects.create(meeting=meeting, user=world.secretary).user
    client.force_login(world.operator)
    assert "Đề nghị bổ sung chỉ tiêu" in text(client.get(_url(docs.report)))
    client.force_login(colleague)
    assert "Đề nghị bổ sung chỉ tiêu" not in text(client.get(_url(docs.report)))


# --- Answers ---------------------------------------------------------------------------------


def test_organizer_answers_and_the_author_is_told(client, world, meeting):
    docs = papers(world, meeting)
    comment = _comment(world, docs.report)
    client.force_login(world.organizer)
    response = client.post(
        _answer_url(comment), {"status": "answered", "reply": "Đã có trong phụ lục 2."}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.ANSWERED
    assert comment.reply == "Đã có trong phụ lục 2." and comment.replied_by == world.organizer
    assert comment.replied_at is not None
    notice = Notice.objects.get(user=world.delegate)
    assert notice.text == (
        "Góp ý của anh/chị về “Dự thảo kế hoạch chuyển đổi số” đã được trả lời: Giải trình."
    )
    assert notice.url == _url(docs.report)
    client.force_login(world.delegate)
    page = text(client.get(_url(docs.report)))
    assert "Đã có trong phụ lục 2." in page and "Giải trình" in page


def test_accepting_needs_no_reply_but_declining_does(client, world, meeting):
    docs = papers(world, meeting)
    comment = _comment(world, docs.report)
    client.force_login(world.organizer)
    response = client.post(_answer_url(comment), {"status": "declined", "reply": " "})
    assert response.status_code == 422
    assert "Nhập nội dung trả lời: giải trình hoặc lý do không tiếp thu." in text(response)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.NEW
    assert client.post(_answer_url(comment), {"status": "accepted"}).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.ACCEPTED and comment.reply == ""


def test_answer_by_htmx_returns_the_comment(client, world, meeting):
    docs = papers(world, meeting)
    comment = _comment(world, docs.report)
    client.force_login(world.organizer)
    response = client.post(
        _answer_url(comment),
        {"status": "accepted", "reply": "Tiếp thu, sẽ bổ sung."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    fragment = text(response)
    assert fragment.startswith(f'<article class="card comment" id="comment-{comment.pk}">')
    assert "Tiếp thu, sẽ bổ sung." in fragment
    refused = client.post(
        _answer_url(comment), {"status": "declined"}, headers={"HX-Request": "true"}
    )
    assert refused.status_code == 422 and "lý do không tiếp thu" in text(refused)


def test_only_the_organizer_answers(client, world, meeting):
    docs = papers(world, meeting)
    comment = _comment(world, docs.report)
    client.force_login(world.delegate)  # the author sees it, may not answer it
    assert client.post(_answer_url(comment), {"status": "accepted"}).status_code == 403
    client.force_login(second_delegate(world, meeting))  # cannot even see it
    assert client.post(_answer_url(comment), {"status": "accepted"}).status_code == 404
    client.force_login(world.outsider)
    assert client.post(_answer_url(comment), {"status": "accepted"}).status_code == 404
    client.force_login(world.organizer)
    assert client.get(_answer_url(comment)).status_code == 405
    comment.refresh_from_db()
    assert comment.status == Comment.Status.NEW


# --- API ---------------------------------------------------------------------------------


def test_api_comment_round_trip(world, meeting):
    docs = papers(world, meeting)
    created = ApiClient(world.delegate).post(
        f"/api/documents/{docs.report.pk}/comments", {"text": "Bổ sung số liệu", "page": 2}
    )
    assert created.status_code == 201
    body = created.json()
    assert body["page"] == 2 and body["status"] == "new"
    assert body["version_number"] == latest(docs.report).number
    assert body["author"]["id"] == world.delegate.pk
    assert body["place"] == str(world.rooms[0])

    answered = ApiClient(world.organizer).post(
        f"/api/comments/{body['id']}/answer", {"status": "declined", "reply": "Ngoài phạm vi."}
    )
    assert answered.status_code == 200
    assert answered.json()["status"] == "declined" and answered.json()["reply"] == "Ngoài phạm vi."

    listed = ApiClient(world.organizer).get(f"/api/documents/{docs.report.pk}/comments")
    assert [c["id"] for c in listed.json()] == [body["id"]]
    other = second_delegate(world, meeting)
    assert ApiClient(other).get(f"/api/documents/{docs.report.pk}/comments").json() == []


def test_api_comment_refusals(world, meeting):
    docs = papers(world, meeting)
    url = f"/api/documents/{docs.report.pk}/comments"
    assert ApiClient(world.outsider).post(url, {"text": "x"}).status_code == 404
    assert ApiClient(world.organizer).post(url, {"text": "x"}).status_code == 403
    response = ApiClient(world.delegate).post(url, {"text": "x", "page": 7})
    assert response.status_code == 422
    assert response.json()["errors"] == {"page": ["Tài liệu chỉ có 3 trang."]}
    close_comments(docs.report)
    response = ApiClient(world.delegate).post(url, {"text": "x"})
    assert response.status_code == 422 and "Đã hết hạn góp ý" in response.json()["detail"]

    comment = Comment.objects.create(
        document=docs.report, version=latest(docs.report), author=world.delegate, text="x"
    )
    answer = f"/api/comments/{comment.pk}/answer"
    assert ApiClient(world.delegate).post(answer, {"status": "accepted"}).status_code == 403
    response = ApiClient(world.organizer).post(answer, {"status": "answered"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["reply"]
    assert ApiClient(world.organizer).post(answer, {"status": "new"}).status_code == 422
