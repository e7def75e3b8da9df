"""/api/meetings/{id}/agenda-items (GET, POST, reorder) and /api/agenda-items/{id} (PATCH,
DELETE): the organizer builds the agenda; invitees read it; anyone else gets 404."""

from datetime import timedelta

import pytest
from django.test import Client

from agenda.models import AgendaItem, ItemKind
from agenda.services.items import ItemInput, agenda_item_create
from tests.meetings.api_support import ApiClient


def _add(world, meeting, title: str, minutes: int = 15, **extra) -> AgendaItem:
    return agenda_item_create(
        actor=world.organizer,
        meeting_id=meeting.pk,
        data=ItemInput(title=title, planned_minutes=minutes, **extra),
    )


@pytest.fixture
def items(world, meeting) -> list[AgendaItem]:
    return [
        _add(world, meeting, "Báo cáo tình hình tháng 10", 30, presenter_unit_id=world.province.pk),
        _add(world, meeting, "Thảo luận", 45, kind=ItemKind.DISCUSSION),
        _add(world, meeting, "Biểu quyết nghị quyết", 20, kind=ItemKind.DECISION),
    ]


def _url(meeting) -> str:
    return f"/api/meetings/{meeting.pk}/agenda-items"


def _titles(meeting) -> list[str]:
    return list(meeting.agenda_items.order_by("position").values_list("title", flat=True))


# GET


def test_invitees_read_the_agenda_with_planned_times(world, meeting, items):
    for user in (world.organizer, world.chair, world.operator, world.delegate):
        response = ApiClient(user).get(_url(meeting))
        assert response.status_code == 200, user
    body = response.json()
    assert [i["title"] for i in body] == [
        "Báo cáo tình hình tháng 10",
        "Thảo luận",
        "Biểu quyết nghị quyết",
    ]
    assert [i["position"] for i in body] == [1, 2, 3]
    start = meeting.start
    planned = [(i["planned_start"], i["planned_end"]) for i in body]
    assert planned[0] == (
        start.isoformat(),
        (start + timedelta(minutes=30)).isoformat(),
    )
    assert planned[2][0] == (start + timedelta(minutes=75)).isoformat()
    assert body[0]["presenter_unit"] == {"id": world.province.pk, "name": "Tỉnh Lạng Sơn"}
    assert body[0]["presenter_name"] == "Tỉnh Lạng Sơn"
    assert body[1]["kind"] == "discussion" and body[1]["presenter_user"] is None
    assert body[0]["document_ids"] == []


def test_people_without_a_part_get_404(world, meeting, items):
    for user in (world.outsider, world.other_organizer):
        response = ApiClient(user).get(_url(meeting))
        assert response.status_code == 404
        assert response.json() == {"detail": "Không tìm thấy cuộc họp."}


def test_unknown_meeting_is_404(world):
    assert ApiClient(world.organizer).get("/api/meetings/987654/agenda-items").status_code == 404


def test_anonymous_gets_401(meeting):
    assert ApiClient().get(_url(meeting)).status_code == 401


# POST


def test_organizer_adds_an_item_at_the_end(world, meeting, items):
    response = ApiClient(world.organizer).post(
        _url(meeting),
        {
            "title": "Kết luận",
            "kind": "decision",
            "planned_minutes": 10,
            "presenter_user_id": world.chair.pk,
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["position"], body["title"], body["kind"]) == (4, "Kết luận", "decision")
    assert body["presenter_user"]["id"] == world.chair.pk
    assert body["presenter_name"] == "Nguyễn Văn Chủ"
    assert body["planned_start"] == (meeting.start + timedelta(minutes=95)).isoformat()
    item = AgendaItem.objects.get(pk=body["id"])
    assert (item.meeting_id, item.planned_minutes, item.presenter_user_id) == (
        meeting.pk,
        10,
        world.chair.pk,
    )


def test_defaults_are_a_fifteen_minute_report(world, meeting):
    response = ApiClient(world.organizer).post(_url(meeting), {"title": "Khai mạc"})
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["planned_minutes"]) == ("report", 15)


def test_invitees_cannot_add_items(world, meeting):
    for user in (world.delegate, world.operator, world.chair):
        response = ApiClient(user).post(_url(meeting), {"title": "Của tôi"})
        assert response.status_code == 403, user
        assert response.json()["detail"] == (
            "Chỉ văn phòng đơn vị chủ trì được soạn chương trình họp."
        )
    assert not meeting.agenda_items.exists()


def test_outsider_gets_404_and_nothing_is_added(world, meeting):
    for user in (world.outsider, world.other_organizer):
        assert ApiClient(user).post(_url(meeting), {"title": "X"}).status_code == 404
    assert not meeting.agenda_items.exists()


