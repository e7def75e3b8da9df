"""The meeting booklet, `/meetings/<id>/booklet.pdf`; `?full=1` appends the documents."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from agenda.pdf.booklet import booklet_filename, booklet_pdf, full_pack_pdf
from meetings import selectors
from meetings.models import User


def booklet_response(user: User, meeting_id: int, *, full: bool) -> HttpResponse:
    """The booklet (or full pack) of a meeting the user can see; 404 otherwise.

    Shared by the page and the REST API so both answer the same file.
    """
    meeting = selectors.meeting_get(user, meeting_id)
    build = full_pack_pdf if full else booklet_pdf
    response = HttpResponse(build(user=user, meeting=meeting), content_type="application/pdf")
    # Inline: a tablet opens it in the browser's viewer; the name still serves "save as".
    response["Content-Disposition"] = f'inline; filename="{booklet_filename(meeting, full=full)}"'
    # Each copy is built for its reader (confidential documents, watermarks): never share it.
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def meeting_booklet(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return booklet_response(request.user, meeting_id, full=request.GET.get("full") == "1")
