"""Votes (biểu quyết): the chair prepares, opens and closes polls; delegates or rooms vote.

The chair's actions lock the meeting like every other change of the room. Casting is the hot
path (every delegate at once): it takes no meeting lock and writes no numbered event. Two
casts for one voter are settled by the unique constraints on `Vote`; a cast racing the close
is settled by the close locking the counters and the cast re-reading the status after raising
its counter, so a closed poll's counts never move again.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting, Participant
from realtime import events, tally
from realtime.access import RoomAccess
from realtime.eventlog import emit, emit_after_commit
from realtime.models import OptionCount, Poll, RollCallEntry, Vote
from realtime.services.common import lock_room, meeting_item
from realtime.services.room import not_live_refusal, require_live
from realtime.state import presence as presence_state
from realtime.state import votes as votes_state

# The standard wording of a vote; stored with the poll as data, so never translated.
DEFAULT_OPTIONS = ("Tán thành", "Không tán thành", "Không biểu quyết")
MIN_OPTIONS, MAX_OPTIONS = 2, 10
MAX_OPTION_LENGTH = 200
MAX_QUESTION_LENGTH = 500
EDITABLE = frozenset({"question", "options", "secret", "electorate", "rule", "item_id"})


def _poll(access: RoomAccess, poll_id: int) -> Poll:
    polls = Poll.objects.select_related("meeting").filter(meeting_id=access.meeting.pk, pk=poll_id)
    return votes_state.poll_or_404(polls.first())


def _require_preparable(meeting: Meeting) -> None:
    if meeting.status not in (Meeting.Status.SCHEDULED, Meeting.Status.LIVE):
        raise ValidationError(
            _("Chỉ chuẩn bị biểu quyết cho cuộc họp đã lên lịch hoặc đang họp."),
            code="wrong_status",
        )


def _require_draft(poll: Poll) -> None:
    if poll.status != Poll.Status.DRAFT:
        raise ValidationError(
            _("Biểu quyết đã mở thì không sửa hay xóa được nữa."), code="not_draft"
        )


def _option_errors(options: list[str]) -> list[str]:
    errors = []
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        errors.append(
            _("Cần từ %(min)s đến %(max)s phương án.") % {"min": MIN_OPTIONS, "max": MAX_OPTIONS}
        )
    if any(not 1 <= len(option) <= MAX_OPTION_LENGTH for option in options):
        errors.append(_("Mỗi phương án có từ 1 đến %(max)s ký tự.") % {"max": MAX_OPTION_LENGTH})
    seen: set[str] = set()
    for option in options:
        if option.casefold() in seen:
            errors.append(
                _("Các phương án không được trùng nhau: “%(option)s”.") % {"option": option}
            )
            break
        seen.add(option.casefold())
    return errors


def _settle(poll: Poll, meeting: Meeting, fields: dict[str, Any]) -> None:
    """Set the given fields on the poll, refusing what is wrong field by field."""
    errors: dict[str, list[str]] = {}
    if "question" in fields:
        poll.question = fields["question"].strip()
        if not 1 <= len(poll.question) <= MAX_QUESTION_LENGTH:
            errors["question"] = [
                _("Nội dung biểu quyết có từ 1 đến %(max)s ký tự.") % {"max": MAX_QUESTION_LENGTH}
            ]
    if "options" in fields:
        poll.options = [option.strip() for option in fields["options"] or DEFAULT_OPTIONS]
        if problems := _option_errors(poll.options):
            errors["options"] = problems
    if "secret" in fields:
        poll.secret = bool(fields["secret"])
    if "electorate" in fields:
        poll.electorate = fields["electorate"]
        if poll.electorate not in Poll.Electorate.values:
            errors["electorate"] = [_("Chọn đại biểu có mặt, hoặc mỗi điểm cầu một phiếu.")]
    if "rule" in fields:
        poll.rule = fields["rule"]
        if poll.rule not in Poll.Rule.values:
            errors["rule"] = [_("Điều kiện thông qua không hợp lệ.")]
    if "item_id" in fields:
        try:
            poll.item = meeting_item(meeting, fields["item_id"])
        except ValidationError as refused:
            errors.update(refused.message_dict)
    if errors:
        raise ValidationError(errors)


def _emit_poll(poll: Poll) -> None:
    emit(poll.meeting_id, events.PollUpdated(poll=votes_state.poll_state(poll)))


@transaction.atomic
def poll_create(
    *,
    access: RoomAccess,
    question: str,
    options: list[str] | None = None,
    secret: bool = False,
    electorate: str = Poll.Electorate.DELEGATES,
    rule: str = Poll.Rule.HALF_PRESENT,
    item_id: int | None = None,
) -> Poll:
    """A draft poll, prepared before the meeting or on the spot."""
    access.require(access.may_preside, _("Chỉ chủ trì được chuẩn bị biểu quyết."))
    meeting, _state = lock_room(access.meeting.pk)
    _require_preparable(meeting)
    poll = Poll(meeting=meeting, created_by=access.user)
    fields = {"question": question, "options": options, "secret": secret}
    _settle(poll, meeting, {**fields, "electorate": electorate, "rule": rule, "item_id": item_id})
    poll.save()
    _emit_poll(poll)
    return poll


@transaction.atomic
def poll_update(*, access: RoomAccess, poll_id: int, **changes: Any) -> Poll:
    """Change a draft: only the fields given (any of `EDITABLE`); `options=None` restores the
    standard options and `item_id=None` detaches the poll from its agenda item."""
    if unknown := set(changes) - EDITABLE:
        raise TypeError(f"poll_update() cannot change {sorted(unknown)}")
    access.require(access.may_preside, _("Chỉ chủ trì được sửa biểu quyết."))
    meeting, _state = lock_room(access.meeting.pk)
    _require_preparable(meeting)
    poll = _poll(access, poll_id)
    _require_draft(poll)
    _settle(poll, meeting, changes)
    poll.save()
    _emit_poll(poll)
    return poll


@transaction.atomic
def poll_delete(*, access: RoomAccess, poll_id: int) -> None:
    access.require(access.may_preside, _("Chỉ chủ trì được xóa biểu quyết."))
    meeting, _state = lock_room(access.meeting.pk)
    poll = _poll(access, poll_id)
    _require_draft(poll)
    poll.delete()
    emit(meeting.pk, events.PollRemoved(poll_id=poll_id))


@transaction.atomic
def poll_open(*, access: RoomAccess, poll_id: int) -> Poll:
    """Open the vote (one at a time); opening twice changes nothing."""
    access.require(access.may_preside, _("Chỉ chủ trì được mở biểu quyết."))
    meeting, _state = lock_room(access.meeting.pk)
    poll = _poll(access, poll_id)
    if poll.status == Poll.Status.OPEN:
        return poll
    if poll.status == Poll.Status.CLOSED:
        raise ValidationError(
            _("Biểu quyết này đã kết thúc; không mở lại được."), code="poll_closed"
        )
    require_live(meeting)
    other = Poll.objects.filter(meeting=meeting, status=Poll.Status.OPEN).first()
    if other is not None:
        raise ValidationError(
            _(
                "Đang biểu quyết “%(question)s”: hãy kết thúc biểu quyết đó "
                "trước khi mở biểu quyết khác."
            )
            % {"question": other.question},
            code="another_open",
        )
    OptionCount.objects.bulk_create(
        OptionCount(poll=poll, option=option) for option in range(len(poll.options))
    )
    poll.status = Poll.Status.OPEN
    poll.opened_at = timezone.now()
    poll.save(update_fields=["status", "opened_at"])
    _emit_poll(poll)
    return poll


def _turnout(meeting: Meeting, poll: Poll) -> tuple[int, int]:
    """The members of the poll's electorate, and how many of them were present at its close:
    marked present in the roll call (rooms: checked in), or having voted."""
    votes = Vote.objects.filter(poll=poll)
    if poll.electorate == Poll.Electorate.DELEGATES:
        members = presence_state.delegate_ids(meeting)
        present = presence_state.present_user_ids(meeting) & members
        voted = set(votes.values_list("voter_id", flat=True))
    else:
        invited = meeting.invitations.values_list("bridge_point_id", flat=True)
        members = {meeting.main_bridge_point_id, *invited}
        present = presence_state.checked_in_room_ids(meeting) & members
        voted = set(votes.values_list("bridge_point_id", flat=True))
    return len(members), len(present | voted)


@transaction.atomic
def poll_close(*, access: RoomAccess, poll_id: int) -> Poll:
    """Close the vote and fix its result; closing twice changes nothing."""
    access.require(access.may_preside, _("Chỉ chủ trì được kết thúc biểu quyết."))
    meeting, _state = lock_room(access.meeting.pk)
    poll = _poll(access, poll_id)
    if poll.status == Poll.Status.CLOSED:
        return poll
    if poll.status == Poll.Status.DRAFT:
        raise ValidationError(_("Biểu quyết này chưa mở."), code="poll_not_open")
    # Locking the counters waits for the casts that raised one and have not committed yet;
    # a cast that comes after finds the poll closed (vote_cast re-reads it) and is undone.
    counts = list(
        OptionCount.objects.select_for_update()
        .filter(poll=poll)
        .order_by("option")
        .values_list("count", flat=True)
    )
    members, present = _turnout(meeting, poll)
    poll.status = Poll.Status.CLOSED
    poll.closed_at = timezone.now()
    poll.members_count, poll.present_count = members, present
    poll.passed = tally.passes(poll.rule, counts, members=members, present=present)
    poll.save(update_fields=["status", "closed_at", "members_count", "present_count", "passed"])
    _emit_poll(poll)
    return poll


# Casting is the hot path: a whole room votes within seconds. Its statements are written in
# SQL because compiling the equivalent querysets cost several times what the database takes
# to run them (on PostgreSQL a cast went from about 9 ms to under 4). Plain SQL that
# PostgreSQL and SQLite (3.35 or later, for RETURNING) both run; tables are quoted as the
# ORM quotes them. tests/realtime/test_votes_queries.py keeps the statement count down.

# The poll with, as annotations, its meeting's status and the voter's part in the meeting
# (role, room, marked absent in the roll call): everything a cast checks, in one read.
_CAST_READ = """
    SELECT poll.*, meeting.status AS meeting_status,
        voter.role AS voter_role, voter.bridge_point_id AS voter_room,
        EXISTS (
            SELECT 1 FROM "realtime_rollcallentry" roll
            WHERE roll.meeting_id = poll.meeting_id AND roll.user_id = %(voter)s
                AND roll.status = %(absent)s
        ) AS voter_absent
    FROM "realtime_poll" poll
    JOIN "meetings_meeting" meeting ON meeting.id = poll.meeting_id
    LEFT JOIN "meetings_participant" voter
        ON voter.meeting_id = poll.meeting_id AND voter.user_id = %(voter)s
    WHERE poll.id = %(poll)s AND poll.meeting_id = %(meeting)s