def test_refused_values_answer_422_per_field(world, meeting):
    client = ApiClient(world.organizer)
    response = client.post(_url(meeting), {"title": "  ", "planned_minutes": 0})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["title"] == ["Nhập nội dung mục chương trình."]
    assert errors["planned_minutes"] == ["Thời lượng dự kiến phải từ 1 đến 600 phút."]

    both = client.post(
        _url(meeting),
        {"title": "A", "presenter_user_id": world.chair.pk, "presenter_unit_id": world.province.pk},
    )
    assert both.status_code == 422 and "presenter" in both.json()["errors"]

    kind = client.post(_url(meeting), {"title": "A", "kind": "party"})
    assert kind.status_code == 422
    assert kind.json()["errors"]["kind"][0].startswith("Chọn một trong: report, discussion")

    missing = client.post(_url(meeting), {})
    assert missing.json()["errors"] == {"title": ["Trường này là bắt buộc."]}
    assert not meeting.agenda_items.exists()


def test_session_post_without_csrf_is_refused(client, world, meeting):

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.organizer)
    response = browser.post(_url(meeting), {"title": "A"}, content_type="application/json")
    assert response.status_code == 403
    assert not meeting.agenda_items.exists()


# PATCH


def test_patch_changes_only_the_fields_sent(world, meeting, items):
    first = items[0]
    response = ApiClient(world.organizer).send(
        "PATCH", f"/api/agenda-items/{first.pk}", {"planned_minutes": 40}
    )
    assert response.status_code == 200
    first.refresh_from_db()
    assert (first.title, first.planned_minutes, first.presenter_unit_id) == (
        "Báo cáo tình hình tháng 10",
        40,
        world.province.pk,
    )
    assert response.json()["planned_end"] == (meeting.start + timedelta(minutes=40)).isoformat()


def test_sending_a_presenter_person_replaces_the_presenting_unit(world, meeting, items):
    first = items[0]
    response = ApiClient(world.organizer).send(
        "PATCH", f"/api/agenda-items/{first.pk}", {"presenter_user_id": world.delegate.pk}
    )
    assert response.status_code == 200
    first.refresh_from_db()
    assert (first.presenter_user_id, first.presenter_unit_id) == (world.delegate.pk, None)


def test_patch_refusals(world, meeting, items):
    url = f"/api/agenda-items/{items[0].pk}"
    organizer = ApiClient(world.organizer)
    assert organizer.send("PATCH", url, {"title": None}).status_code == 422
    too_long = organizer.send("PATCH", url, {"planned_minutes": 601})
    assert too_long.status_code == 422 and "planned_minutes" in too_long.json()["errors"]
    assert ApiClient(world.delegate).send("PATCH", url, {"title": "X"}).status_code == 403
    assert ApiClient(world.outsider).send("PATCH", url, {"title": "X"}).status_code == 404
    assert ApiClient().send("PATCH", url, {"title": "X"}).status_code == 401
    missing = organizer.send("PATCH", "/api/agenda-items/987654", {"title": "X"})
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Không tìm thấy mục chương trình."}
    items[0].refresh_from_db()
    assert (items[0].title, items[0].planned_minutes) == ("Báo cáo tình hình tháng 10", 30)


# DELETE


def test_delete_removes_the_item_and_closes_the_gap(world, meeting, items):
    response = ApiClient(world.organizer).send("DELETE", f"/api/agenda-items/{items[0].pk}")
    assert response.status_code == 204
    assert not AgendaItem.objects.filter(pk=items[0].pk).exists()
    assert list(meeting.agenda_items.order_by("position").values_list("position", "title")) == [
        (1, "Thảo luận"),
        (2, "Biểu quyết nghị quyết"),
    ]


def test_delete_refusals(world, meeting, items):
    url = f"/api/agenda-items/{items[0].pk}"
    assert ApiClient(world.delegate).send("DELETE", url).status_code == 403
    assert ApiClient(world.outsider).send("DELETE", url).status_code == 404
    assert ApiClient().send("DELETE", url).status_code == 401
    assert AgendaItem.objects.filter(pk=items[0].pk).exists()


# Reorder


def test_reorder_puts_the_items_in_the_given_order(world, meeting, items):
    ids = [items[2].pk, items[0].pk, items[1].pk]
    response = ApiClient(world.organizer).post(f"{_url(meeting)}/reorder", {"ids": ids})
    assert response.status_code == 200
    assert [i["id"] for i in response.json()] == ids
    second_start = meeting.start + timedelta(minutes=20)
    assert response.json()[1]["planned_start"] == second_start.isoformat()
    assert _titles(meeting) == ["Biểu quyết nghị quyết", "Báo cáo tình hình tháng 10", "Thảo luận"]


def test_reorder_refusals(world, meeting, items):
    url = f"{_url(meeting)}/reorder"
    stale = ApiClient(world.organizer).post(url, {"ids": [items[1].pk, items[0].pk]})
    assert stale.status_code == 422
    assert stale.json()["detail"].startswith("Thứ tự gửi lên không khớp")
    assert ApiClient(world.organizer).post(url, {"ids": "1,2"}).status_code == 422
    ids = [items[2].pk, items[1].pk, items[0].pk]
    assert ApiClient(world.delegate).post(url, {"ids": ids}).status_code == 403
    assert ApiClient(world.outsider).post(url, {"ids": ids}).status_code == 404
    assert ApiClient().post(url, {"ids": ids}).status_code == 401
    assert _titles(meeting) == ["Báo cáo tình hình tháng 10", "Thảo luận", "Biểu quyết nghị quyết"]
