"""Video tokens: the claims Jitsi's token authentication checks, signed with the app secret."""

from datetime import timedelta

import jwt
import pytest
from django.http import Http404

from meetings.jitsi import (
    VideoTokenRefused,
    jitsi_room_name,
    jitsi_token,
    video_bridge_point,
    video_config,
)
from meetings.models import Meeting
from meetings.services.scheduling import meeting_cancel, meeting_schedule

DOMAIN = "meet.laocai.example.gov.vn"
APP_ID = "diemcau"
SECRET = "bi-mat-cua-may-chu-jitsi-dai-it-nhat-32-byte"


@pytest.fixture
def jitsi(settings):
    settings.JITSI_DOMAIN = DOMAIN
    settings.JITSI_APP_ID = APP_ID
    settings.JITSI_APP_SECRET = SECRET
    settings.JITSI_TOKEN_MARGIN_MINUTES = 60
    return settings


@pytest.fixture
def meeting(world, jitsi):
    data = world.meeting_input(
        participants=[(world.delegate.pk, world.rooms[0].pk), (world.outsider.pk, None)]
    )
    return meeting_schedule(actor=world.organizer, data=data, notify=False)


def claims_of(token: str, *, secret: str = SECRET) -> dict:
    """Verify signature, audience and issuer as Prosody does; the time window is asserted apart."""
    return jwt.decode(
        token,
        secret,
        algorithms=["HS256"],
        audience="jitsi",
        issuer=APP_ID,
        options={
            "require": ["aud", "iss", "sub", "room", "nbf", "exp"],
            "verify_nbf": False,
            "verify_exp": False,
            "verify_iat": False,
        },
    )


def config_claims(user, meeting, **kwargs) -> dict:
    return claims_of(video_config(user, meeting, now=meeting.start, **kwargs)["jwt"])


def test_token_carries_every_documented_claim(world, meeting):
    claims = config_claims(world.delegate, meeting)
    assert claims["sub"] == DOMAIN
    assert claims["room"] == jitsi_room_name(meeting)
    assert claims["context"]["user"] == {
        "id": str(world.delegate.pk),
        "name": "Delegate · Xã Thử 1",
        "email": "delegate@example.gov.vn",
        "moderator": "false",
        "affiliation": "member",
    }
    assert claims["context"]["group"] == str(world.rooms[0].pk)
    assert claims["context"]["features"] == {
        "recording": "false",
        "livestreaming": "false",
        "transcription": "false",
        "outbound-call": "false",
    }


def test_token_is_valid_over_the_meeting_slot_and_its_margins(world, meeting):
    claims = config_claims(world.delegate, meeting)
    assert claims["nbf"] == int((meeting.start - timedelta(minutes=60)).timestamp())
    assert claims["exp"] == int((meeting.end + timedelta(minutes=60)).timestamp())
    assert claims["iat"] == int(meeting.start.timestamp())


def test_margin_follows_the_setting(world, meeting, settings):
    settings.JITSI_TOKEN_MARGIN_MINUTES = 15
    claims = config_claims(world.delegate, meeting)
    assert claims["nbf"] == int((meeting.start - timedelta(minutes=15)).timestamp())
    assert claims["exp"] == int((meeting.end + timedelta(minutes=15)).timestamp())


@pytest.mark.parametrize(
    ("persona", "moderator"),
    [
        ("chair", True),
        ("organizer", True),
        ("secretary", False),
        ("delegate", False),
        ("operator", False),
    ],
)
def test_moderator_is_the_chair_and_host_staff(world, meeting, persona, moderator):
    user = getattr(world, persona)
    config = video_config(user, meeting, now=meeting.start)
    user_claims = claims_of(config["jwt"])["context"]["user"]
    assert config["moderator"] is moderator
    assert user_claims["moderator"] == ("true" if moderator else "false")
    assert user_claims["affiliation"] == ("owner" if moderator else "member")
    assert claims_of(config["jwt"])["context"]["features"]["recording"] == user_claims["moderator"]


