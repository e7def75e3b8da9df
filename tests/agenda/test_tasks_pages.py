"""The task pages: the boards at /tasks/, a meeting's conclusions to assign, one task."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from agenda.models import AgendaItem, ConclusionTask
from agenda.services.tasks import task_complete
from tests.agenda.tasks_support import (
    CONCLUSIONS,
    assign,
    commune_staff,
    concluded_meeting,
    in_days,
    later_meeting,
    make_overdue,
)

ROW = re.compile(r'<tr class="task-(\w+)" id="task-(\d+)">')


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rows(response) -> list[tuple[str, int]]:
    return [(state, int(pk)) for state, pk in ROW.findall(response.content.decode())]


@pytest.fixture
def three(world, concluded) -> list[ConclusionTask]:
    """Xã Thử 1 overdue by 2 days, Xã Thử 2 due in 2 days, Xã Thử 3 due in 10."""
    first = make_overdue(assign(world, concluded, units=world.communes[:1])[0])
    second = assign(world, concluded, units=world.communes[1:2], days=2)[0]
    third = assign(world, concluded, units=world.communes[2:], days=10)[0]
    return [first, second, third]


# --- /tasks/ ----------------------------------------------------------------------------------


def test_the_host_board_shows_overdue_first_in_red_then_due_soon(world, three):
    response = client_for(world.organizer).get("/tasks/")
    assert response.status_code == 200
    assert rows(response) == [
        ("overdue", three[0].pk),
        ("due_soon", three[1].pk),
        ("open", three[2].pk),
    ]
    html = response.content.decode()
    assert '<span class="badge task-overdue">Quá hạn</span>' in html
    assert "Trễ 2 ngày" in html and "Còn 2 ngày" in html
    assert '<span class="badge task-overdue">Quá hạn: 1</span>' in html
    assert '<span class="badge task-due_soon">Sắp đến hạn: 1</span>' in html
    assert "Đơn vị tôi giao" in html and "Đơn vị tôi thực hiện" in html


def test_the_host_board_filters(world, three):
    client = client_for(world.chair)
    overdue = client.get("/tasks/", {"tab": "host", "status": "overdue"})
    assert rows(overdue) == [("overdue", three[0].pk)]
    by_unit = client.get("/tasks/", {"tab": "host", "unit": world.communes[2].pk})
    assert rows(by_unit) == [("open", three[2].pk)]
    nothing = client.get("/tasks/", {"tab": "host", "status": "done"})
    assert rows(nothing) == [] and "Không có nhiệm vụ nào khớp bộ lọc." in nothing.content.decode()


def test_a_commune_sees_only_its_tasks_with_a_report_button(world, three):
    response = client_for(world.delegate).get("/tasks/")
    html = response.content.decode()
    assert rows(response) == [("overdue", three[0].pk)]
    assert "Đơn vị tôi giao" not in html
    assert f'href="/tasks/{three[0].pk}/#report"' in html
    # The host tab is not theirs: asking for it shows their own tasks.
    assert rows(client_for(world.delegate).get("/tasks/?tab=host")) == [("overdue", three[0].pk)]


def test_an_empty_filter_says_so(world, three):
    task_complete(actor=commune_staff(world, 2, "xa3"), task=three[2], report="Xong")
    response = client_for(world.delegate).get("/tasks/?status=done")
    assert rows(response) == []
    assert "Không có nhiệm vụ nào khớp bộ lọc." in response.content.decode()


def test_anonymous_is_sent_to_sign_in(db):
    response = Client().get("/tasks/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_board_costs_the_same_queries_for_many_tasks(world, concluded):
    assign(world, concluded, units=world.communes[:1])
    client = client_for(world.organizer)
    with CaptureQueriesContext(connection) as few:
        assert len(rows(client.get("/tasks/"))) == 1
    assign(world, concluded, item=1)
    assign(world, concluded_meeting(world, days=3, general=True), item=None)
    with CaptureQueriesContext(connection) as many:
        assert len(rows(client.get("/tasks/"))) == 7
    assert len(many) == len(few)


# --- /meetings/<id>/tasks/ -------------------------------------------------------------


def test_the_assign_page_offers_each_conclusion_prefilled(world, concluded):
    response = client_for(world.secretary).get(f"/meetings/{concluded.meeting.pk}/tasks/")
    assert response.status_code == 200
    html = response.content.decode()
    for item, text in zip(concluded.items, CONCLUSIONS, strict=True):
        assert f'id="conclusion-{item.pk}"' in html
        assert f'name="conclusion" rows="3" required>{text}</textarea>' in html
    assert "Kết luận chung của cuộc họp" in html
    for commune in world.communes:
        assert f'name="unit_ids" value="{commune.pk}"' in html


def test_the_host_assigns_from_the_page(world, concluded):
    client = client_for(world.organizer)
    item = concluded.items[1]
    response = client.post(
        f"/meetings/{concluded.meeting.pk}/tasks/",
        {
            "agenda_item": item.pk,
            "conclusion": "Xây dựng phương án sơ tán dân.",
            "unit_ids": [world.communes[0].pk, world.communes[2].pk],
            "deadline": f"{in_days(5):%d/%m/%Y}",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{concluded.meeting.pk}/tasks/#conclusion-{item.pk}"
    tasks = ConclusionTask.objects.order_by("assignee_unit__name")
    assert [(t.assignee_unit.name, t.agenda_item_id, t.deadline) for t in tasks] == [
        ("Xã Thử 1", item.pk, in_days(5)),
        ("Xã Thử 3", item.pk, in_days(5)),
    ]
    page = client.get(response["Location"]).content.decode()
    assert f"Đã giao nhiệm vụ cho 2 đơn vị, hạn {in_days(5):%d/%m/%Y}." in page


def test_a_refused_assignment_keeps_what_was_typed(world, concluded):
    client = client_for(world.organizer)
    response = client.post(
        f"/meetings/{concluded.meeting.pk}/tasks/",
        {
            "agenda_item": concluded.items[0].pk,
            "conclusion": "Nội dung đã sửa",
            "unit_ids": [world.communes[1].pk],
            "deadline": "31/02/2026",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Nhập hạn hoàn thành theo dạng dd/mm/yyyy." in html
    assert ">Nội dung đã sửa</textarea>" in html and 'value="31/02/2026"' in html
    assert f'name="unit_ids" value="{world.communes[1].pk}" checked' in html
    no_units = client.post(
        f"/meetings/{concluded.meeting.pk}/tasks/",
        {"agenda_item": "", "conclusion": "x", "deadline": f"{in_days(3):%d/%m/%Y}"},
    )
    assert no_units.status_code == 422
    assert "Chọn ít nhất một đơn vị thực hiện." in no_units.content.decode()
    assert not ConclusionTask.objects.exists()


def test_an_item_of_no_agenda_is_refused_before_anything_else(world, concluded):
    response = client_for(world.organizer).post(
        f"/meetings/{concluded.meeting.pk}/tasks/",
        {"agenda_item": "999999", "conclusion": "Nội dung lạ", "deadline": "x"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Nội dung này không thuộc chương trình cuộc họp." in html
    assert "Chọn ít nhất một đơn vị thực hiện." not in html
    assert ">Nội dung lạ</textarea>" in html
    assert not ConclusionTask.objects.exists()


def test_communes_read_their_tasks_of_the_meeting_but_cannot_assign(world, concluded):
    assign(world, concluded)
    url = f"/meetings/{concluded.meeting.pk}/tasks/"
    page = client_for(world.delegate).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert len(rows(page)) == 1 and "Xã Thử 1" in html and "Xã Thử 2" not in html
    assert 'name="unit_ids"' not in html
    body = {"conclusion": "x", "unit_ids": [world.communes[0].pk], "deadline": "01/01/2030"}
    assert client_for(world.delegate).post(url, body).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404


def test_carry_over_from_the_page(world, three, concluded):
    target = later_meeting(world)
    client = client_for(world.organizer)
    page = client.get(f"/meetings/{concluded.meeting.pk}/tasks/").content.decode()
    # Overdue tasks come ticked.
    assert f'name="task_ids" value="{three[0].pk}" checked' in page
    assert f'name="task_ids" value="{three[1].pk}" aria-label' in page
    url = f"/meetings/{concluded.meeting.pk}/tasks/carry-over/"
    missing = client.post(url, {"task_ids": [three[0].pk]})
    assert missing.status_code == 422
    assert "Chọn cuộc họp sau để đưa nhiệm vụ vào chương trình." in missing.content.decode()
    response = client.post(url, {"task_ids": [three[0].pk, three[1].pk], "target": target.pk})
    assert response.status_code == 302 and response["Location"] == f"/meetings/{target.pk}/agenda/"
    item = AgendaItem.objects.get(meeting=target)
    assert item.title.endswith("Xã Thử 1, Xã Thử 2")
    assert set(item.carried_tasks.values_list("pk", flat=True)) == {three[0].pk, three[1].pk}
    assert client_for(world.delegate).post(url, {"target": target.pk}).status_code == 403


def test_the_meeting_page_costs_the_same_queries_for_many_tasks(world, concluded):
    assign(world, concluded, units=world.communes[:1])
    client = client_for(world.organizer)
    url = f"/meetings/{concluded.meeting.pk}/tasks/"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    assign(world, concluded, item=1)
    assign(world, concluded, item=None)
    with CaptureQueriesContext(connection) as many:
        assert len(rows(client.get(url))) == 7
    assert len(many) == len(few)


# --- /tasks/<id>/ ---------------------------------------------------------------------


def test_the_commune_reports_from_the_task_page(world, three):
    task = three[0]
    client = client_for(world.delegate)
    page = client.get(f"/tasks/{task.pk}/").content.decode()
    assert "Nhiệm vụ của Xã Thử 1" in page and "Trễ 2 ngày" in page
    assert f'action="/tasks/{task.pk}/complete/"' in page
    assert "Sửa nhiệm vụ" not in page
    empty = client.post(f"/tasks/{task.pk}/complete/", {"report": "  "})
    assert empty.status_code == 422
    assert "Nhập báo cáo kết quả thực hiện." in empty.content.decode()
    done = client.post(f"/tasks/{task.pk}/complete/", {"report": "Đã hoàn thành rà soát."})
    assert done.status_code == 302 and done["Location"] == f"/tasks/{task.pk}/"
    task.refresh_from_db()
    assert task.status == "done" and task.report == "Đã hoàn thành rà soát."
    assert (
        client_for(world.organizer)
        .post(f"/tasks/{three[1].pk}/complete/", {"report": "x"})
        .status_code
        == 403
    )


def test_the_host_edits_and_reopens(world, three):
    task = three[1]
    client = client_for(world.organizer)
    bad = client.post(f"/tasks/{task.pk}/edit/", {"conclusion": "Mới", "deadline": "mai"})
    assert bad.status_code == 422
    assert "Nhập hạn hoàn thành theo dạng dd/mm/yyyy." in bad.content.decode()
    new = in_days(15)
    ok = client.post(
        f"/tasks/{task.pk}/edit/", {"conclusion": "Mới", "deadline": f"{new:%d/%m/%Y}"}
    )
    assert ok.status_code == 302
    task.refresh_from_db()
    assert (task.conclusion, task.deadline) == ("Mới", new)
    task_complete(actor=commune_staff(world, 1, "xa2"), task=task, report="Xong")
    assert client_for(world.delegate).post(f"/tasks/{task.pk}/reopen/").status_code in (403, 404)
    reopened = client.post(f"/tasks/{task.pk}/reopen/", {"reason": "Chưa đủ"})
    assert reopened.status_code == 302
    task.refresh_from_db()
    assert task.status == "open"
    again = client.post(f"/tasks/{task.pk}/reopen/")
    assert again.status_code == 422
    assert "không cần mở lại" in again.content.decode()


def test_a_task_of_another_unit_is_404(world, three):
    assert client_for(world.delegate).get(f"/tasks/{three[1].pk}/").status_code == 404
    assert client_for(world.outsider).get(f"/tasks/{three[0].pk}/").status_code == 404
