"""Conclusions become tasks: who may assign, report, reopen and carry over, and what is refused."""

import pytest
from django.core.exceptions import ValidationError

from agenda.models import AgendaItem, ConclusionTask, Notice
from agenda.selectors_tasks import TaskFilters, task_scope, tasks_listed, tasks_visible_to
from agenda.services.tasks import (
    local_today,
    task_assign,
    task_carry_over,
    task_complete,
    task_reopen,
    task_update,
)
from meetings.models import Invitation, Meeting, Role, Unit
from meetings.services.errors import PermissionDenied
from tests.agenda.tasks_support import (
    CONCLUSIONS,
    Concluded,
    assign,
    bare_meeting,
    commune_staff,
    concluded_meeting,
    in_days,
    later_meeting,
    make_overdue,
)
from tests.world import make_user


def _notices(user) -> list[str]:
    return list(Notice.objects.filter(user=user).order_by("pk").values_list("text", flat=True))


# --- Assign ---------------------------------------------------------------------------------


def test_a_conclusion_becomes_one_task_per_commune_and_each_commune_is_told(world, concluded):
    tasks = assign(world, concluded, days=10)
    rows = ConclusionTask.objects.order_by("assignee_unit__name")
    assert [(t.assignee_unit.name, t.conclusion, t.deadline, t.status) for t in rows] == [
        (c.name, CONCLUSIONS[0], in_days(10), "open") for c in world.communes
    ]
    assert {t.agenda_item_id for t in tasks} == {concluded.items[0].pk}
    assert {t.created_by_id for t in rows} == {world.organizer.pk}
    deadline = f"{in_days(10):%d/%m/%Y}"
    expected = f"Tỉnh Lạng Sơn giao Xã Thử 1 nhiệm vụ, hạn {deadline}: {CONCLUSIONS[0]}"
    # The commune's delegate and its room's operator may report, so both hear of it.
    assert _notices(world.delegate) == [expected]
    assert _notices(world.operator) == [expected]
    mine = Notice.objects.get(user=world.delegate)
    assert mine.url == f"/tasks/{tasks[0].pk}/" and mine.meeting_id == concluded.meeting.pk


def test_chair_and_secretary_assign_too(world, concluded):
    assign(world, concluded, units=world.communes[:1], actor=world.chair)
    assign(world, concluded, item=1, units=world.communes[:1], actor=world.secretary)
    assert ConclusionTask.objects.count() == 2


@pytest.mark.parametrize("who", ["delegate", "operator", "outsider", "other_organizer"])
def test_people_outside_the_host_cannot_assign(world, concluded, who):
    with pytest.raises(PermissionDenied, match="Chỉ đơn vị chủ trì cuộc họp được giao nhiệm vụ"):
        assign(world, concluded, actor=getattr(world, who))
    assert not ConclusionTask.objects.exists()


def test_a_unit_of_another_province_refuses_the_whole_assignment(world, concluded):
    units = [world.communes[0], world.other_province]
    with pytest.raises(ValidationError) as refused:
        assign(world, concluded, units=units)
    assert refused.value.message_dict == {
        "unit_ids": [
            "Chỉ giao được cho đơn vị có điểm cầu dự họp hoặc đơn vị trực thuộc Tỉnh Lạng Sơn; "
            "không giao được cho: Tỉnh Cao Bằng."
        ]
    }
    assert not ConclusionTask.objects.exists() and not Notice.objects.exists()


def test_units_under_the_host_that_did_not_join_and_invited_outsiders_may_be_assigned(world):
    absent = Unit.objects.create(
        code="06099", name="Xã Vắng", kind=Unit.Kind.COMMUNE, parent=world.province
    )
    concluded = concluded_meeting(world)
    # A room of another province invited to the meeting (by its admin).
    Invitation.objects.create(meeting=concluded.meeting, bridge_point=world.other_room)
    tasks = assign(world, concluded, item=None, units=[absent, world.other_province])
    assert sorted(t.assignee_unit.name for t in tasks) == ["Tỉnh Cao Bằng", "Xã Vắng"]


