"""Booking and changing a meeting, with the conflict check that runs as you choose."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import selectors
from meetings.forms import MeetingForm, add_service_errors
from meetings.meeting_input import shape_errors
from meetings.services import scheduling
from meetings.services.errors import ConflictError
from meetings.views.common import forbidden_as_403, int_param, require_booker


def _form_page(
    request: HttpRequest,
    form: MeetingForm,
    *,
    conflicts: list | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "meeting": form.meeting, "conflicts": conflicts},
        status=status,
    )


def _save(request: HttpRequest, form: MeetingForm) -> HttpResponse:
    """Validate, call the one service that fits, and answer as the outcome says."""
    if not form.is_valid():
        return _form_page(request, form, status=422)
    data = form.meeting_input()
    frequency = form.cleaned_data.get("frequency")
    try:
        with forbidden_as_403():
            if form.meeting is not None:
                meeting = scheduling.meeting_update(
                    actor=request.user, meeting_id=form.meeting.pk, data=data
                )
                message = _("Đã cập nhật cuộc họp.")
            elif frequency:
                meetings = scheduling.series_schedule(
                    actor=request.user,
                    data=data,
                    frequency=frequency,
                    count=form.cleaned_data["count"],
                )
                meeting = meetings[0]
                message = _("Đã đặt lịch %(count)s buổi họp.") % {"count": len(meetings)}
            else:
                as_draft = form.cleaned_data.get("as_draft", False)
                meeting = scheduling.meeting_schedule(
                    actor=request.user, data=data, as_draft=as_draft
                )
                message = _("Đã lưu dự thảo cuộc họp.") if as_draft else _("Đã đặt lịch họp.")
    except ConflictError as refused:
        form.add_error(None, _("Trùng lịch: cuộc họp chưa được lưu."))
        return _form_page(request, form, conflicts=refused.conflicts, status=409)
    except ValidationError as refused:
        add_service_errors(form, refused)
        return _form_page(request, form, status=422)
    messages.success(request, message)
    return redirect("meeting-detail", meeting.pk)


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    require_booker(request.user)
    if request.method == "POST":
        return _save(request, MeetingForm(request.POST, user=request.user))
    return _form_page(request, MeetingForm(user=request.user))


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.user, pk)
    if not selectors.meeting_manageable_by(request.user, meeting):
        raise HttpForbidden
    if meeting.status not in scheduling.EDITABLE:
        messages.error(request, _("Không thể sửa cuộc họp đang diễn ra, đã kết thúc hoặc đã hủy."))
        return redirect("meeting-detail", meeting.pk)
    if request.method == "POST":
        return _save(request, MeetingForm(request.POST, user=request.user, meeting=meeting))
    return _form_page(request, MeetingForm(user=request.user, meeting=meeting))


@login_required
@require_POST
def meeting_check(request: HttpRequest) -> HttpResponse:
    """The conflict panel of the form, re-rendered by htmx on every change."""
    require_booker(request.user)
    exclude_id = int_param(request.GET.get("meeting"))
    if exclude_id is not None:
        selectors.meeting_get(request.user, exclude_id)  # 404 unless the user may see it
    form = MeetingForm(request.POST, user=request.user)
    form.is_valid()
    data = form.meeting_input()
    problems: list[str] = []
    conflicts: list = []
    if data is not None:
        found = shape_errors(data, now=timezone.now(), allow_past=False)
        problems = [message for key in ("start", "end") for message in found.get(key, [])]
        if not problems:
            conflicts = scheduling.meeting_conflicts(data=data, exclude_meeting_id=exclude_id)
    return render(
        request,
        "meetings/_conflicts.html",
        {
            "checked": data is not None,
            "problems": problems,
            "conflicts": conflicts,
            "series": bool(form.cleaned_data.get("frequency")),
            "draft": bool(form.cleaned_data.get("as_draft")),
        },
    )
