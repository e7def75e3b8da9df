"""The API answers in Vietnamese, or in English when the client asks (Accept-Language: en)."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.meetings.api_support import ApiClient, meeting_body

ENGLISH = {"Accept-Language": "en"}
ENGLISH_CATALOGUE = Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.mo"


def test_vietnamese_by_default(world):
    response = ApiClient(world.organizer).get("/api/meetings/987654")
    assert response["Content-Language"] == "vi"
    assert response.json() == {"detail": "Không tìm thấy cuộc họp."}


def test_accept_language_en_selects_english(world):
    response = ApiClient(world.organizer, headers=ENGLISH).get("/api/meetings/987654")
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.skipif(not ENGLISH_CATALOGUE.exists(), reason="locale/en not compiled yet")
def test_refusals_are_translated_to_english(world):
    client = ApiClient(world.organizer, headers=ENGLISH)
    not_found = client.get("/api/meetings/987654").json()["detail"]
    refused = client.post("/api/meetings", meeting_body(world, title=" ", chair_id="x")).json()
    # The wording is the translators'; what matters is that no Vietnamese is left.
    for message in (not_found, refused["detail"], *refused["errors"]["chair_id"]):
        assert message.isascii(), message
