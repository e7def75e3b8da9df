"""/api/tasks and /api/meetings/{id}/tasks: the same rules as the pages, in JSON."""

from django.test import Client

from agenda.models import AgendaItem, ConclusionTask
from tests.agenda.tasks_support import (
    CONCLUSIONS,
    assign,
    bare_meeting,
    concluded_meeting,
    in_days,
    later_meeting,
    make_overdue,
)
from tests.meetings.api_support import ApiClient


def _assign_body(world, concluded, **overrides) -> dict:
    return {
        "agenda_item_id": concluded.items[0].pk,
        "conclusion": CONCLUSIONS[0],
        "unit_ids": [c.pk for c in world.communes[:2]],
        "deadline": in_days(7).isoformat(),
        **overrides,
    }


def test_the_host_assigns_and_gets_the_tasks(world, concluded):
    url = f"/api/meetings/{concluded.meeting.pk}/tasks"
    response = ApiClient(world.secretary).post(url, _assign_body(world, concluded))
    assert response.status_code == 201
    body = response.json()
    assert [t["assignee_unit"]["name"] for t in body] == ["Xã Thử 1", "Xã Thử 2"]
    first = body[0]
    assert first["meeting"]["id"] == concluded.meeting.pk
    assert first["meeting"]["host_unit"] == {"id": world.province.pk, "name": "Tỉnh Lạng Sơn"}
    assert first["agenda_item_id"] == concluded.items[0].pk
    assert (first["conclusion"], first["deadline"], first["status"]) == (
        CONCLUSIONS[0],
        in_days(7).isoformat(),
        "open",
    )
    assert (first["overdue"], first["due_soon"], first["days_left"]) == (False, False, 7)
    assert first["created_by"]["username"] == "secretary" and first["carried_to"] is None


def test_assign_refusals(world, concluded):
    url = f"/api/meetings/{concluded.meeting.pk}/tasks"
    bad = ApiClient(world.organizer).post(
        url, _assign_body(world, concluded, unit_ids=[world.other_province.pk], conclusion="")
    )
    assert bad.status_code == 422
    assert bad.json()["errors"] == {
        "conclusion": ["Nhập nội dung nhiệm vụ (kết luận được giao)."],
        "unit_ids": [
            "Chỉ giao được cho đơn vị có điểm cầu dự họp hoặc đơn vị trực thuộc Tỉnh Lạng Sơn; "
            "không giao được cho: Tỉnh Cao Bằng."
        ],
    }
    other = concluded_meeting(world, days=3)
    wrong_item = ApiClient(world.organizer).post(
        url, _assign_body(world, concluded, agenda_item_id=other.items[0].pk)
    )
    assert wrong_item.status_code == 422
    assert wrong_item.json()["errors"] == {
        "agenda_item_id": ["Nội dung này không thuộc chương trình cuộc họp."]
    }
    date_text = ApiClient(world.organizer).post(url, _assign_body(world, concluded, deadline="x"))
    assert date_text.status_code == 422
    assert date_text.json()["errors"] == {"deadline": ["Nhập ngày theo dạng YYYY-MM-DD."]}
    forbidden = ApiClient(world.delegate).post(url, _assign_body(world, concluded))
    assert forbidden.status_code == 403
    assert forbidden.json() == {"detail": "Chỉ đơn vị chủ trì cuộc họp được giao nhiệm vụ."}
    assert ApiClient(world.outsider).post(url, _assign_body(world, concluded)).status_code == 404
    assert Client().post(url, {}, content_type="application/json").status_code == 401
    assert not ConclusionTask.objects.exists()


def test_list_filters_and_sides(world, concluded):
    late = make_overdue(assign(world, concluded, units=world.communes[:1])[0])
    assign(world, concluded, item=1, units=world.communes[:2], days=2)
    host = ApiClient(world.organizer)
    everything = host.get("/api/tasks").json()
    assert [(t["assignee_unit"]["name"], t["overdue"]) for t in everything] == [
        ("Xã Thử 1", True),
        ("Xã Thử 1", False),
        ("Xã Thử 2", False),
    ]
    assert [t["id"] for t in host.get("/api/tasks", {"status": "overdue"}).json()] == [late.pk]
    soon = host.get("/api/tasks", {"status": "due_soon"}).json()
    assert {t["due_soon"] for t in soon} == {True} and len(soon) == 2
    assert len(host.get("/api/tasks", {"unit_id": world.communes[1].pk}).json()) == 1
    assert host.get("/api/tasks", {"side": "mine"}).json() == []
    assert len(host.get("/api/tasks", {"limit": 1, "offset": 1}).json()) == 1
    commune = ApiClient(world.delegate).get("/api/tasks").json()
    assert {t["assignee_unit"]["name"] for t in commune} == {"Xã Thử 1"}
    assert ApiClient(world.delegate).get("/api/tasks", {"side": "host"}).json() == []
    assert ApiClient(world.outsider).get("/api/tasks").json() == []
    wrong = host.get("/api/tasks", {"status": "late"})
    assert wrong.status_code == 422
    assert ApiClient(world.delegate).get(f"/api/tasks/{late.pk}").status_code == 200
    other_unit = ConclusionTask.objects.get(assignee_unit=world.communes[1])
    assert ApiClient(world.delegate).get(f"/api/tasks/{other_unit.pk}").status_code == 404


