"""The meeting page's "Chương trình họp" section."""

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from tests.agenda.agenda_page_support import add_document, add_items
from tests.meetings.page_helpers import text


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _page(client, user, meeting) -> str:
    client.force_login(user)
    response = client.get(reverse("meeting-detail", args=[meeting.pk]))
    assert response.status_code == 200
    return text(response)


def test_the_section_lists_items_times_documents_and_the_total(client, world, meeting):
    _first, second = add_items(world.organizer, meeting, 90, 45)
    add_document(meeting, world.organizer, item=second)
    add_document(meeting, world.organizer, title="Bản mật", item=second, confidential=True)
    page = _page(client, world.organizer, meeting)
    assert "Chương trình họp" in page
    assert "08:00–09:30" in page
    assert "09:30–10:15" in page
    assert f"{reverse('meeting-agenda', args=[meeting.pk])}#item-{second.pk}" in page
    assert '<td class="num">2</td>' in page  # both documents of the second item
    assert "135 phút / 120 phút của cuộc họp" in page
    assert "Vượt 15 phút so với thời gian cuộc họp." in page
    assert "Soạn chương trình và tài liệu" in page
    assert "Chưa công bố chương trình" in page


def test_a_delegate_counts_only_the_documents_they_may_read(client, world, meeting):
    item = add_items(world.organizer, meeting, 30)[0]
    add_document(meeting, world.organizer, item=item)
    add_document(meeting, world.organizer, title="Bản mật", item=item, confidential=True)
    page = _page(client, world.delegate, meeting)
    assert '<td class="num">1</td>' in page
    assert "Xem chương trình và tài liệu" in page
    assert "Soạn chương trình và tài liệu" not in page


def test_the_published_state_shows_its_time(client, world, meeting):
    published = timezone.localtime().replace(hour=7, minute=5, second=0, microsecond=0)
    Meeting.objects.filter(pk=meeting.pk).update(agenda_published_at=published)
    page = _page(client, world.delegate, meeting)
    assert f"Đã công bố lúc {published:%d/%m/%Y} 07:05" in page


def test_an_empty_agenda_says_so(client, world, meeting):
    page = _page(client, world.delegate, meeting)
    assert "Chương trình họp chưa có mục nào." in page
