"""The agenda page: an editor for the host's organizers, a reading list for the others."""

import pytest
from django.urls import reverse

from agenda.models import AgendaItem
from meetings.models import Meeting
from tests.agenda.agenda_page_support import add_document, add_items
from tests.meetings.page_helpers import text


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(meeting) -> str:
    return reverse("meeting-agenda", args=[meeting.pk])


def _item_data(**extra) -> dict:
    return {"title": "Báo cáo quý", "kind": "report", "planned_minutes": "20", "presenter": ""}


def test_organizer_gets_the_editor_with_times_and_forms(client, world, meeting):
    add_items(world.organizer, meeting, 30, 45)
    client.force_login(world.organizer)
    response = client.get(_url(meeting))
    assert response.status_code == 200
    page = text(response)
    for expected in (
        "Chương trình họp",
        "Mục 1",
        "<span data-start>08:00</span>–<span data-end>08:30</span>",
        "<span data-start>08:30</span>–<span data-end>09:15</span>",
        "75 phút / 120 phút của cuộc họp",
        "Còn trống 45 phút.",
        reverse("agenda-reorder", args=[meeting.pk]),
        reverse("agenda-item-create", args=[meeting.pk]),
        reverse("agenda-template-save", args=[meeting.pk]),
        "Chuyển “Mục 1” xuống",
        "Chưa công bố chương trình",
        'name="presenter"',
        "Nguyễn Văn Chủ",  # the chair is offered as a presenter
        "Xã Thử 2",  # and so is an invited commune
    ):
        assert expected in page, expected
    upload = reverse("document-upload", args=[meeting.pk])
    assert f'action="{upload}"' in page
    assert 'name="readers"' in page
    assert f'value="{world.delegate.pk}"' in page  # invitees can be named as readers


def test_overrun_is_shown_as_a_warning(client, world, meeting):
    add_items(world.organizer, meeting, 60, 45, 30)
    client.force_login(world.organizer)
    page = text(client.get(_url(meeting)))
    assert "135 phút / 120 phút của cuộc họp" in page
    assert "Vượt 15 phút so với thời gian cuộc họp." in page
    assert 'class="timing overrun"' in page


def test_exact_fit_is_said_plainly(client, world, meeting):
    add_items(world.organizer, meeting, 60, 60)
    client.force_login(world.organizer)
    page = text(client.get(_url(meeting)))
    assert "Vừa khít thời gian cuộc họp." in page
    assert "Vượt" not in page


def test_delegate_reads_the_agenda_and_its_documents_without_controls(client, world, meeting):
    item = add_items(world.organizer, meeting, 30)[0]
    document = add_document(meeting, world.organizer, item=item, versions=2)
    add_document(meeting, world.organizer, title="Dự thảo mật", item=item, confidential=True)
    add_document(meeting, world.organizer, title="Giấy mời chung")
    client.force_login(world.delegate)
    response = client.get(_url(meeting))
    assert response.status_code == 200
    page = text(response)
    assert "Mục 1" in page
    assert "Báo cáo tình hình" in page
    assert "Giấy mời chung" in page
    assert "Dự thảo mật" not in page  # confidential, and the delegate is not named on it
    new, old = document.versions.order_by("-number")
    for name, version in (("document-open", new), ("document-download", old)):
        assert reverse(name, args=[version.pk]) in page
    assert reverse("document-reader", args=[new.pk]) in page
    assert "đã thay thế" in page
    assert "3 trang" in page
    assert f'title="{new.sha256}"' in page
    assert f"{new.sha256[:12]}…" in page
    for control in ("agenda-reorder", "agenda-item-create", "agenda-template-save"):
        assert reverse(control, args=[meeting.pk]) not in page
    assert reverse("document-upload", args=[meeting.pk]) not in page


def test_a_named_reader_sees_the_confidential_document(client, world, meeting):
    add_document(
        meeting, world.organizer, title="Dự thảo mật", confidential=True, readers=(world.delegate,)
    )
    client.force_login(world.delegate)
    page = text(client.get(_url(meeting)))
    assert "Dự thảo mật" in page
    assert "Tài liệu mật" in page


@pytest.mark.parametrize("persona", ["outsider", "other_organizer"])
def test_people_with_no_part_in_the_meeting_get_404(client, world, meeting, persona):
    client.force_login(getattr(world, persona))
    assert client.get(_url(meeting)).status_code == 404