def test_the_same_conclusion_twice_to_a_unit_is_refused(world, concluded):
    assign(world, concluded, units=world.communes[:1])
    with pytest.raises(ValidationError, match=r"Nhiệm vụ này đã được giao cho: Xã Thử 1\."):
        assign(world, concluded, units=world.communes[:2])
    assert ConclusionTask.objects.count() == 1
    # Another text for the same unit is another task.
    assign(world, concluded, units=world.communes[:1], text="Báo cáo bổ sung số liệu.")
    assert ConclusionTask.objects.count() == 2


def test_bad_input_is_refused_field_by_field(world, concluded):
    with pytest.raises(ValidationError) as refused:
        task_assign(
            actor=world.organizer,
            meeting=concluded.meeting,
            agenda_item=concluded.items[0],
            conclusion="   ",
            unit_ids=[],
            deadline=in_days(-1),
        )
    today, yesterday = local_today(), in_days(-1)
    assert refused.value.message_dict == {
        "conclusion": ["Nhập nội dung nhiệm vụ (kết luận được giao)."],
        "deadline": [
            f"Hạn hoàn thành {yesterday:%d/%m/%Y} đã qua; chọn từ hôm nay "
            f"({today:%d/%m/%Y}) trở đi."
        ],
        "unit_ids": ["Chọn ít nhất một đơn vị thực hiện."],
    }


def test_a_meeting_that_has_not_run_has_no_conclusions_to_give(world, meeting):
    with pytest.raises(ValidationError, match="chưa có kết luận để giao nhiệm vụ"):
        assign(world, Concluded(meeting, []), item=None)


def test_an_item_of_another_meeting_is_refused(world, concluded):
    other = concluded_meeting(world, days=3)
    with pytest.raises(ValidationError, match="không thuộc chương trình cuộc họp"):
        task_assign(
            actor=world.organizer,
            meeting=concluded.meeting,
            agenda_item=other.items[0],
            conclusion="x",
            unit_ids=[world.communes[0].pk],
            deadline=in_days(3),
        )


# --- Report, reopen, change ---------------------------------------------------------------------


def test_the_commune_reports_done_and_the_host_is_told(world, concluded):
    task = assign(world, concluded, units=world.communes[:1])[0]
    task_complete(actor=world.delegate, task=task, report="  Đã rà soát 120 hộ nghèo.  ")
    task.refresh_from_db()
    assert (task.status, task.report, task.done_by) == (
        "done",
        "Đã rà soát 120 hộ nghèo.",
        world.delegate,
    )
    assert task.done_at is not None
    text = f"Xã Thử 1 báo cáo hoàn thành nhiệm vụ (hạn {task.deadline:%d/%m/%Y}): {CONCLUSIONS[0]}"
    for host in (world.organizer, world.chair, world.secretary):
        assert _notices(host) == [text]
    with pytest.raises(ValidationError, match="đã được báo cáo hoàn thành lúc"):
        task_complete(actor=world.operator, task=task, report="Lần nữa")


def test_a_late_report_says_so(world, concluded):
    task = make_overdue(assign(world, concluded, units=world.communes[:1])[0])
    task_complete(actor=world.operator, task=task, report="Xong, chậm do mưa lũ.")
    assert "(quá hạn" in _notices(world.chair)[0]


@pytest.mark.parametrize("who", ["organizer", "chair", "outsider", "province_delegate", "guest"])
def test_only_staff_of_the_assigned_unit_report(world, concluded, who):
    task = assign(world, concluded, units=world.communes[:1])[0]
    actor = {
        "province_delegate": lambda: make_user("pd", world.province, Role.DELEGATE),
        "guest": lambda: make_user("guest", world.communes[0], Role.OBSERVER),
    }.get(who, lambda: getattr(world, who))()
    with pytest.raises(PermissionDenied, match="Chỉ cán bộ của Xã Thử 1 được báo cáo"):
        task_complete(actor=actor, task=task, report="Xong")
    assert ConclusionTask.objects.get().status == "open"