"""
# A second vote for the same voter (or room) hits a unique constraint of `Vote` and inserts
# nothing, without the savepoint that catching the error would need; an insert racing ours
# waits for it to commit or roll back.
_CAST_INSERT = """
    INSERT INTO "realtime_vote"
        (poll_id, voter_id, bridge_point_id, "option", cast_by_id, message_id, cast_at)
    VALUES (%s, %s, %s, %s, %s, %s, %s)
    ON CONFLICT DO NOTHING
    RETURNING id
"""
_CAST_COUNT = """
    UPDATE "realtime_optioncount" SET count = count + 1 WHERE poll_id = %s AND "option" = %s
"""
_CAST_STILL_OPEN = 'SELECT 1 FROM "realtime_poll" WHERE id = %s AND status = %s'


def _cast_poll(access: RoomAccess, poll_id: int, voter_id: int) -> Poll:
    """The poll of this meeting, annotated for the cast by `voter_id` (see `_CAST_READ`)."""
    params = {
        "poll": poll_id,
        "meeting": access.meeting.pk,
        "voter": voter_id,
        "absent": RollCallEntry.Status.ABSENT,
    }
    return votes_state.poll_or_404(next(iter(Poll.objects.raw(_CAST_READ, params)), None))


def _ballot(
    access: RoomAccess, poll: Poll, voter_id: int | None, bridge_point_id: int | None
) -> tuple[Vote, bool]:
    """The unsaved vote this message casts, and whether its voter was marked absent.

    Delegates vote for themselves, or their room's operator for them; in a poll of bridge
    points each room's operator (the host's staff for the main room) casts its one vote.
    """
    if poll.electorate == Poll.Electorate.BRIDGE_POINTS:
        if voter_id is not None:
            raise ValidationError(
                {"voter_id": [_("Biểu quyết này tính mỗi điểm cầu một phiếu, không theo người.")]}
            )
        if bridge_point_id is None:
            raise ValidationError({"bridge_point_id": [_("Chọn điểm cầu bỏ phiếu.")]})
        access.require(
            bridge_point_id in votes_state.rooms_voted_for(access),
            _("Chỉ cán bộ phụ trách điểm cầu này được bỏ phiếu cho điểm cầu."),
        )
        return Vote(poll=poll, bridge_point_id=bridge_point_id, cast_by=access.user), False
    if bridge_point_id is not None:
        raise ValidationError(
            {
                "bridge_point_id": [
                    _("Biểu quyết này do từng đại biểu bỏ phiếu, không theo điểm cầu.")
                ]
            }
        )
    voter_id = access.user.pk if voter_id is None else voter_id
    is_delegate = poll.voter_role == Participant.ParticipantRole.DELEGATE
    if voter_id != access.user.pk:
        access.require(
            is_delegate and poll.voter_room in access.operated_rooms,
            _("Chỉ cán bộ phụ trách điểm cầu được bỏ phiếu thay đại biểu dự tại điểm cầu đó."),
        )
    access.require(is_delegate, _("Chỉ đại biểu được biểu quyết."))
    vote = Vote(poll=poll, voter_id=voter_id, bridge_point_id=poll.voter_room, cast_by=access.user)
    return vote, bool(poll.voter_absent)  # SQLite answers EXISTS with 0 or 1


def _earlier(ballot: Vote) -> Vote | None:
    """The vote already cast for this ballot's voter (or room), if any."""
    if ballot.voter_id is not None:
        key = {"voter_id": ballot.voter_id}
    else:
        key = {"voter__isnull": True, "bridge_point_id": ballot.bridge_point_id}
    return Vote.objects.filter(poll_id=ballot.poll_id, **key).first()


