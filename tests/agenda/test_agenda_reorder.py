"""Reordering: the service, the endpoint the page script posts to (drag and drop and the
move buttons), and the move endpoint the buttons post to without JavaScript."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from agenda.models import AgendaItem
from agenda.services.items import agenda_item_move, agenda_reorder
from meetings.services.errors import PermissionDenied
from meetings.services.scheduling import meeting_schedule
from tests.agenda.agenda_page_support import add_items
from tests.meetings.page_helpers import text
from tests.world import next_morning


def _titles(meeting) -> list[str]:
    return list(meeting.agenda_items.order_by("position").values_list("title", flat=True))


def _post_json(client, meeting, order):
    return client.post(
        reverse("agenda-reorder", args=[meeting.pk]),
        data=json.dumps({"order": order}),
        content_type="application/json",
    )


def test_reorder_sets_positions_one_to_n_in_the_given_order(world, meeting):
    a, b, c = add_items(world.organizer, meeting, 10, 20, 30)
    agenda_reorder(actor=world.organizer, meeting_id=meeting.pk, ordered_ids=[c.pk, a.pk, b.pk])
    assert _titles(meeting) == ["Mục 3", "Mục 1", "Mục 2"]
    assert sorted(meeting.agenda_items.values_list("position", flat=True)) == [1, 2, 3]


@pytest.mark.parametrize(
    "shape",
    ["missing one", "one extra", "a repeat", "another meeting's item"],
)
def test_reorder_refuses_a_list_that_is_not_exactly_the_items(world, meeting, shape):
    a, b, c = add_items(world.organizer, meeting, 10, 20, 30)
    orders = {
        "missing one": [c.pk, a.pk],
        "one extra": [c.pk, a.pk, b.pk, 999_999],
        "a repeat": [c.pk, a.pk, a.pk],
        "another meeting's item": [
            c.pk,
            a.pk,
            AgendaItem.objects.create(meeting=_other_meeting(world), position=1, title="Khác").pk,
        ],
    }
    with pytest.raises(ValidationError) as refused:
        agenda_reorder(actor=world.organizer, meeting_id=meeting.pk, ordered_ids=orders[shape])
    assert "không khớp" in refused.value.messages[0]
    assert _titles(meeting) == ["Mục 1", "Mục 2", "Mục 3"]


def _other_meeting(world):
    return meeting_schedule(
        actor=world.organizer,
        data=world.meeting_input(start=next_morning(days=3), rooms=[world.rooms[2]]),
        notify=False,
    )


def test_reorder_is_for_organizers_only(world, meeting):
    a, b = add_items(world.organizer, meeting, 10, 20)
    with pytest.raises(PermissionDenied):
        agenda_reorder(actor=world.delegate, meeting_id=meeting.pk, ordered_ids=[b.pk, a.pk])
    assert _titles(meeting) == ["Mục 1", "Mục 2"]


def test_move_goes_one_place_and_stops_at_the_ends(world, meeting):
    a, b, c = add_items(world.organizer, meeting, 10, 20, 30)
    agenda_item_move(actor=world.organizer, item_id=c.pk, offset=-1)
    assert _titles(meeting) == ["Mục 1", "Mục 3", "Mục 2"]
    agenda_item_move(actor=world.organizer, item_id=a.pk, offset=-1)
    assert _titles(meeting) == ["Mục 1", "Mục 3", "Mục 2"]
    agenda_item_move(actor=world.organizer, item_id=b.pk, offset=1)
    assert _titles(meeting) == ["Mục 1", "Mục 3", "Mục 2"]


# --- The endpoint -------------------------------------------------------------------


def test_endpoint_saves_the_order_and_answers_the_new_times(client, world, meeting):
    a, b, c = add_items(world.organizer, meeting, 10, 20, 30)
    client.force_login(world.organizer)
    response = _post_json(client, meeting, [c.pk, a.pk, b.pk])
    assert response.status_code == 200
    body = response.json()
    assert body["message"] == "Đã lưu thứ tự mới."
    start = timezone.localtime(meeting.start)
    assert [(i["id"], i["position"], i["start"]) for i in body["items"]] == [
        (c.pk, 1, f"{start:%H}:00"),
        (a.pk, 2, f"{start:%H}:30"),
        (b.pk, 3, f"{start:%H}:40"),
    ]
    assert _titles(meeting) == ["Mục 3", "Mục 1", "Mục 2"]


def test_endpoint_answers_422_with_the_reason_when_the_ids_do_not_match(client, world, meeting):
    a, _b, c = add_items(world.organizer, meeting, 10, 20, 30)
    client.force_login(world.organizer)
    response = _post_json(client, meeting, [c.pk, a.pk])
    assert response.status_code == 422
    assert response.json()["error"] == (
        "Thứ tự gửi lên không khớp với các mục hiện có của chương trình. Tải lại trang rồi thử lại."
    )
    assert _titles(meeting) == ["Mục 1", "Mục 2", "Mục 3"]


@pytest.mark.parametrize("body", ['{"order": "1,2"}', "[1, 2]", "not json", '{"order": ["x"]}'])
def test_endpoint_answers_422_to_a_body_that_is_not_a_list_of_ids(client, world, meeting, body):
    add_items(world.organizer, meeting, 10, 20)
    client.force_login(world.organizer)
    response = client.post(
        reverse("agenda-reorder", args=[meeting.pk]), data=body, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["error"] == "Thứ tự gửi lên không hợp lệ."


def test_endpoint_takes_form_data_and_redirects_back(client, world, meeting):
    a, b = add_items(world.organizer, meeting, 10, 20)
    client.force_login(world.organizer)
    response = client.post(
        reverse("agenda-reorder", args=[meeting.pk]), {"order": f"{b.pk},{a.pk}"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("meeting-agenda", args=[meeting.pk])
    assert "Đã lưu thứ tự mới." in text(response)
    assert _titles(meeting) == ["Mục 2", "Mục 1"]


def test_endpoint_form_data_mismatch_shows_the_page_with_422(client, world, meeting):
    a, _b = add_items(world.organizer, meeting, 10, 20)
    client.force_login(world.organizer)
    response = client.post(reverse("agenda-reorder", args=[meeting.pk]), {"order": [a.pk]})
    assert response.status_code == 422
    assert "không khớp với các mục hiện có" in text(response)


def test_endpoint_is_403_for_a_delegate_and_404_for_an_outsider(client, world, meeting):
    a, b = add_items(world.organizer, meeting, 10, 20)
    client.force_login(world.delegate)
    assert _post_json(client, meeting, [b.pk, a.pk]).status_code == 403
    client.force_login(world.outsider)
    assert _post_json(client, meeting, [b.pk, a.pk]).status_code == 404
    assert _titles(meeting) == ["Mục 1", "Mục 2"]


def test_endpoint_refuses_get(client, world, meeting):
    client.force_login(world.organizer)
    assert client.get(reverse("agenda-reorder", args=[meeting.pk])).status_code == 405


def test_signed_out_visitors_are_sent_to_the_login(client, world, meeting):
    response = _post_json(client, meeting, [])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- The move buttons without JavaScript ---------------------------------------------


def test_move_buttons_post_and_land_back_on_the_item(client, world, meeting):
    a, _b, c = add_items(world.organizer, meeting, 10, 20, 30)
    client.force_login(world.organizer)
    url = reverse("agenda-item-move", args=[meeting.pk, c.pk])
    response = client.post(url, {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"] == reverse("meeting-agenda", args=[meeting.pk]) + f"#item-{c.pk}"
    assert _titles(meeting) == ["Mục 1", "Mục 3", "Mục 2"]
    client.post(reverse("agenda-item-move", args=[meeting.pk, a.pk]), {"direction": "down"})
    assert _titles(meeting) == ["Mục 3", "Mục 1", "Mục 2"]


def test_move_refuses_a_bad_direction_a_delegate_and_another_meetings_item(client, world, meeting):
    _a, b = add_items(world.organizer, meeting, 10, 20)
    client.force_login(world.organizer)
    url = reverse("agenda-item-move", args=[meeting.pk, b.pk])
    assert client.post(url, {"direction": "sideways"}).status_code == 422
    other = _other_meeting(world)
    wrong = reverse("agenda-item-move", args=[other.pk, b.pk])
    assert client.post(wrong, {"direction": "up"}).status_code == 404
    client.force_login(world.delegate)
    assert client.post(url, {"direction": "up"}).status_code == 403
    assert _titles(meeting) == ["Mục 1", "Mục 2"]
