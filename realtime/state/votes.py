"""Polls, their tallies and results, the choices of closed named polls, and the viewer's own
votes.

While a secret poll is open nobody sees its counts, only how many took part: each change of
a count next to who had just voted would tell who chose what. The counts appear once closed.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from meetings.models import Meeting
from realtime import events, tally
from realtime.access import RoomAccess
from realtime.models import OptionCount, Poll, Vote


def counts_shown(poll: Poll) -> bool:
    return not (poll.secret and poll.status == Poll.Status.OPEN)


def rooms_voted_for(access: RoomAccess) -> set[int]:
    """Bridge points whose one vote this user casts: the rooms they operate, and the main
    room for the host's staff."""
    rooms = set(access.operated_rooms)
    if access.is_host_staff:
        rooms.add(access.meeting.main_bridge_point_id)
    return rooms


def _counts_by_poll(poll_ids: Iterable[int]) -> dict[int, list[int]]:
    rows = (
        OptionCount.objects.filter(poll_id__in=list(poll_ids))
        .order_by("poll_id", "option")
        .values_list("poll_id", "count")
    )
    counts: dict[int, list[int]] = defaultdict(list)
    for poll_id, count in rows:
        counts[poll_id].append(count)
    return counts


def choices_published(poll: Poll) -> bool:
    """Named votes publish each person's choice once the poll closes; secret ones never."""
    return not poll.secret and poll.status == Poll.Status.CLOSED


def poll_out(poll: Poll, counts: list[int]) -> events.PollOut:
    closed = poll.status == Poll.Status.CLOSED
    return events.PollOut(
        id=poll.pk,
        item_id=poll.item_id,
        question=poll.question,
        options=list(poll.options),
        secret=poll.secret,
        electorate=poll.electorate,
        rule=poll.rule,
        status=poll.status,
        opened_at=poll.opened_at,
        closed_at=poll.closed_at,
        counts=counts if counts_shown(poll) else [],
        total=sum(counts),
        percents=[float(share) for share in tally.percentages(counts)] if closed else [],
        members=poll.members_count,
        present=poll.present_count,
        passed=poll.passed,
        # Each vote is one Vote row that raised one counter in the same transaction (a cast
        # racing the close is undone whole), so a closed poll's total is its number of choices.
        choices_count=sum(counts) if choices_published(poll) else 0,
    )


def _outs(polls: list[Poll]) -> list[events.PollOut]:
    counts = _counts_by_poll(poll.pk for poll in polls)
    return [poll_out(poll, counts.get(poll.pk, [])) for poll in polls]


def poll_state(poll: Poll) -> events.PollOut:
    """One poll, for its `poll.updated` event."""
    return _outs([poll])[0]


def polls(meeting: Meeting) -> list[events.PollOut]:
    return _outs(list(Poll.objects.filter(meeting=meeting).order_by("pk")))


def _tally(poll: Poll, counts: list[int]) -> events.PollTally:
    return events.PollTally(
        poll_id=poll.pk, counts=counts if counts_shown(poll) else [], total=sum(counts)
    )


def poll_tally(poll: Poll) -> events.PollTally:
    """The poll's counts as they stand (one query: the hot path after every vote)."""
    return _tally(poll, _counts_by_poll([poll.pk]).get(poll.pk, []))


def open_tallies(meeting: Meeting) -> list[events.PollTally]:
    """Current counts of the open polls (sent after a replay: tallies are not in the log)."""
    open_polls = list(Poll.objects.filter(meeting=meeting, status=Poll.Status.OPEN).order_by("pk"))
    counts = _counts_by_poll(poll.pk for poll in open_polls)
    return [_tally(poll, counts.get(poll.pk, [])) for poll in open_polls]


def poll_or_404(poll: Poll | None) -> Poll:
    """The poll read for the meeting, or the answer that it has none by that id."""
    if poll is None:
        raise Http404(_("Không tìm thấy biểu quyết này trong cuộc họp."))
    return poll


def poll_choices(access: RoomAccess, poll_id: int) -> list[events.NamedChoiceOut]:
    """Who chose what in a closed named poll of the meeting, by bridge point then name.

    Anyone in the room may read them: a named vote is public once closed.
    """
    poll = poll_or_404(Poll.objects.filter(meeting_id=access.meeting.pk, pk=poll_id).first())
    if poll.secret:
        raise ValidationError(
            _("Biểu quyết kín không công bố phiếu của từng người."), code="secret_poll"
        )
    if poll.status != Poll.Status.CLOSED:
        raise ValidationError(
            _("Phiếu của từng người được công bố khi biểu quyết kết thúc."),
            code="poll_not_closed",
        )
    votes = Vote.objects.filter(poll=poll).select_related("voter", "bridge_point__unit", "cast_by")
    rows = [
        (
            vote.pk,
            events.NamedChoiceOut(
                voter=vote.voter.display_name if vote.voter else "",
                bridge_point=str(vote.bridge_point) if vote.bridge_point else "",
                option=vote.option,
                cast_by=vote.cast_by.display_name if vote.cast_by else "",
            ),
        )
        for vote in votes
    ]
    rows.sort(key=lambda row: (row[1].bridge_point, row[1].voter, row[0]))
    return [choice for _pk, choice in rows]


def my_votes(access: RoomAccess) -> dict[str, object]:
    """{poll id: the option chosen, or None in a secret poll} for the polls this user voted in,
    in person or for their bridge point."""
    return my_votes_of([access])[access.user.pk]


def my_votes_of(accesses: list[RoomAccess]) -> dict[int, dict[str, object]]:
    """`my_votes` of several people of one meeting (sockets opening together), by user id,
    in one query."""
    mine: dict[int, dict[str, object]] = {access.user.pk: {} for access in accesses}
    voting_for: dict[int, list[int]] = defaultdict(list)  # room: who casts its one vote
    for access in accesses:
        for room_id in rooms_voted_for(access):
            voting_for[room_id].append(access.user.pk)
    if not accesses:
        return mine
    rows = Vote.objects.filter(poll__meeting=accesses[0].meeting).filter(
        Q(voter_id__in=list(mine)) | Q(voter__isnull=True, bridge_point_id__in=list(voting_for))
    )
    for poll_id, option, voter_id, room_id in rows.values_list(
        "poll_id", "option", "voter_id", "bridge_point_id"
    ):
        for user_id in [voter_id] if voter_id is not None else voting_for[room_id]:
            mine[user_id][str(poll_id)] = option
    return mine