def _refusal(poll: Poll, absent: bool, option: int) -> ValidationError | None:
    if poll.status == Poll.Status.DRAFT:
        return ValidationError(_("Biểu quyết này chưa mở."), code="poll_not_open")
    if poll.status == Poll.Status.CLOSED:
        return ValidationError(_("Biểu quyết đã kết thúc."), code="poll_closed")
    if (not_live := not_live_refusal(poll.meeting_status)) is not None:
        return not_live  # the status read with the poll: the meeting is not loaded
    if absent:
        return ValidationError(
            _("Đại biểu đã được điểm danh vắng mặt nên không biểu quyết được."), code="absent"
        )
    if not 0 <= option < len(poll.options):
        return ValidationError(
            {
                "option": [
                    _("Chọn một phương án từ 0 đến %(last)s.") % {"last": len(poll.options) - 1}
                ]
            }
        )
    return None


def _insert_once(ballot: Vote) -> bool:
    """Save the ballot unless a vote for its voter (or room) exists; whether it was saved."""
    with connection.cursor() as cursor:
        cursor.execute(
            _CAST_INSERT,
            [
                ballot.poll_id,
                ballot.voter_id,
                ballot.bridge_point_id,
                ballot.option,
                ballot.cast_by_id,
                ballot.message_id,
                connection.ops.adapt_datetimefield_value(ballot.cast_at),
            ],
        )
        row = cursor.fetchone()
    if row is None:
        return False
    ballot.pk = row[0]
    ballot._state.adding = False
    return True


