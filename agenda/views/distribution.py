"""Publishing the agenda, the read-receipt board (page and CSV), and my notices."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agenda.selectors_distribution import (
    Board,
    board_viewable_by,
    distribution_board,
    my_notices,
)
from agenda.services.distribution import Publication, agenda_publish
from agenda.services.notices import notice_mark_read
from meetings import selectors as meeting_selectors
from meetings.models import Meeting
from meetings.vietnamese_dates import date_time_short
from meetings.views.common import forbidden_as_403

# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def local_url(request: HttpRequest, target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (no open redirects)."""
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return None


def _board_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The board, for the host's staff: 403 for other people who can see the meeting."""
    manageable = meeting_selectors.meeting_manageable_by(request.user, meeting)
    if not (manageable or board_viewable_by(request.user, meeting)):
        raise HttpForbidden(_("Chỉ văn phòng đơn vị chủ trì xem được tình hình nhận tài liệu."))
    context = {
        "meeting": meeting,
        "board": distribution_board(meeting),
        "errors": errors or [],
        "may_publish": manageable,
    }
    return render(request, "agenda/distribution/board.html", context, status=status)


def _published_message(publication: Publication) -> str:
    people = ngettext("%(n)s người", "%(n)s người", publication.recipients) % {
        "n": publication.recipients
    }
    if not publication.republished:
        return _("Đã công bố chương trình họp tới %(people)s.") % {"people": people}
    return _(
        "Đã công bố lại chương trình tới %(people)s; thông báo nêu %(n)s tài liệu mới hoặc sửa đổi."
    ) % {"people": people, "n": publication.new_documents}


@login_required
@require_POST
def agenda_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_selectors.meeting_get(request.user, pk)
    try:
        with forbidden_as_403():
            publication = agenda_publish(actor=request.user, meeting_id=pk)
    except ValidationError as refused:
        return _board_page(request, meeting, errors=refused.messages, status=422)
    messages.success(request, _published_message(publication))
    target = local_url(request, request.POST.get("next"))
    return HttpResponseRedirect(target or reverse("distribution-board", args=[pk]))


@login_required
@require_GET
def distribution_board_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _board_page(request, meeting_selectors.meeting_get(request.user, pk))


def _csv_cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _when(moment) -> str:
    return date_time_short(moment) if moment else ""


def board_csv(board: Board) -> str:
    """One row per person and document they may read, for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("Điểm cầu"), _("Người nhận"), _("Tài liệu"), _("Đã gửi"), _("Đã mở"), _("Đã tải")]
    )
    for room in board.rooms:
        for person in room.people:
            for cell in person.cells:
                if cell.readable:
                    writer.writerow(
                        [
                            _csv_cell(str(room.bridge_point)),
                            _csv_cell(person.user.display_name),
                            _csv_cell(cell.document.title),
                            _when(cell.sent_at),
                            _when(cell.opened_at),
                            _when(cell.downloaded_at),
                        ]
                    )
    return out.getvalue()


@login_required
@require_GET
def distribution_board_csv(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_selectors.meeting_get(request.user, pk)
    if not board_viewable_by(request.user, meeting):
        raise HttpForbidden
    # A byte-order mark, so that Excel reads the Vietnamese as UTF-8.
    response = HttpResponse(
        "\ufeff" + board_csv(distribution_board(meeting)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="nhan-tai-lieu-{meeting.pk}.csv"'
    return response


@login_required
@require_GET
def notices_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "agenda/distribution/notices.html", {"notices": my_notices(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def notice_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notice read and follow its link (only ever to a page of this site)."""
    notice = notice_mark_read(actor=request.user, notice_id=pk)
    return redirect(local_url(request, notice.url) or reverse("notices"))
