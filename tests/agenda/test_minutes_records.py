"""What the minutes read of a meeting held in the live room, in a fixed number of queries."""

from agenda.minutes_records import meeting_record
from realtime.access import room_access
from realtime.models import ItemSession, LiveState, Poll, VideoSession
from realtime.services import floor, notes, presence, room, votes
from tests.agenda.minutes_support import (
    CONCLUSION,
    NAMED_QUESTION,
    NOTE,
    SECRET_QUESTION,
    hold_meeting,
    media,  # noqa: F401 (autouse fixture)
    turn_of,
)
from tests.world import World, make_user


def test_the_record_holds_the_header_people_and_times(world: World):
    held = hold_meeting(world)
    record = meeting_record(held.meeting)
    state = LiveState.objects.get(meeting=held.meeting)
    assert (record.title, record.host_unit, record.host_parent) == (
        "Họp giao ban tháng 11",
        "Tỉnh Lạng Sơn",
        "",
    )
    assert (record.place, record.number_suffix) == ("Lạng Sơn", "TLS")
    assert (record.started_at, record.ended_at) == (state.started_at, state.ended_at)
    assert (record.chair, record.secretary) == ("Nguyễn Văn Chủ", "Secretary")
    assert record.main_room == "Tỉnh Lạng Sơn — Phòng họp trực tuyến tỉnh"


def test_rooms_carry_check_in_roll_call_and_video(world: World):
    held = hold_meeting(world)
    rooms = meeting_record(held.meeting).rooms
    assert [(r.name, r.is_main, r.joined, r.headcount) for r in rooms] == [
        ("Tỉnh Lạng Sơn — Phòng họp trực tuyến tỉnh", True, True, 12),
        ("Xã Thử 1 — Hội trường UBND xã", False, True, 7),
        ("Xã Thử 2 — Hội trường UBND xã", False, True, None),
        ("Xã Thử 3 — Hội trường UBND xã", False, False, None),
    ]
    assert [(p.name, p.status, p.reason) for r in rooms for p in r.people] == [
        ("Delegate", "present", ""),
        ("Trần Thị Hai", "online", ""),
        ("Lê Văn Ba", "absent", "Đi công tác"),
    ]
    session = VideoSession.objects.get(meeting=held.meeting)
    # The meeting ended with the video still open: it counts until the end.
    assert rooms[2].first_join == session.joined_at
    assert rooms[2].last_leave is None


def test_items_carry_turns_notes_votes_and_conclusions(world: World):
    held = hold_meeting(world)
    first, second = meeting_record(held.meeting).items
    turn = turn_of(held.meeting)
    assert (first.title, first.presenter, first.notes, first.conclusion) == (
        "Báo cáo giải ngân vốn đầu tư công",
        "Delegate",
        NOTE,
        CONCLUSION,
    )
    assert [(t.name, t.room, t.topic, t.started_at, t.ended_at) for t in first.turns] == [
        ("Trần Thị Hai", "Xã Thử 2", "Đề nghị bổ sung vốn", turn.started_at, turn.ended_at)
    ]
    (named,) = first.votes
    assert (named.question, named.secret, named.passed) == (NAMED_QUESTION, False, False)
    assert (named.members_count, named.present_count, named.base) == (3, 2, 2)
    assert (named.rule, named.electorate) == ("Quá nửa số có mặt", "Đại biểu có mặt")
    assert [(o.label, o.count, o.percent) for o in named.options] == [
        ("Tán thành", 1, 50.0),
        ("Không tán thành", 1, 50.0),
        ("Không biểu quyết", 0, 0.0),
    ]
    assert [(c.name, c.room, c.option) for c in named.choices] == [
        ("Delegate", "Xã Thử 1", "Tán thành"),
        ("Trần Thị Hai", "Xã Thử 2", "Không tán thành"),
    ]
    (secret,) = second.votes
    assert (secret.question, secret.secret, secret.passed, secret.choices) == (
        SECRET_QUESTION,
        True,
        True,
        [],
    )
    assert [o.count for o in secret.options] == [2, 0, 0]


