"""The tablet reader: one document version full height, opened at a page."""

import pytest
from django.urls import reverse

from tests.agenda.agenda_page_support import add_document
from tests.meetings.page_helpers import text


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _reader(version, page=None) -> str:
    url = reverse("document-reader", args=[version.pk])
    return f"{url}?page={page}" if page is not None else url


def test_delegate_reads_at_the_asked_page(client, world, meeting):
    version = add_document(meeting, world.organizer, pages=5).versions.get()
    client.force_login(world.delegate)
    response = client.get(_reader(version, 3))
    assert response.status_code == 200
    page = text(response)
    open_url = reverse("document-open", args=[version.pk])
    assert f'<iframe class="reader-frame" src="{open_url}#page=3"' in page
    assert "Báo cáo tình hình" in page
    assert "v1" in page
    assert 'id="page-input" name="page" value="3"' in page
    assert "/ 5" in page
    assert 'href="?page=2"' in page
    assert 'href="?page=4"' in page
    assert "Đến trang" in page
    share = f"http://testserver{_reader(version, 3)}"
    assert f'href="{share}" data-share>Mời mọi người theo trang này' in page
    assert reverse("document-download", args=[version.pk]) in page


@pytest.mark.parametrize(("asked", "shown"), [("0", 1), ("99", 5), ("abc", 1), ("-2", 1)])
def test_a_page_outside_the_document_is_brought_inside(client, world, meeting, asked, shown):
    version = add_document(meeting, world.organizer, pages=5).versions.get()
    client.force_login(world.delegate)
    page = text(client.get(f"{_reader(version)}?page={asked}"))
    assert f"#page={shown}" in page


def test_first_and_last_pages_disable_the_step_that_leads_out(client, world, meeting):
    version = add_document(meeting, world.organizer, pages=2).versions.get()
    client.force_login(world.delegate)
    first = text(client.get(_reader(version, 1)))
    assert 'href="?page=0" aria-disabled="true"' in first
    last = text(client.get(_reader(version, 2)))
    assert 'href="?page=3" aria-disabled="true"' in last


def test_an_old_version_points_to_the_newest(client, world, meeting):
    document = add_document(meeting, world.organizer, versions=2)
    old, new = document.versions.order_by("number")
    client.force_login(world.delegate)
    page = text(client.get(_reader(old)))
    assert "Đây là phiên bản cũ, đã được thay thế." in page
    assert _reader(new) in page
    assert "phiên bản cũ" not in text(client.get(_reader(new)))


@pytest.mark.parametrize("persona", ["outsider", "other_organizer"])
def test_people_with_no_part_in_the_meeting_get_404(client, world, meeting, persona):
    version = add_document(meeting, world.organizer).versions.get()
    client.force_login(getattr(world, persona))
    assert client.get(_reader(version)).status_code == 404


def test_a_confidential_document_is_404_for_an_invitee_not_named_on_it(client, world, meeting):
    secret = add_document(meeting, world.organizer, confidential=True, readers=(world.chair,))
    version = secret.versions.get()
    client.force_login(world.delegate)
    assert client.get(_reader(version)).status_code == 404
    client.force_login(world.chair)
    assert client.get(_reader(version)).status_code == 200


def test_signed_out_visitors_go_to_the_login(client, world, meeting):
    version = add_document(meeting, world.organizer).versions.get()
    response = client.get(_reader(version))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_open_view_may_be_framed_by_this_site(client, world, meeting):
    """The reader frames the inline PDF; the site otherwise refuses every frame."""
    version = add_document(meeting, world.organizer).versions.get()
    client.force_login(world.delegate)
    response = client.get(reverse("document-open", args=[version.pk]))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    reader = client.get(_reader(version))
    assert reader["X-Frame-Options"] == "DENY"
