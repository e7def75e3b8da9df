"""The quorum rule, worked by hand: at least the percentage of members, rounded up."""

from realtime.quorum import Quorum, needed_present, quorum


def test_nineteen_of_thirty_at_half_is_a_quorum():
    assert quorum(members=30, present=19, percent=50) == Quorum(
        members=30, present=19, percent=50, needed=15, met=True
    )


def test_exactly_the_needed_number_is_enough_and_one_less_is_not():
    assert quorum(members=30, present=15, percent=50).met
    assert not quorum(members=30, present=14, percent=50).met


def test_the_needed_number_rounds_up():
    assert needed_present(3, 66) == 2  # 1.98 people
    assert needed_present(3, 67) == 3  # 2.01 people
    assert needed_present(31, 50) == 16  # 15.5 people
    assert needed_present(20, 100) == 20


def test_no_members_is_never_a_quorum():
    assert quorum(members=0, present=0, percent=50) == Quorum(
        members=0, present=0, percent=50, needed=0, met=False
    )


def test_two_thirds_of_a_commune_council():
    counted = quorum(members=25, present=16, percent=67)
    assert (counted.needed, counted.met) == (17, False)