def test_percentages_follow_the_rule_base(world: World):
    """Against all members for a rule on members: 1 of 3 is 33,33%, not 100% of the votes."""
    held = hold_meeting(world, end=False)
    chair = room_access(world.chair, held.meeting.pk)
    poll = votes.poll_create(access=chair, question="Theo tổng số", rule=Poll.Rule.HALF_MEMBERS)
    votes.poll_open(access=chair, poll_id=poll.pk)
    votes.vote_cast(
        access=room_access(world.delegate, held.meeting.pk),
        poll_id=poll.pk,
        option=0,
        message_id="m1",
    )
    votes.poll_close(access=chair, poll_id=poll.pk)
    record = meeting_record(held.meeting)
    # Not tied to an item: the meeting's own.
    (members_vote,) = [v for v in record.votes if v.question == "Theo tổng số"]
    assert (members_vote.base, members_vote.base_label) == (3, "tổng số thành viên")
    assert [o.percent for o in members_vote.options] == [33.33, 0.0, 0.0]
    assert record.ended_at is None


def test_a_vote_cast_by_an_operator_names_them(world: World):
    held = hold_meeting(world, end=False)
    chair = room_access(world.chair, held.meeting.pk)
    poll = votes.poll_create(access=chair, question="Bỏ phiếu thay", item_id=held.items[1].pk)
    votes.poll_open(access=chair, poll_id=poll.pk)
    votes.vote_cast(
        access=room_access(world.operator, held.meeting.pk),
        poll_id=poll.pk,
        option=2,
        message_id="op",
        voter_id=world.delegate.pk,
    )
    votes.poll_close(access=chair, poll_id=poll.pk)
    (vote,) = [
        v for v in meeting_record(held.meeting).items[1].votes if v.question == "Bỏ phiếu thay"
    ]
    assert [(c.name, c.option, c.cast_by_operator) for c in vote.choices] == [
        ("Delegate", "Không biểu quyết", "Operator")
    ]


def test_open_polls_and_turns_never_given_are_not_recorded(world: World):
    held = hold_meeting(world, end=False)
    chair = room_access(world.chair, held.meeting.pk)
    votes.poll_create(access=chair, question="Chưa mở")
    floor.speaker_request(access=room_access(world.delegate, held.meeting.pk), topic="Chờ")
    record = meeting_record(held.meeting)
    assert "Chưa mở" not in [v.question for item in record.items for v in item.votes]
    assert "Chờ" not in [t.topic for item in record.items for t in item.turns]


def test_the_co_secretary_is_named(world: World):
    held = hold_meeting(world, end=False)
    room.room_settings_update(
        access=room_access(world.chair, held.meeting.pk), co_secretary_id=held.delegate2.pk
    )
    assert meeting_record(held.meeting).co_secretary == "Trần Thị Hai"


def test_the_record_costs_the_same_queries_however_long_the_meeting(
    world: World, django_assert_max_num_queries
):
    held = hold_meeting(world, end=False)
    with django_assert_max_num_queries(30) as small:
        meeting_record(held.meeting)
    # Many more turns, notes, votes and people.
    chair = room_access(world.chair, held.meeting.pk)
    secretary = room_access(world.secretary, held.meeting.pk)
    for i in range(6):
        person = make_user(f"extra{i}", world.communes[1])
        held.meeting.participants.create(user=person, bridge_point=world.rooms[1])
        asked = floor.speaker_request(access=room_access(person, held.meeting.pk), topic=f"Ý {i}")
        floor.speaker_grant(access=chair, request_id=asked.pk)
        room.agenda_goto(access=chair, item_id=held.items[i % 2].pk)
    presence.video_join(access=room_access(world.delegate, held.meeting.pk), participant_id="x")
    notes.note_save(
        access=secretary, item_id=held.items[1].pk, kind="note", text="b", base_version=0
    )
    for i in range(3):
        poll = votes.poll_create(access=chair, question=f"Câu {i}", item_id=held.items[0].pk)
        votes.poll_open(access=chair, poll_id=poll.pk)
        votes.vote_cast(
            access=room_access(world.delegate, held.meeting.pk),
            poll_id=poll.pk,
            option=0,
            message_id=f"c{i}",
        )
        votes.poll_close(access=chair, poll_id=poll.pk)
    assert ItemSession.objects.filter(meeting=held.meeting).count() > 3
    with django_assert_max_num_queries(len(small.captured_queries)):
        record = meeting_record(held.meeting)
    assert len([t for item in record.items for t in item.turns]) == 7
    assert len(record.items[0].votes) == 4