def test_a_report_is_required(world, concluded):
    task = assign(world, concluded, units=world.communes[:1])[0]
    with pytest.raises(ValidationError) as refused:
        task_complete(actor=world.delegate, task=task, report=" \n ")
    assert refused.value.message_dict == {"report": ["Nhập báo cáo kết quả thực hiện."]}


def test_the_host_reopens_a_report_and_the_commune_is_told_why(world, concluded):
    task = assign(world, concluded, units=world.communes[:1])[0]
    with pytest.raises(ValidationError, match="không cần mở lại"):
        task_reopen(actor=world.organizer, task=task)
    task_complete(actor=world.delegate, task=task, report="Xong")
    with pytest.raises(PermissionDenied):
        task_reopen(actor=world.delegate, task=task)
    task_reopen(actor=world.chair, task=task, reason="Thiếu số liệu xã Thử 1")
    task.refresh_from_db()
    assert (task.status, task.done_at, task.done_by, task.report) == ("open", None, None, "Xong")
    assert _notices(world.delegate)[-1] == (
        f"Nhiệm vụ của Xã Thử 1 được mở lại (Thiếu số liệu xã Thử 1): {CONCLUSIONS[0]}"
    )


def test_the_host_changes_text_and_deadline_of_an_open_task(world, concluded):
    task = assign(world, concluded, units=world.communes[:1])[0]
    task_update(actor=world.secretary, task=task, conclusion=" Rà soát lại. ", deadline=in_days(20))
    task.refresh_from_db()
    assert (task.conclusion, task.deadline) == ("Rà soát lại.", in_days(20))
    with pytest.raises(ValidationError, match="đã qua"):
        task_update(actor=world.organizer, task=task, deadline=in_days(-3))
    with pytest.raises(PermissionDenied):
        task_update(actor=world.delegate, task=task, deadline=in_days(30))
    task_complete(actor=world.delegate, task=task, report="Xong")
    with pytest.raises(ValidationError, match="mở lại nhiệm vụ trước khi sửa"):
        task_update(actor=world.organizer, task=task, conclusion="Khác")


def test_an_overdue_task_keeps_its_past_deadline_when_only_the_text_changes(world, concluded):
    task = make_overdue(assign(world, concluded, units=world.communes[:1])[0])
    task_update(actor=world.organizer, task=task, conclusion="Sửa chữ", deadline=task.deadline)
    task.refresh_from_db()
    assert task.conclusion == "Sửa chữ" and task.deadline == in_days(-2)


# --- Carry over -------------------------------------------------------------------------------


def test_carry_over_adds_one_review_item_to_the_next_meeting(world, concluded):
    tasks = assign(world, concluded, units=world.communes[:2])
    target = later_meeting(world)
    agenda_item_count = AgendaItem.objects.filter(meeting=target).count()
    item = task_carry_over(actor=world.organizer, tasks=tasks, meeting=target)
    day = f"{concluded.meeting.start:%d/%m/%Y}"
    assert item.title == (
        f"Kiểm điểm việc thực hiện kết luận cuộc họp “Giao ban tuần” ngày {day}: Xã Thử 1, Xã Thử 2"
    )
    assert (item.meeting_id, item.position) == (target.pk, agenda_item_count + 1)
    assert item.presenter_unit_id == world.province.pk
    assert set(item.carried_tasks.values_list("pk", flat=True)) == {t.pk for t in tasks}


def test_carry_over_refusals(world, concluded):
    tasks = assign(world, concluded, units=world.communes[:2])
    live = bare_meeting(world, days=3, status=Meeting.Status.LIVE)
    with pytest.raises(ValidationError, match="đã bắt đầu, đã kết thúc hoặc đã hủy"):
        task_carry_over(actor=world.organizer, tasks=tasks, meeting=live)
    before = bare_meeting(world, days=1, hour=7)  # an hour before the concluded meeting
    with pytest.raises(ValidationError, match="không diễn ra sau cuộc họp “Giao ban tuần”"):
        task_carry_over(actor=world.organizer, tasks=tasks, meeting=before)
    with pytest.raises(ValidationError, match="Chọn ít nhất một nhiệm vụ"):
        task_carry_over(actor=world.organizer, tasks=[], meeting=later_meeting(world))
    assert not AgendaItem.objects.filter(meeting__in=[live, before]).exists()
    assert not ConclusionTask.objects.filter(carried_to__isnull=False).exists()


