"""Who may call the API: bearer tokens, the browser session with CSRF, and refusals."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from meetings.models import ApiToken, Meeting
from meetings.services.tokens import api_token_authenticate, api_token_issue, api_token_revoke
from tests.meetings.api_support import ApiClient, meeting_body
from tests.world import PASSWORD


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def test_no_credentials_answers_401_on_reads_and_writes(world):
    anonymous = ApiClient()
    for response in (
        anonymous.get("/api/meetings"),
        anonymous.get("/api/units"),
        anonymous.post("/api/meetings", meeting_body(world)),
    ):
        assert response.status_code == 401
        assert response.json()["detail"].startswith("Cần đăng nhập")
        assert response["WWW-Authenticate"] == "Bearer"
    assert Meeting.objects.count() == 0


def test_bearer_token_authenticates_and_marks_last_use(world):
    raw = api_token_issue(user=world.organizer, name="lịch tỉnh")
    response = Client().post(
        "/api/meetings", meeting_body(world), content_type="application/json", headers=bearer(raw)
    )
    assert response.status_code == 201
    assert Meeting.objects.get().created_by == world.organizer
    token = ApiToken.objects.get(user=world.organizer)
    assert token.last_used_at is not None
    assert token.name == "lịch tỉnh"


def test_last_use_is_written_at_most_once_a_minute(world):
    raw = api_token_issue(user=world.organizer, name="")
    first = timezone.now()
    for seconds, expected in ((0, 0), (30, 0), (61, 61)):
        assert api_token_authenticate(raw=raw, now=first + timedelta(seconds=seconds)) == (
            world.organizer
        )
        assert ApiToken.objects.get().last_used_at == first + timedelta(seconds=expected)


def test_revoked_token_answers_401(world):
    raw = api_token_issue(user=world.organizer, name="")
    api_token_revoke(prefix=raw[:8])
    for response in (
        Client().get("/api/meetings", headers=bearer(raw)),
        Client().post(
            "/api/meetings",
            meeting_body(world),
            content_type="application/json",
            headers=bearer(raw),
        ),
    ):
        assert response.status_code == 401
        assert response.json() == {"detail": "Mã truy cập không hợp lệ hoặc đã bị thu hồi."}
    assert Meeting.objects.count() == 0


def test_unknown_token_and_inactive_user_answer_401(world):
    raw = api_token_issue(user=world.delegate, name="")
    world.delegate.is_active = False
    world.delegate.save()
    assert Client().get("/api/units", headers=bearer(raw)).status_code == 401
    assert Client().get("/api/units", headers=bearer("khong-phai-ma")).status_code == 401


def test_only_the_hash_of_a_token_is_stored(world):
    raw = api_token_issue(user=world.organizer, name="")
    token = ApiToken.objects.get()
    assert raw not in (token.key_hash, token.prefix) and token.prefix == raw[:8]


def test_session_reads_without_csrf(world):
    client = Client(enforce_csrf_checks=True)
    client.login(username="organizer", password=PASSWORD)
    assert client.get("/api/meetings").status_code == 200


def test_session_write_without_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.login(username="organizer", password=PASSWORD)
    response = client.post("/api/meetings", meeting_body(world), content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert Meeting.objects.count() == 0


def test_session_write_with_csrf_token_is_accepted(world):
    client = Client(enforce_csrf_checks=True)
    client.login(username="organizer", password=PASSWORD)
    client.get("/api/docs")  # the docs page sets the CSRF cookie, as a browser page would
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/meetings",
        meeting_body(world),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 201