@pytest.mark.parametrize(
    ("persona", "room"),
    [
        ("operator", "rooms0"),  # the room they run
        ("delegate", "rooms0"),  # the room they were invited to attend from
        ("chair", "main_room"),
        ("secretary", "main_room"),
        ("organizer", "main_room"),
    ],
)
def test_group_is_the_bridge_point_the_person_joins_from(world, meeting, persona, room):
    expected = world.rooms[0] if room == "rooms0" else world.main_room
    config = video_config(getattr(world, persona), meeting, now=meeting.start)
    assert config["bridge_point_id"] == expected.pk
    assert claims_of(config["jwt"])["context"]["group"] == str(expected.pk)


def test_operator_of_a_room_not_invited_joins_without_their_room(world, jitsi):
    data = world.meeting_input(
        rooms=[world.rooms[1]], participants=[(world.operator.pk, world.rooms[1].pk)]
    )
    meeting = meeting_schedule(actor=world.organizer, data=data, notify=False)
    assert video_bridge_point(world.operator, meeting) == world.rooms[1]


def test_person_joining_from_elsewhere_has_no_group(world, meeting):
    config = video_config(world.outsider, meeting, now=meeting.start)
    claims = claims_of(config["jwt"])
    assert config["bridge_point_id"] is None
    assert "group" not in claims["context"]
    assert claims["context"]["user"]["name"] == "Outsider"


def test_a_token_signed_with_another_secret_fails_verification(world, meeting):
    token = video_config(world.delegate, meeting, now=meeting.start)["jwt"]
    with pytest.raises(jwt.InvalidSignatureError):
        claims_of(token, secret="mot-bi-mat-khac-cung-dai-hon-32-byte-nhe")


def test_config_tells_the_page_where_and_as_whom_to_join(world, meeting):
    config = video_config(world.chair, meeting, now=meeting.start)
    assert config["domain"] == DOMAIN
    assert config["room"] == jitsi_room_name(meeting)
    assert config["script_url"] == f"https://{DOMAIN}/external_api.js"
    assert config["display_name"] == "Nguyễn Văn Chủ · Tỉnh Lạng Sơn"
    assert config["subject"] == "Giao ban tuần"


def test_no_jitsi_configured_means_no_video(world, meeting, settings):
    settings.JITSI_DOMAIN = ""
    assert video_config(world.chair, meeting, now=meeting.start) is None


def test_debugging_against_a_jitsi_without_tokens_gives_no_jwt(world, meeting, settings):
    settings.JITSI_APP_SECRET = ""
    config = video_config(world.chair, meeting, now=meeting.start)
    assert config["jwt"] is None and config["room"] == jitsi_room_name(meeting)


def test_someone_who_cannot_see_the_meeting_gets_no_token(world, meeting):
    with pytest.raises(Http404):
        video_config(world.other_organizer, meeting, now=meeting.start)


def test_token_refused_once_the_room_has_closed(world, meeting):
    closes = meeting.end + timedelta(minutes=60)
    assert video_config(world.delegate, meeting, now=closes - timedelta(seconds=1))["jwt"]
    with pytest.raises(VideoTokenRefused, match="đã đóng lúc"):
        video_config(world.delegate, meeting, now=closes)
    with pytest.raises(VideoTokenRefused):
        jitsi_token(
            user=world.delegate,
            meeting=meeting,
            bridge_point=world.rooms[0],
            moderator=False,
            now=closes,
        )


def test_token_refused_for_a_cancelled_meeting(world, meeting):
    meeting_cancel(actor=world.organizer, meeting_id=meeting.pk, reason="Hoãn")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    with pytest.raises(VideoTokenRefused, match="bị hủy"):
        video_config(world.chair, meeting, now=meeting.start)


def test_room_name_is_stable_lowercase_and_not_guessable(world, meeting):
    other = meeting_schedule(
        actor=world.organizer,
        data=world.meeting_input(start=meeting.end + timedelta(hours=1)),
        notify=False,
    )
    name = jitsi_room_name(meeting)
    assert name == jitsi_room_name(Meeting.objects.get(pk=meeting.pk))
    assert name != jitsi_room_name(other)
    assert name == name.lower() and " " not in name
    assert name == f"diemcau-{meeting.uid.hex}"  # 128 random bits, not the number or title
