"""Meetings: list, book (one or a series), change, confirm, cancel, answer, check, .ics.

Each view parses, calls one selector or service, and renders; refusals become
JSON in meetings.api.errors.
"""

from datetime import date, datetime, time, timedelta

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from meetings import conflict_details, selectors
from meetings.api.schemas import (
    CancelIn,
    CheckIn,
    CheckOut,
    ConflictErrorOut,
    ErrorOut,
    InvitationOut,
    MeetingCreateIn,
    MeetingFilters,
    MeetingIn,
    MeetingOut,
    MeetingPatchIn,
    ResponseIn,
    SeriesOut,
    ValidationErrorOut,
)
from meetings.calendar_ics import CANCEL, REQUEST, meeting_ics
from meetings.conflicts import Slot
from meetings.models import Invitation, Meeting
from meetings.services.errors import ConflictError, PermissionDenied
from meetings.services.responses import invitation_respond
from meetings.services.scheduling import (
    meeting_cancel,
    meeting_confirm,
    meeting_input_of,
    meeting_schedule,
    meeting_update,
    series_schedule,
)

router = Router(tags=["meetings"])

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ConflictErrorOut,
    422: ValidationErrorOut,
}


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@router.get("/meetings", response={200: list[MeetingOut], 401: ErrorOut, 422: ValidationErrorOut})
def list_meetings(request: HttpRequest, filters: Query[MeetingFilters]) -> list[Meeting]:
    """Meetings you have a part in, touching the days `start`…`end` (Vietnam time)."""
    return list(
        selectors.meetings_listed(
            request.auth,
            start=_day_start(filters.start) if filters.start else None,
            end=_day_start(filters.end + timedelta(days=1)) if filters.end else None,
            status=filters.status,
        )
    )


@router.post("/meetings", response={201: MeetingOut | SeriesOut, **WRITE_ERRORS})
def create_meeting(request: HttpRequest, payload: MeetingCreateIn) -> Status:
    """Book a meeting (or save a draft); with `recurrence`, book the whole series or nothing.

    Answers a meeting, or `{series_id, meetings}` when a recurrence was given.
    """
    data = payload.to_input()
    if payload.recurrence is None:
        meeting = meeting_schedule(actor=request.auth, data=data, as_draft=payload.draft)
        return Status(201, selectors.meeting_get(request.auth, meeting.pk))
    recurrence = payload.recurrence
    meetings = series_schedule(
        actor=request.auth,
        data=data,
        frequency=recurrence.frequency,
        interval=recurrence.interval,
        count=recurrence.count,
    )
    series_id = meetings[0].series_id
    return Status(
        201,
        {
            "series_id": series_id,
            "meetings": list(
                selectors.with_details(selectors.series_meetings(request.auth, series_id))
            ),
        },
    )


@router.post(
    "/meetings/check",
    response={
        200: CheckOut,
        401: ErrorOut,
        403: ErrorOut,
        409: ConflictErrorOut,
        422: ValidationErrorOut,
    },
)
def check_meeting(request: HttpRequest, payload: CheckIn) -> dict:
    """Would this time clash for these rooms or this chair? 200 if free, 409 with the clashes."""
    # Clashes name other units' meetings: only people who book meetings may ask.
    if not selectors.host_units_for(request.auth).exists():
        raise PermissionDenied(_("Chỉ văn phòng tổ chức được kiểm tra lịch."))
    proposed = Slot(
        payload.exclude_meeting_id,
        "",
        payload.start,
        payload.end,
        payload.room_ids(),
        payload.chair_id,
    )
    conflicts = conflict_details.describe(selectors.conflicts_for(proposed))
    if conflicts:
        raise ConflictError(conflicts)
    return {"conflicts": []}


@router.get("/meetings/{meeting_id}", response={200: MeetingOut, **READ_ERRORS})
def get_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    return selectors.meeting_get(request.auth, meeting_id)


@router.put("/meetings/{meeting_id}", response={200: MeetingOut, **WRITE_ERRORS})
def replace_meeting(request: HttpRequest, meeting_id: int, payload: MeetingIn) -> Meeting:
    """Change a draft or scheduled meeting; invitees get an updated invitation."""
    meeting_update(actor=request.auth, meeting_id=meeting_id, data=payload.to_input())
    return selectors.meeting_get(request.auth, meeting_id)


@router.patch("/meetings/{meeting_id}", response={200: MeetingOut, **WRITE_ERRORS})
def patch_meeting(request: HttpRequest, meeting_id: int, payload: MeetingPatchIn) -> Meeting:
    """Change only the fields sent; the rest stay as stored."""
    stored = meeting_input_of(selectors.meeting_get(request.auth, meeting_id))
    merged = MeetingIn.model_validate(
        {**MeetingIn.from_input(stored).model_dump(), **payload.model_dump(exclude_unset=True)}
    )
    meeting_update(actor=request.auth, meeting_id=meeting_id, data=merged.to_input())
    return selectors.meeting_get(request.auth, meeting_id)


@router.post("/meetings/{meeting_id}/cancel", response={200: MeetingOut, **WRITE_ERRORS})
def cancel_meeting(request: HttpRequest, meeting_id: int, payload: CancelIn) -> Meeting:
    meeting_cancel(actor=request.auth, meeting_id=meeting_id, reason=payload.reason)
    return selectors.meeting_get(request.auth, meeting_id)


@router.post("/meetings/{meeting_id}/confirm", response={200: MeetingOut, **WRITE_ERRORS})
def confirm_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    """Turn a draft into a scheduled meeting: hold the rooms and send the invitations."""
    meeting_confirm(actor=request.auth, meeting_id=meeting_id)
    return selectors.meeting_get(request.auth, meeting_id)


@router.post("/meetings/{meeting_id}/responses", response={200: InvitationOut, **WRITE_ERRORS})
def respond_to_invitation(request: HttpRequest, meeting_id: int, payload: ResponseIn) -> Invitation:
    """A bridge point confirms attendance (with a headcount) or declines with a reason."""
    return invitation_respond(
        actor=request.auth,
        meeting_id=meeting_id,
        bridge_point_id=payload.bridge_point_id,
        accept=payload.accept,
        reason=payload.reason,
        expected_attendees=payload.expected_attendees,
    )


@router.get(
    "/meetings/{meeting_id}/invite.ics",
    response=READ_ERRORS,
    openapi_extra={
        "responses": {
            200: {
                "description": "iCalendar invitation (METHOD:REQUEST, or CANCEL once cancelled).",
                "content": {"text/calendar": {"schema": {"type": "string"}}},
            }
        }
    },
)
def meeting_invite_ics(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.auth, meeting_id)
    method = CANCEL if meeting.status == Meeting.Status.CANCELLED else REQUEST
    response = HttpResponse(
        meeting_ics(meeting, method), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="cuoc-hop-{meeting.pk}.ics"'
    return response
