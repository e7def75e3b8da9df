"""The public check page of a minutes' verification code: `/verify/<code>/` (what the QR opens).

Anyone, signed in or not, sees what agenda/verification.py allows — nothing else. A POST
with a PDF compares it byte for byte with the published one and lists its signatures, so a
copy changed by a single byte shows as not genuine.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from agenda.verification import MAX_UPLOAD_MB, check_uploaded_copy, verification_for
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, User


@require_http_methods(["GET", "HEAD", "POST"])
def minutes_verify(request: HttpRequest, code: str) -> HttpResponse:
    found = verification_for(code)
    if found is None:
        return render(request, "agenda/verify/not_found.html", {"code": code}, status=404)
    context: dict = {"found": found, "max_mb": MAX_UPLOAD_MB}
    context["meeting_url"] = _meeting_url(request.user, found.meeting)
    if found.current is not None:
        context["current_url"] = reverse("minutes-verify", args=[found.current.verification_code])
    status = 200
    if request.method == "POST":
        status, context["check"], context["error"] = check_uploaded_copy(request, found)
    response = render(request, "agenda/verify/page.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def _meeting_url(user: User, meeting: Meeting) -> str:
    """A link to the meeting for those signed in who may see it; nothing for the public."""
    if not user.is_authenticated:
        return ""
    if not meeting_selectors.meetings_visible_to(user).filter(pk=meeting.pk).exists():
        return ""
    return reverse("meeting-detail", args=[meeting.pk])
