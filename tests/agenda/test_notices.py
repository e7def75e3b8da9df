"""My notices: GET /notices/, /notices/<id>/open/, the header badge, and the API."""

from django.urls import reverse

from agenda.models import Notice
from agenda.services.distribution import agenda_publish
from tests.meetings.api_support import ApiClient
from tests.meetings.page_helpers import text


def _notice(user, url: str = "/meetings/1/agenda/", text: str = "Chương trình họp mới") -> Notice:
    return Notice.objects.create(user=user, text=text, url=url)


def test_the_list_shows_only_my_notices(client, world, meeting):
    agenda_publish(actor=world.organizer, meeting_id=meeting.pk)
    _notice(world.chair, text="Thông báo riêng của chủ trì")
    client.force_login(world.delegate)
    response = client.get(reverse("notices"))
    assert response.status_code == 200
    page = text(response)
    assert "Chương trình họp “Giao ban tuần”" in page
    assert "Thông báo riêng của chủ trì" not in page
    mine = Notice.objects.get(user=world.delegate)
    assert reverse("notice-open", args=[mine.pk]) in page


def test_opening_marks_read_and_follows_the_link(client, world, meeting):
    agenda_publish(actor=world.organizer, meeting_id=meeting.pk)
    notice = Notice.objects.get(user=world.delegate)
    client.force_login(world.delegate)
    response = client.get(reverse("notice-open", args=[notice.pk]))
    assert response.status_code == 302
    assert response.url == reverse("meeting-agenda", args=[meeting.pk])
    notice.refresh_from_db()
    first = notice.read_at
    assert first is not None
    client.post(reverse("notice-open", args=[notice.pk]))
    notice.refresh_from_db()
    assert notice.read_at == first  # the first reading counts


def test_a_notice_never_leads_off_the_site(client, world):
    client.force_login(world.delegate)
    for url in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""):
        notice = _notice(world.delegate, url=url)
        response = client.get(reverse("notice-open", args=[notice.pk]))
        assert response.status_code == 302
        assert response.url == reverse("notices")
        notice.refresh_from_db()
        assert notice.read_at is not None


def test_someone_elses_notice_is_404(client, world):
    notice = _notice(world.chair)
    client.force_login(world.delegate)
    assert client.get(reverse("notice-open", args=[notice.pk])).status_code == 404
    assert client.post(reverse("notice-open", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_header_badge_counts_unread(client, world):
    first = _notice(world.delegate)
    _notice(world.delegate)
    client.force_login(world.delegate)
    assert '<span class="badge notice-count" title="Thông báo chưa đọc: 2">2</span>' in text(
        client.get(reverse("home"))
    )
    client.get(reverse("notice-open", args=[first.pk]))
    assert "Thông báo chưa đọc: 1" in text(client.get(reverse("home")))
    client.force_login(world.outsider)
    assert "notice-count" not in text(client.get(reverse("home")))


def test_anonymous_is_sent_to_login(client):
    assert client.get(reverse("notices")).url.startswith(reverse("login"))


def test_api_notices(world):
    notice = _notice(world.delegate)
    _notice(world.chair)
    api = ApiClient(world.delegate)
    listed = api.get("/api/notices")
    assert listed.status_code == 200
    assert [n["id"] for n in listed.json()] == [notice.pk]
    assert listed.json()[0]["read_at"] is None
    read = api.post(f"/api/notices/{notice.pk}/read")
    assert read.status_code == 200 and read.json()["read_at"].endswith("+07:00")
    other = Notice.objects.get(user=world.chair)
    assert api.post(f"/api/notices/{other.pk}/read").status_code == 404
