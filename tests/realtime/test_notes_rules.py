"""When a note save goes through, changes nothing, or is a conflict (no database)."""

from realtime.services.notes import Outcome, save_outcome


def test_a_save_on_the_current_version_goes_through():
    outcome = save_outcome(current_version=3, current_text="a", base_version=3, text="ab")
    assert outcome is Outcome.SAVE


def test_a_save_on_an_older_version_is_a_conflict():
    outcome = save_outcome(current_version=4, current_text="a b", base_version=3, text="ab")
    assert outcome is Outcome.CONFLICT


def test_a_version_the_server_never_gave_is_a_conflict():
    outcome = save_outcome(current_version=0, current_text="", base_version=2, text="ab")
    assert outcome is Outcome.CONFLICT


def test_a_resend_of_the_saved_text_changes_nothing_whatever_its_version():
    for base in (1, 4):
        outcome = save_outcome(current_version=4, current_text="ab", base_version=base, text="ab")
        assert outcome is Outcome.UNCHANGED


def test_the_first_save_of_a_new_note():
    outcome = save_outcome(current_version=0, current_text="", base_version=0, text="Khai mạc")
    assert outcome is Outcome.SAVE
