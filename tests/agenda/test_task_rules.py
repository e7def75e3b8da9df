"""Task rules without a database: Vietnam dates, overdue and due soon, board order, titles."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from agenda import task_rules
from agenda.task_rules import SourceMeeting, Urgency

TODAY = date(2026, 11, 20)


def test_deadlines_are_vietnam_dates_whatever_the_server_zone():
    # 17:30 UTC on the 20th is already 00:30 on the 21st in Vietnam.
    assert task_rules.vietnam_date(datetime(2026, 11, 20, 17, 30, tzinfo=UTC)) == date(2026, 11, 21)
    assert task_rules.vietnam_date(datetime(2026, 11, 20, 16, 59, tzinfo=UTC)) == TODAY
    with pytest.raises(ValueError):
        task_rules.vietnam_date(datetime(2026, 11, 20, 12, 0))


def test_a_task_is_on_time_all_of_its_deadline_day_and_overdue_the_next():
    assert not task_rules.is_overdue("open", TODAY, TODAY)
    assert task_rules.is_overdue("open", date(2026, 11, 19), TODAY)
    assert not task_rules.is_overdue("done", date(2026, 11, 1), TODAY)


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (date(2026, 11, 19), Urgency.OVERDUE),
        (date(2026, 11, 20), Urgency.DUE_SOON),
        (date(2026, 11, 23), Urgency.DUE_SOON),
        (date(2026, 11, 24), Urgency.OPEN),
    ],
)
def test_due_soon_means_three_days_or_fewer(deadline, expected):
    assert task_rules.urgency("open", deadline, TODAY) is expected
    assert task_rules.is_due_soon("open", deadline, TODAY) is (expected is Urgency.DUE_SOON)
    assert task_rules.urgency("done", deadline, TODAY) is Urgency.DONE


def test_labels_say_how_late_or_how_long_is_left():
    assert task_rules.urgency_label("open", date(2026, 11, 17), TODAY) == "Trễ 3 ngày"
    assert task_rules.urgency_label("open", TODAY, TODAY) == "Hạn hôm nay"
    assert task_rules.urgency_label("open", date(2026, 11, 22), TODAY) == "Còn 2 ngày"
    assert task_rules.urgency_label("done", date(2026, 11, 17), TODAY) == ""
    assert task_rules.due_soon_until(TODAY) == date(2026, 11, 23)


@dataclass
class Row:
    pk: int
    status: str
    deadline: date
    done_at: datetime | None = None


def test_board_order_puts_the_longest_overdue_first_and_finished_work_last():
    rows = [
        Row(1, "open", date(2026, 12, 30)),
        Row(2, "done", date(2026, 11, 1), datetime(2026, 11, 10, tzinfo=UTC)),
        Row(3, "open", date(2026, 11, 18)),
        Row(4, "open", date(2026, 11, 21)),
        Row(5, "open", date(2026, 11, 2)),
        Row(6, "done", date(2026, 11, 30), datetime(2026, 11, 15, tzinfo=UTC)),
        Row(7, "open", date(2026, 11, 21)),
    ]
    ordered = task_rules.board_order(rows, today=TODAY)
    assert [r.pk for r in ordered] == [5, 3, 4, 7, 1, 6, 2]


@pytest.mark.parametrize(
    "text", ["05/12/2026", "5/12/2026", "05-12-2026", "05.12.2026", "2026-12-05"]
)
def test_deadlines_are_typed_day_first(text):
    assert task_rules.parse_deadline(f" {text} ") == date(2026, 12, 5)


@pytest.mark.parametrize("text", ["", "12/31/2026", "31/02/2026", "mai", "2026/12/05"])
def test_what_is_not_a_date_is_none(text):
    assert task_rules.parse_deadline(text) is None


def test_deadline_errors_speak_vietnamese():
    assert task_rules.deadline_errors(TODAY, TODAY) == []
    assert task_rules.deadline_errors(None, TODAY) == ["Nhập hạn hoàn thành theo dạng dd/mm/yyyy."]
    assert task_rules.deadline_errors(date(2026, 11, 19), TODAY) == [
        "Hạn hoàn thành 19/11/2026 đã qua; chọn từ hôm nay (20/11/2026) trở đi."
    ]
    assert task_rules.deadline_errors(date(2040, 1, 1), TODAY) == [
        "Hạn hoàn thành quá xa (sau năm 2036)."
    ]


def test_carry_over_title_names_the_meeting_and_the_units():
    title = task_rules.carry_over_title(
        [SourceMeeting("Giao ban  tuần 47", date(2026, 11, 22))],
        ["Xã Thử 1", "Xã Thử 2", "Xã Thử 1"],
    )
    assert title == (
        "Kiểm điểm việc thực hiện kết luận cuộc họp “Giao ban tuần 47” ngày 22/11/2026: "
        "Xã Thử 1, Xã Thử 2"
    )


def test_carry_over_title_fits_an_agenda_item():
    many = [f"Xã Thử nghiệm số {i}" for i in range(40)]
    sources = [SourceMeeting("Giao ban", date(2026, 11, d)) for d in (1, 8)]
    title = task_rules.carry_over_title(sources, many)
    assert title == "Kiểm điểm việc thực hiện kết luận của 2 cuộc họp trước (40 đơn vị)"
    long_title = task_rules.carry_over_title([SourceMeeting("Họp " * 120, TODAY)], many)
    assert len(long_title) == task_rules.TITLE_MAX and long_title.endswith("…")


def test_clip_keeps_notices_to_one_short_line():
    assert task_rules.clip("a\n b  c", 10) == "a b c"
    assert task_rules.clip("x" * 20, 10) == "x" * 9 + "…"
