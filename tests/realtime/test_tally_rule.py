"""The rule that decides a vote and each option's share: worked by hand, then by property."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from realtime.hub import tally_interval
from realtime.tally import HALF_MEMBERS, HALF_PRESENT, TWO_THIRDS, passes, percentages

RULES = [HALF_PRESENT, HALF_MEMBERS, TWO_THIRDS]


def test_more_than_half_of_those_present():
    # 10 present: 5 in favour is exactly half, not more.
    assert not passes(HALF_PRESENT, [5, 3, 2], members=30, present=10)
    assert passes(HALF_PRESENT, [6, 4, 0], members=30, present=10)
    # 9 present: 5 is more than 4.5.
    assert passes(HALF_PRESENT, [5, 4, 0], members=30, present=9)
    # Those present who did not vote count against.
    assert not passes(HALF_PRESENT, [5, 0, 0], members=30, present=10)


def test_more_than_half_of_all_members_ignores_who_came():
    assert not passes(HALF_MEMBERS, [10, 1, 1], members=20, present=12)
    assert passes(HALF_MEMBERS, [11, 1, 0], members=20, present=12)
    assert passes(HALF_MEMBERS, [11, 0, 0], members=21, present=11)


def test_two_thirds_of_all_members_counts_exactly_two_thirds():
    assert passes(TWO_THIRDS, [20, 10, 0], members=30, present=30)
    assert not passes(TWO_THIRDS, [19, 11, 0], members=30, present=30)
    # 10 members: two thirds is 6.67, so 7 are needed.
    assert passes(TWO_THIRDS, [7, 0, 0], members=10, present=7)
    assert not passes(TWO_THIRDS, [6, 0, 4], members=10, present=10)


def test_a_vote_nobody_approved_never_passes():
    assert not passes(TWO_THIRDS, [0, 0, 0], members=0, present=0)
    assert not passes(HALF_PRESENT, [0, 3, 0], members=0, present=0)
    assert not passes(HALF_MEMBERS, [], members=0, present=0)


def test_an_unknown_rule_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown rule"):
        passes("unanimous", [1, 0], members=1, present=1)


def test_shares_of_the_votes_cast_to_two_decimals():
    assert percentages([2, 1, 0]) == [Decimal("66.67"), Decimal("33.33"), Decimal("0.00")]
    assert percentages([1, 7]) == [Decimal("12.50"), Decimal("87.50")]
    # 1/32 = 3.125 %: half rounds up, as people round.
    assert percentages([1, 31]) == [Decimal("3.13"), Decimal("96.88")]
    assert percentages([0, 0, 0]) == [Decimal("0.00")] * 3


counts_lists = st.lists(st.integers(min_value=0, max_value=500), min_size=2, max_size=10)


@given(
    rule=st.sampled_from(RULES),
    counts=counts_lists,
    absent=st.integers(min_value=0, max_value=100),
    away=st.integers(min_value=0, max_value=100),
    data=st.data(),
)
def test_only_the_first_option_decides(rule, counts, absent, away, data):
    """Reordering the other options, or moving votes among them, never changes the result."""
    present = sum(counts) + absent
    members = present + away
    outcome = passes(rule, counts, members=members, present=present)
    reordered = data.draw(st.permutations(counts[1:]))
    others = sum(counts[1:])
    cut = data.draw(st.integers(min_value=0, max_value=others))
    moved = [cut, others - cut]
    for rest in (reordered, moved):
        assert passes(rule, [counts[0], *rest], members=members, present=present) == outcome


@given(
    rule=st.sampled_from(RULES),
    counts=counts_lists,
    absent=st.integers(min_value=0, max_value=100),
    away=st.integers(min_value=0, max_value=100),
)
def test_one_more_vote_in_favour_never_fails_a_passing_vote(rule, counts, absent, away):
    present = sum(counts) + absent
    members = present + away
    if passes(rule, counts, members=members, present=present):
        more = [counts[0] + 1, *counts[1:]]
        assert passes(rule, more, members=members + 1, present=present + 1)


@given(counts=counts_lists)
def test_shares_add_up_to_the_whole(counts):
    shares = percentages(counts)
    assert len(shares) == len(counts)
    assert all(Decimal(0) <= share <= Decimal(100) for share in shares)
    if sum(counts):
        # Each share is off by at most half a hundredth.
        assert abs(sum(shares) - 100) <= Decimal("0.005") * len(counts)


def test_a_small_room_sees_tallies_sooner_than_a_full_one():
    # Twenty screens follow every vote within 20 ms; a thousand get five tallies a second,
    # since each tally there costs the loop ~70 ms of writes.
    assert tally_interval(20) == tally_interval(100) == 0.02
    assert tally_interval(1000) == tally_interval(5000) == 0.2
    assert tally_interval(100) < tally_interval(300) < tally_interval(1000)
