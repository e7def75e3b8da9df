"""Video through a self-hosted Jitsi Meet: one room per meeting, one signed token per person.

The claims follow the token documentation of jitsi-meet-tokens (lib-jitsi-meet doc/tokens.md)
and the JaaS token reference: `iss` is the deployment's app id (Prosody accepts its own app_id
as issuer by default), `aud` is "jitsi" (accepted unless the deployment narrows
`asap_accepted_audiences`), `sub` is the Jitsi domain and `room` the bare room name.
"""

from datetime import datetime, timedelta

import jwt
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import selectors
from meetings.models import BridgePoint, Meeting, User
from meetings.vietnamese_dates import date_time_short

AUDIENCE = "jitsi"
ALGORITHM = "HS256"
ROOM_PREFIX = "diemcau-"


class VideoTokenRefused(Exception):
    """No video token can be issued for this meeting now; the message says why, in Vietnamese."""


def jitsi_room_name(meeting: Meeting) -> str:
    # The uid is a random UUID: the room cannot be guessed from the meeting's number or title.
    return ROOM_PREFIX + meeting.uid.hex


def token_window(meeting: Meeting) -> tuple[datetime, datetime]:
    """When a token for the meeting is valid: its slot widened by the configured margin."""
    margin = timedelta(minutes=settings.JITSI_TOKEN_MARGIN_MINUTES)
    return meeting.start - margin, meeting.end + margin


def _refuse_unless_open(meeting: Meeting, now: datetime) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise VideoTokenRefused(_("Cuộc họp đã bị hủy: không mở hình ảnh trực tuyến."))
    closes = token_window(meeting)[1]
    if now >= closes:
        raise VideoTokenRefused(
            _("Phòng hình ảnh trực tuyến của cuộc họp đã đóng lúc %(time)s.")
            % {"time": date_time_short(closes)}
        )


def _flag(value: bool) -> str:
    # Jitsi takes context values as strings ("true"/"false"): a boolean breaks
    # Prosody's presence_identity, which copies every user field into the presence.
    return "true" if value else "false"


def _display_name(user: User, bridge_point: BridgePoint | None) -> str:
    if bridge_point is None:
        return user.display_name
    return f"{user.display_name} · {bridge_point.unit.name}"


def jitsi_token(
    *,
    user: User,
    meeting: Meeting,
    bridge_point: BridgePoint | None,
    moderator: bool,
    now: datetime,
) -> str:
    """A person's HS256 token for the meeting's room, valid over the meeting's slot ± margin.

    Raises VideoTokenRefused once the room has closed or the meeting was cancelled.
    """
    if not (settings.JITSI_DOMAIN and settings.JITSI_APP_ID and settings.JITSI_APP_SECRET):
        raise ImproperlyConfigured("JITSI_DOMAIN, JITSI_APP_ID and JITSI_APP_SECRET are needed")
    _refuse_unless_open(meeting, now)
    opens, closes = token_window(meeting)
    context: dict = {
        "user": {
            "id": str(user.pk),
            "name": _display_name(user, bridge_point),
            "email": user.email,
            "moderator": _flag(moderator),
            # Read by the token-affiliation module of current self-hosted deployments.
            "affiliation": "owner" if moderator else "member",
        },
        # Only moderators may record; nothing leaves the deployment by stream or phone.
        "features": {
            "recording": _flag(moderator),
            "livestreaming": "false",
            "transcription": "false",
            "outbound-call": "false",
        },
    }
    if bridge_point is not None:
        context["group"] = str(bridge_point.pk)
    claims = {
        "aud": AUDIENCE,
        "iss": settings.JITSI_APP_ID,
        "sub": settings.JITSI_DOMAIN,
        "room": jitsi_room_name(meeting),
        "iat": int(now.timestamp()),
        "nbf": int(opens.timestamp()),
        "exp": int(closes.timestamp()),
        "context": context,
    }
    return jwt.encode(claims, settings.JITSI_APP_SECRET, algorithm=ALGORITHM)


def _host_side(user: User, meeting: Meeting) -> bool:
    return user.pk in (meeting.chair_id, meeting.secretary_id) or selectors.meeting_manageable_by(
        user, meeting
    )


def video_moderator(user: User, meeting: Meeting) -> bool:
    """The chair and the host unit's staff run the video room."""
    return user.pk == meeting.chair_id or selectors.meeting_manageable_by(user, meeting)


def video_bridge_point(user: User, meeting: Meeting) -> BridgePoint | None:
    """The room the person joins the video from.

    An operator's own invited room first, then the room the person was invited to attend
    from, then the main room for the host side; None for someone joining from elsewhere.
    """
    rooms = {meeting.main_bridge_point_id, *(i.bridge_point_id for i in meeting.invitations.all())}
    operated = sorted(selectors.operated_bridge_point_ids(user) & rooms)
    if operated:
        return BridgePoint.objects.select_related("unit").get(pk=operated[0])
    # .all() uses the prefetch of selectors.with_details when the meeting came from there.
    participant = next((p for p in meeting.participants.all() if p.user_id == user.pk), None)
    if participant is not None and participant.bridge_point_id is not None:
        return participant.bridge_point
    if _host_side(user, meeting):
        return meeting.main_bridge_point
    return None


def video_config(user: User, meeting: Meeting, *, now: datetime | None = None) -> dict | None:
    """What the meeting page needs to embed the video, or None when no Jitsi is configured.

    `jwt` is None only while debugging against a Jitsi that needs no token. Raises Http404
    for someone who may not see the meeting and VideoTokenRefused once its room has closed.
    """
    if not settings.JITSI_DOMAIN:
        return None
    if not selectors.meetings_visible_to(user).filter(pk=meeting.pk).exists():
        raise Http404(_("Không tìm thấy cuộc họp."))
    now = now or timezone.now()
    _refuse_unless_open(meeting, now)
    bridge_point = video_bridge_point(user, meeting)
    moderator = video_moderator(user, meeting)
    token = None
    if settings.JITSI_APP_ID and settings.JITSI_APP_SECRET:
        token = jitsi_token(
            user=user, meeting=meeting, bridge_point=bridge_point, moderator=moderator, now=now
        )
    return {
        "domain": settings.JITSI_DOMAIN,
        "room": jitsi_room_name(meeting),
        "jwt": token,
        "script_url": f"https://{settings.JITSI_DOMAIN}/external_api.js",
        "display_name": _display_name(user, bridge_point),
        "subject": meeting.title,
        "moderator": moderator,
        "bridge_point_id": bridge_point.pk if bridge_point is not None else None,
    }