def test_signed_out_visitors_go_to_the_login(client, world, meeting):
    response = client.get(_url(meeting))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_adding_an_item_lands_on_it(client, world, meeting):
    client.force_login(world.organizer)
    response = client.post(
        reverse("agenda-item-create", args=[meeting.pk]),
        {**_item_data(), "presenter": f"unit:{world.communes[1].pk}"},
    )
    item = AgendaItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_url(meeting)}#item-{item.pk}"
    assert (item.title, item.planned_minutes, item.presenter_unit) == (
        "Báo cáo quý",
        20,
        world.communes[1],
    )
    page = text(client.get(_url(meeting)))
    assert "Đã thêm mục “Báo cáo quý”." in page


def test_a_bad_item_is_answered_422_next_to_its_field(client, world, meeting):
    client.force_login(world.organizer)
    response = client.post(
        reverse("agenda-item-create", args=[meeting.pk]),
        {**_item_data(), "title": "", "planned_minutes": "0"},
    )
    assert response.status_code == 422
    page = text(response)
    assert "Nhập nội dung mục chương trình." in page
    assert 'id="new-item-planned_minutes"' in page
    assert not AgendaItem.objects.exists()


def test_editing_an_item_saves_it_and_a_bad_edit_keeps_the_form_open(client, world, meeting):
    item = add_items(world.organizer, meeting, 30)[0]
    client.force_login(world.organizer)
    url = reverse("agenda-item-update", args=[meeting.pk, item.pk])
    response = client.post(
        url, {**_item_data(), "kind": "decision", "presenter": f"user:{world.chair.pk}"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.kind, item.presenter_user) == ("Báo cáo quý", "decision", world.chair)

    refused = client.post(url, {**_item_data(), "presenter": "user:999999"})
    assert refused.status_code == 422
    assert "Chọn người hoặc đơn vị trình bày trong danh sách." in text(refused)
    assert '<details class="tool" open>' in text(refused)  # the edit form stays open
    item.refresh_from_db()
    assert item.presenter_user == world.chair


def test_deleting_an_item_says_so(client, world, meeting):
    first, _second = add_items(world.organizer, meeting, 30, 15)
    client.force_login(world.organizer)
    response = client.post(reverse("agenda-item-delete", args=[meeting.pk, first.pk]), follow=True)
    assert "Đã xóa mục “Mục 1”." in text(response)
    assert list(meeting.agenda_items.values_list("title", "position")) == [("Mục 2", 1)]


@pytest.mark.parametrize("persona", ["delegate", "chair", "operator"])
def test_editing_endpoints_are_403_for_people_who_attend(client, world, meeting, persona):
    item = add_items(world.organizer, meeting, 30)[0]
    client.force_login(getattr(world, persona))
    answers = [
        client.post(reverse("agenda-item-create", args=[meeting.pk]), _item_data()).status_code,
        client.post(
            reverse("agenda-item-update", args=[meeting.pk, item.pk]), _item_data()
        ).status_code,
        client.post(reverse("agenda-item-delete", args=[meeting.pk, item.pk])).status_code,
    ]
    assert answers == [403, 403, 403]
    item.refresh_from_db()
    assert item.title == "Mục 1"


def test_editing_endpoints_refuse_get(client, world, meeting):
    item = add_items(world.organizer, meeting, 30)[0]
    client.force_login(world.organizer)
    for url in (
        reverse("agenda-item-create", args=[meeting.pk]),
        reverse("agenda-item-delete", args=[meeting.pk, item.pk]),
    ):
        assert client.get(url).status_code == 405


def test_a_cancelled_meeting_shows_its_agenda_without_the_editor(client, world, meeting):
    add_items(world.organizer, meeting, 30)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    client.force_login(world.organizer)
    page = text(client.get(_url(meeting)))
    assert "Mục 1" in page
    assert reverse("agenda-item-create", args=[meeting.pk]) not in page
    assert reverse("agenda-template-save", args=[meeting.pk]) in page  # still worth keeping
    refused = client.post(reverse("agenda-item-create", args=[meeting.pk]), _item_data())
    assert refused.status_code == 422
    assert "đã kết thúc hoặc đã hủy" in text(refused)
