"""Files a meeting gives out: the invitation PDF, its .ics, and the personal feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from meetings import selectors
from meetings.calendar_ics import CANCEL, REQUEST, calendar_feed, meeting_ics
from meetings.models import Meeting, User
from meetings.pdf.invitation import invitation_filename, invitation_pdf
from meetings.services.calendar_keys import calendar_key_reset

ICS_TYPE = "text/calendar; charset=utf-8"


@require_GET
@login_required
def meeting_invitation_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.user, meeting_id)
    response = HttpResponse(invitation_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invitation_filename(meeting)}"'
    return response


@require_GET
@login_required
def meeting_ics_download(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(request.user, meeting_id)
    method = CANCEL if meeting.status == Meeting.Status.CANCELLED else REQUEST
    response = HttpResponse(meeting_ics(meeting, method), content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="cuoc-hop-{meeting.pk}.ics"'
    return response


@require_GET
def calendar_feed_view(request: HttpRequest, key: str) -> HttpResponse:
    """No login: the key in the address is the credential (calendar apps cannot log in)."""
    owner = get_object_or_404(User, calendar_key=key, is_active=True)
    response = HttpResponse(calendar_feed(owner), content_type=ICS_TYPE)
    response["Content-Disposition"] = 'inline; filename="lich-hop.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
@login_required
def calendar_key_reset_view(request: HttpRequest) -> HttpResponse:
    calendar_key_reset(user=request.user)
    messages.success(request, _("Đã tạo địa chỉ lịch mới. Địa chỉ cũ không còn dùng được."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("profile")
    return HttpResponseRedirect(target)