def test_carry_over_to_another_host_or_by_a_commune_is_refused(world, concluded):
    tasks = assign(world, concluded, units=world.communes[:1])
    theirs = bare_meeting(world, days=9, host=world.other_province)
    with pytest.raises(PermissionDenied):
        task_carry_over(actor=world.organizer, tasks=tasks, meeting=theirs)
    with pytest.raises(ValidationError, match="do đơn vị chủ trì khác giao"):
        task_carry_over(actor=make_user("root", is_superuser=True), tasks=tasks, meeting=theirs)
    with pytest.raises(PermissionDenied):
        task_carry_over(actor=world.delegate, tasks=tasks, meeting=later_meeting(world))


def test_done_or_already_carried_tasks_are_not_carried_again(world, concluded):
    first, second = assign(world, concluded, units=world.communes[:2])
    task_complete(actor=world.delegate, task=first, report="Xong")
    target = later_meeting(world)
    with pytest.raises(ValidationError) as refused:
        task_carry_over(actor=world.organizer, tasks=[first, second], meeting=target)
    assert refused.value.message_dict == {"task_ids": ["Nhiệm vụ của Xã Thử 1 đã hoàn thành."]}
    task_carry_over(actor=world.organizer, tasks=[second], meeting=target)
    again = later_meeting(world, days=15, title="Giao ban tháng")
    with pytest.raises(
        ValidationError, match="đã được đưa vào chương trình cuộc họp “Giao ban tuần sau”"
    ):
        task_carry_over(actor=world.organizer, tasks=[second], meeting=again)
    # Once that meeting has run without settling it, the task may go on to the next one.
    Meeting.objects.filter(pk=target.pk).update(status=Meeting.Status.ENDED)
    item = task_carry_over(actor=world.organizer, tasks=[second], meeting=again)
    second.refresh_from_db()
    assert second.carried_to == item


# --- Who sees what -------------------------------------------------------------------------------


def test_each_side_sees_its_own_tasks(world, concluded):
    assign(world, concluded)
    everything = {c.name for c in world.communes}

    def units(user, side=""):
        listed = tasks_listed(user, TaskFilters(), local_today(), side=side)
        return {t.assignee_unit.name for t in listed}

    assert units(world.organizer) == units(world.chair) == units(world.secretary) == everything
    assert units(world.organizer, "host") == everything and units(world.organizer, "mine") == set()
    assert units(world.delegate) == units(world.operator) == {"Xã Thử 1"}
    assert units(world.delegate, "mine") == {"Xã Thử 1"} and units(world.delegate, "host") == set()
    assert units(world.outsider) == units(world.other_organizer) == set()
    assert units(commune_staff(world, 1, "chu_tich_xa2", Role.CHAIR)) == {"Xã Thử 2"}
    # Staff of a unit see the tasks of the units below it.
    assert units(make_user("pd", world.province, Role.DELEGATE)) == everything
    assert units(make_user("guest", world.communes[0], Role.OBSERVER)) == set()


def test_a_commune_not_invited_still_sees_the_task_it_was_given(world):
    concluded = concluded_meeting(world, days=4)
    Invitation.objects.filter(meeting=concluded.meeting, bridge_point=world.rooms[1]).delete()
    assign(world, concluded, units=[world.communes[1]])
    staff = commune_staff(world, 1, "can_bo_xa2")
    assert not task_scope(staff).is_host
    assert list(tasks_visible_to(staff).values_list("assignee_unit__name", flat=True)) == [
        "Xã Thử 2"
    ]