def _counted(poll: Poll, option: int) -> bool:
    """Raise the option's counter; whether the poll was still open then (if not, the caller
    must roll back)."""
    with connection.cursor() as cursor:
        cursor.execute(_CAST_COUNT, [poll.pk, option])
        # Read after our counter is locked: either the close has not read the counters yet
        # and waits for us, or it has committed and this vote must not count. (A new
        # statement: under READ COMMITTED a subquery of the UPDATE would see the old status.)
        cursor.execute(_CAST_STILL_OPEN, [poll.pk, Poll.Status.OPEN])
        return cursor.fetchone() is not None


@transaction.atomic
def vote_cast(
    *,
    access: RoomAccess,
    poll_id: int,
    option: int,
    message_id: str,
    voter_id: int | None = None,
    bridge_point_id: int | None = None,
) -> Vote:
    """Record one vote; the same message again returns the vote it recorded.

    A secret poll keeps who took part (`Vote`, without the option) apart from the choice
    (`OptionCount`), so nothing stored links a person to a choice.
    """
    poll = _cast_poll(access, poll_id, access.user.pk if voter_id is None else voter_id)
    ballot, absent = _ballot(access, poll, voter_id, bridge_point_id)
    ballot.message_id = message_id
    refusal = _refusal(poll, absent, option)
    if refusal is not None:
        # A message answered before is answered the same, whatever changed since.
        earlier = _earlier(ballot)
        if earlier is not None and earlier.message_id == message_id:
            return earlier
        raise refusal
    ballot.option = None if poll.secret else option
    ballot.cast_at = timezone.now()
    if not _insert_once(ballot):
        earlier = _earlier(ballot)
        if earlier is None:  # the vote in the way was deleted since: nothing to answer with
            raise IntegrityError(f"vote for {ballot} neither inserted nor found")
        if earlier.message_id != message_id:
            raise ValidationError(
                _("Phiếu này đã được ghi nhận: mỗi đại biểu (hoặc điểm cầu) chỉ bỏ một phiếu."),
                code="already_voted",
            )
        return earlier
    if not _counted(poll, option):
        raise ValidationError(_("Biểu quyết đã kết thúc."), code="poll_closed")
    emit_after_commit(poll.meeting_id, lambda: votes_state.poll_tally(poll))
    return ballot
