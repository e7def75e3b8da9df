"""A meeting's page, and the buttons on it: confirm a draft, cancel, answer an invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agenda import selectors as agenda_selectors
from meetings import selectors
from meetings.forms import CancelForm, RespondForm, add_service_errors
from meetings.models import Invitation, Meeting
from meetings.services import responses, scheduling
from meetings.services.errors import ConflictError
from meetings.views.common import forbidden_as_403

ANSWERABLE = (Meeting.Status.DRAFT, Meeting.Status.SCHEDULED)


def _my_invitations(request: HttpRequest, meeting: Meeting) -> list[Invitation]:
    """The invitations of rooms this user runs (prefetched with the meeting)."""
    rooms = selectors.operated_bridge_point_ids(request.user)
    return [inv for inv in meeting.invitations.all() if inv.bridge_point_id in rooms]


def _respond_form(invitation: Invitation, bound: RespondForm | None) -> RespondForm:
    if bound is not None and bound.data.get("bridge_point_id") == str(invitation.bridge_point_id):
        return bound
    return RespondForm(
        rooms=[invitation.bridge_point],
        auto_id=f"respond-{invitation.bridge_point_id}-%s",
        initial={
            "bridge_point_id": invitation.bridge_point_id,
            "expected_attendees": invitation.expected_attendees,
            "reason": invitation.decline_reason,
        },
    )


def _detail_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    cancel_form: CancelForm | None = None,
    respond_form: RespondForm | None = None,
    errors: list[str] | None = None,
    conflicts: list | None = None,
    status: int = 200,
) -> HttpResponse:
    invitations = list(meeting.invitations.all())
    manageable = selectors.meeting_manageable_by(request.user, meeting)
    cancel_form = cancel_form or CancelForm(auto_id="cancel-%s")
    errors = [*(errors or []), *cancel_form.non_field_errors()]
    if respond_form is not None:
        errors += respond_form.non_field_errors()
    accepted = [inv for inv in invitations if inv.response == Invitation.Response.ACCEPTED]
    context = {
        "meeting": meeting,
        "invitations": invitations,
        "participants": list(meeting.participants.all()),
        "respond_forms": [
            (inv, _respond_form(inv, respond_form)) for inv in _my_invitations(request, meeting)
        ],
        "manageable": manageable,
        "editable": manageable and meeting.status in scheduling.EDITABLE,
        "answerable": meeting.status in ANSWERABLE,
        "cancel_form": cancel_form,
        "errors": errors,
        "conflicts": conflicts,
        "series": (
            list(selectors.series_meetings(request.user, meeting.series_id))
            if meeting.series_id
            else []
        ),
        "agenda": agenda_selectors.agenda_overview(request.user, meeting),
        "totals": {
            "accepted": len(accepted),
            "declined": sum(inv.response == Invitation.Response.DECLINED for inv in invitations),
            "pending": sum(inv.response == Invitation.Response.PENDING for inv in invitations),
            "attendees": sum(inv.expected_attendees or 0 for inv in accepted),
        },
    }
    return render(request, "meetings/meeting_detail.html", context, status=status)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, selectors.meeting_get(request.user, pk))


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.user, pk)
    form = CancelForm(request.POST, auto_id="cancel-%s")
    form.is_valid()
    try:
        with forbidden_as_403():
            scheduling.meeting_cancel(
                actor=request.user, meeting_id=pk, reason=form.cleaned_data.get("reason", "")
            )
    except ValidationError as refused:
        add_service_errors(form, refused)
        return _detail_page(request, meeting, cancel_form=form, status=422)
    messages.success(request, _("Đã hủy cuộc họp."))
    return redirect("meeting-detail", pk)


@login_required
@require_POST
def meeting_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.user, pk)
    try:
        with forbidden_as_403():
            scheduling.meeting_confirm(actor=request.user, meeting_id=pk)
    except ConflictError as refused:
        return _detail_page(
            request,
            meeting,
            errors=[_("Trùng lịch: cuộc họp vẫn là dự thảo.")],
            conflicts=refused.conflicts,
            status=409,
        )
    except ValidationError as refused:
        return _detail_page(request, meeting, errors=refused.messages, status=422)
    messages.success(request, _("Đã lên lịch cuộc họp và gửi giấy mời."))
    return redirect("meeting-detail", pk)


@login_required
@require_POST
def meeting_respond(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.user, pk)
    mine = _my_invitations(request, meeting)
    if not mine:
        raise HttpForbidden
    form = RespondForm(
        request.POST,
        rooms=[inv.bridge_point for inv in mine],
        auto_id=f"respond-{request.POST.get('bridge_point_id', '')}-%s",
    )
    if form.is_valid():
        accept = form.cleaned_data["answer"] == RespondForm.ACCEPT
        try:
            with forbidden_as_403():
                responses.invitation_respond(
                    actor=request.user,
                    meeting_id=pk,
                    bridge_point_id=form.cleaned_data["bridge_point_id"],
                    accept=accept,
                    reason=form.cleaned_data["reason"],
                    expected_attendees=form.cleaned_data["expected_attendees"],
                )
        except ValidationError as refused:
            add_service_errors(form, refused)
        else:
            messages.success(
                request,
                _("Đã xác nhận tham dự.") if accept else _("Đã báo không tham dự."),
            )
            return redirect("meeting-detail", pk)
    return _detail_page(request, meeting, respond_form=form, status=422)
