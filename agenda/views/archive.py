"""The archive page, publishing the minutes, the published PDF and the record zip."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from agenda.downloads import INLINE, content_disposition
from agenda.forms_archive import ArchiveSearchForm
from agenda.models import Minutes
from agenda.record_export import record_zip_response
from agenda.selectors_archive import (
    ArchiveFilters,
    archive_access,
    archive_page,
    archive_rows,
    published_minutes_document,
)
from agenda.services.minutes_publish import MinutesPublication, minutes_filename, minutes_publish
from agenda.views.distribution import local_url
from meetings import selectors as meeting_selectors
from meetings.views.common import forbidden_as_403


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_GET
def archive_view(request: HttpRequest) -> HttpResponse:
    """The host unit's meetings, newest first, 25 a page; 400 with the reasons for bad dates."""
    access = archive_access(request.user)
    if not access.granted:
        raise HttpForbidden(_("Lưu trữ dành cho cán bộ đơn vị chủ trì."))
    form = ArchiveSearchForm(request.GET or None, access=access)
    valid = form.is_valid() if form.is_bound else True
    filters = form.filters() if form.is_bound and valid else ArchiveFilters()
    page = archive_page(access, filters, request.GET.get("page")) if valid else None
    context = {
        "form": form,
        "page": page,
        "rows": archive_rows(access, page.object_list) if page else [],
        "has_archive": True,
        "searching": bool(form.is_bound and valid and filters != ArchiveFilters()),
        "query_string": _query_without_page(request),
    }
    return render(request, "agenda/archive/archive.html", context, status=200 if valid else 400)


def _published_message(publication: MinutesPublication) -> str:
    people = ngettext("%(n)s người", "%(n)s người", publication.recipients) % {
        "n": publication.recipients
    }
    return _("Đã phát hành biên bản và gửi tới %(people)s.") % {"people": people}


@login_required
@require_POST
def minutes_publish_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meeting_selectors.meeting_get(request.user, meeting_id)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        raise Http404(_("Cuộc họp này chưa có biên bản."))
    back = local_url(request, request.POST.get("next"))
    try:
        with forbidden_as_403():
            publication = minutes_publish(actor=request.user, minutes=minutes)
    except ValidationError as refused:
        context = {"meeting": meeting, "errors": refused.messages, "back": back}
        return render(request, "agenda/archive/publish_refused.html", context, status=422)
    messages.success(request, _published_message(publication))
    return HttpResponseRedirect(back or reverse("meeting-detail", args=[meeting.pk]))


@login_required
@require_GET
def minutes_published_pdf(request: HttpRequest, meeting_id: int) -> FileResponse:
    """The signed PDF as published, for anyone who can see the meeting."""
    document = published_minutes_document(request.user, meeting_id)
    response = FileResponse(document.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        INLINE, minutes_filename(document.version.minutes.meeting)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def meeting_record_zip(request: HttpRequest, meeting_id: int) -> HttpResponse:
    with forbidden_as_403():
        return record_zip_response(request.user, meeting_id)
