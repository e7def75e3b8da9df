"""manage.py flag_overdue_tasks: the host hears once of each task past its deadline."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from agenda.models import Notice
from agenda.services.tasks import task_complete, task_update
from tests.agenda.tasks_support import CONCLUSIONS, assign, concluded_meeting, in_days
from tests.world import make_user


def flag(day) -> str:
    out = StringIO()
    call_command("flag_overdue_tasks", "--date", f"{day:%d/%m/%Y}", stdout=out)
    return out.getvalue().strip()


def notices() -> list[tuple[str, str, str]]:
    return list(
        Notice.objects.order_by("user__username", "url").values_list(
            "user__username", "url", "text"
        )
    )


@pytest.fixture
def tasks(world):
    """Tasks for the three communes due in 7 days; Xã Thử 3 has reported."""
    concluded = concluded_meeting(world)
    made = assign(world, concluded, days=7)
    Notice.objects.all().delete()  # the communes' "you were given a task" notices
    task_complete(
        actor=make_user("xa3", world.communes[2], "delegate"), task=made[2], report="Xong"
    )
    Notice.objects.all().delete()  # the host's "done" notices
    return made


def test_nothing_is_overdue_on_the_deadline_itself(world, tasks):
    assert flag(in_days(7)).endswith("0 nhiệm vụ quá hạn, 0 nhiệm vụ mới báo, 0 thông báo đã gửi.")
    assert notices() == []


def test_the_host_is_told_once_of_each_overdue_task(world, tasks):
    day = in_days(8)
    output = flag(day)
    assert output == (
        f"Ngày {day:%d/%m/%Y}: 2 nhiệm vụ quá hạn, 2 nhiệm vụ mới báo, 6 thông báo đã gửi."
    )
    deadline = f"{in_days(7):%d/%m/%Y}"
    expected = []
    for username in ("chair", "organizer", "secretary"):
        for task, unit in zip(tasks[:2], ("Xã Thử 1", "Xã Thử 2"), strict=True):
            expected.append(
                (
                    username,
                    f"/tasks/{task.pk}/?qua-han={in_days(7).isoformat()}",
                    f"Quá hạn: {unit} chưa hoàn thành nhiệm vụ hạn {deadline}: {CONCLUSIONS[0]}",
                )
            )
    assert notices() == expected
    # Again the same day, and the days after: nothing new.
    assert flag(day).endswith("2 nhiệm vụ quá hạn, 0 nhiệm vụ mới báo, 0 thông báo đã gửi.")
    assert flag(in_days(30)).endswith("0 thông báo đã gửi.")
    assert len(notices()) == 6


def test_a_new_deadline_that_passes_is_told_again(world, tasks):
    flag(in_days(8))
    task_update(actor=world.organizer, task=tasks[0], deadline=in_days(20))
    assert flag(in_days(20)).endswith("1 nhiệm vụ quá hạn, 0 nhiệm vụ mới báo, 0 thông báo đã gửi.")
    assert flag(in_days(21)).endswith("2 nhiệm vụ quá hạn, 1 nhiệm vụ mới báo, 3 thông báo đã gửi.")
    latest = Notice.objects.filter(url__endswith=in_days(20).isoformat())
    assert sorted(latest.values_list("user__username", flat=True)) == [
        "chair",
        "organizer",
        "secretary",
    ]


def test_inactive_people_are_not_told(world, tasks):
    world.chair.is_active = False
    world.chair.save()
    assert flag(in_days(8)).endswith("4 thông báo đã gửi.")
    assert not Notice.objects.filter(user=world.chair).exists()


def test_the_notice_opens_the_task(world, tasks):
    flag(in_days(8))
    notice = Notice.objects.filter(user=world.secretary).order_by("pk").first()
    client = Client()
    client.force_login(world.secretary)
    response = client.get(f"/notices/{notice.pk}/open/")
    assert response.status_code == 302 and response["Location"] == notice.url
    assert client.get(notice.url).status_code == 200


def test_a_bad_date_is_refused(db):
    with pytest.raises(CommandError, match="Ngày không hợp lệ: 32/13/2026"):
        call_command("flag_overdue_tasks", "--date", "32/13/2026", stdout=StringIO())


def test_today_is_the_default(world, tasks):
    out = StringIO()
    call_command("flag_overdue_tasks", stdout=out)
    assert "0 nhiệm vụ quá hạn" in out.getvalue()