def test_patch_complete_reopen(world, concluded):
    task = assign(world, concluded, units=world.communes[:1])[0]
    url = f"/api/tasks/{task.pk}"
    patched = ApiClient(world.chair).send(
        "PATCH", url, {"deadline": in_days(12).isoformat(), "conclusion": "Rà soát lại"}
    )
    assert patched.status_code == 200
    assert (patched.json()["deadline"], patched.json()["conclusion"]) == (
        in_days(12).isoformat(),
        "Rà soát lại",
    )
    assert ApiClient(world.delegate).send("PATCH", url, {"conclusion": "x"}).status_code == 403
    empty = ApiClient(world.delegate).post(f"{url}/complete", {"report": ""})
    assert empty.status_code == 422
    assert empty.json()["errors"] == {"report": ["Nhập báo cáo kết quả thực hiện."]}
    assert ApiClient(world.organizer).post(f"{url}/complete", {"report": "x"}).status_code == 403
    done = ApiClient(world.operator).post(f"{url}/complete", {"report": "Đã xong."})
    assert done.status_code == 200
    body = done.json()
    assert (body["status"], body["report"], body["done_by"]["username"]) == (
        "done",
        "Đã xong.",
        "operator",
    )
    assert body["done_at"].endswith("+07:00")
    assert ApiClient(world.delegate).post(f"{url}/reopen", {}).status_code == 403
    reopened = ApiClient(world.organizer).post(f"{url}/reopen", {"reason": "Thiếu số liệu"})
    assert reopened.status_code == 200 and reopened.json()["status"] == "open"
    again = ApiClient(world.organizer).post(f"{url}/reopen", {})
    assert again.status_code == 422
    assert again.json()["detail"] == "Nhiệm vụ đang được thực hiện, không cần mở lại."


def test_carry_over(world, concluded):
    tasks = assign(world, concluded, units=world.communes[:2])
    target = later_meeting(world)
    url = f"/api/meetings/{concluded.meeting.pk}/tasks/carry-over"
    ids = [t.pk for t in tasks]
    unknown = ApiClient(world.organizer).post(
        url, {"task_ids": [*ids, 987654], "target_meeting_id": target.pk}
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == {
        "task_ids": ["Không có nhiệm vụ số 987654 trong cuộc họp này."]
    }
    live = bare_meeting(world, days=3, status="live", title="Họp đang diễn ra")
    started = ApiClient(world.organizer).post(url, {"task_ids": ids, "target_meeting_id": live.pk})
    assert started.status_code == 422
    assert started.json()["detail"] == (
        "Cuộc họp “Họp đang diễn ra” đã bắt đầu, đã kết thúc hoặc đã hủy: "
        "chọn cuộc họp chưa diễn ra."
    )
    response = ApiClient(world.organizer).post(
        url, {"task_ids": ids, "target_meeting_id": target.pk}
    )
    assert response.status_code == 201
    body = response.json()
    item = AgendaItem.objects.get(meeting=target)
    assert body == {
        "agenda_item": {
            "agenda_item_id": item.pk,
            "meeting_id": target.pk,
            "position": item.position,
            "title": item.title,
        },
        "task_ids": ids,
    }
    listed = ApiClient(world.organizer).get(f"/api/tasks/{ids[0]}").json()
    assert listed["carried_to"]["meeting_id"] == target.pk
    assert (
        ApiClient(world.organizer)
        .post(url, {"task_ids": ids, "target_meeting_id": 987654})
        .status_code
        == 404
    )


def test_schema_lists_the_task_endpoints(db):
    schema = Client().get("/api/openapi.json").json()
    expected = {
        "/api/tasks": {"get"},
        "/api/tasks/{task_id}": {"get", "patch"},
        "/api/tasks/{task_id}/complete": {"post"},
        "/api/tasks/{task_id}/reopen": {"post"},
        "/api/meetings/{meeting_id}/tasks": {"post"},
        "/api/meetings/{meeting_id}/tasks/carry-over": {"post"},
    }
    listed = {path: set(ops) for path, ops in schema["paths"].items()}
    assert {path: listed.get(path) for path in expected} == expected
    task = schema["components"]["schemas"]["TaskOut"]["properties"]
    assert {"overdue", "due_soon", "days_left", "carried_to"} <= set(task)
