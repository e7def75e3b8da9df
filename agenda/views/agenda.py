"""The agenda page (an editor for organizers, a reading list for everyone else), its
buttons, and the tablet reader for one document version."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agenda import selectors
from agenda.forms import (
    AgendaItemForm,
    MoveForm,
    TemplateApplyForm,
    TemplateSaveForm,
    add_service_errors,
)
from agenda.models import AgendaItem
from agenda.services import items as services
from agenda.upload_rules import KINDS
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, User
from meetings.views.common import int_param, run_service

READABLE_INLINE = ("application/pdf", "image/")
# The file picker offers what the upload rules accept; the server still checks the bytes.
ACCEPTED_FILES = ",".join(f".{ext}" for kind in KINDS for ext in kind.extensions)


def reverse_or_none(name: str, *args: int) -> str | None:
    """A route another part of the app provides, or None while it is not there yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _agenda_url(meeting: Meeting, item_id: int | None = None) -> str:
    url = reverse("meeting-agenda", args=[meeting.pk])
    return f"{url}#item-{item_id}" if item_id else url


def _item_form(
    meeting: Meeting, data=None, *, item: AgendaItem | None = None, candidates=None
) -> AgendaItemForm:
    people, units = candidates or selectors.presenter_candidates(meeting)
    prefix = f"item-{item.pk}" if item else "new-item"
    return AgendaItemForm(data, people=people, units=units, item=item, auto_id=f"{prefix}-%s")


def _apply_form(request: HttpRequest, meeting: Meeting, data=None) -> TemplateApplyForm:
    templates = selectors.agenda_templates_for(request.user, meeting)
    return TemplateApplyForm(data, templates=templates, auto_id="apply-%s")


def _page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    item_form: AgendaItemForm | None = None,
    edited: tuple[int, AgendaItemForm] | None = None,
    save_form: TemplateSaveForm | None = None,
    apply_form: TemplateApplyForm | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The agenda page; a refused form is passed back bound, so its errors show in place."""
    overview = selectors.agenda_overview(request.user, meeting)
    manageable = selectors.agenda_manageable_by(request.user, meeting)
    # Refusals that name no field go on top of the page, where the reader lands.
    refused = [item_form, edited[1] if edited else None, save_form, apply_form]
    errors = [*(errors or []), *(e for form in refused if form for e in form.non_field_errors())]
    context: dict = {
        "meeting": meeting,
        "overview": overview,
        "manageable": manageable,
        "errors": errors,
    }
    if manageable:
        candidates = selectors.presenter_candidates(meeting)
        context |= {
            "editable": meeting.status not in services.CLOSED,
            "entries": [
                (
                    row,
                    edited[1]
                    if edited and edited[0] == row.item.pk
                    else _item_form(meeting, item=row.item, candidates=candidates),
                )
                for row in overview.rows
            ],
            "edited_id": edited[0] if edited else None,
            "item_form": item_form or _item_form(meeting, candidates=candidates),
            "save_form": save_form or TemplateSaveForm(auto_id="save-%s"),
            "apply_form": apply_form or _apply_form(request, meeting),
            "invitees": meeting_selectors.meeting_invitees(meeting),
            "upload_url": reverse_or_none("document-upload", meeting.pk),
            "accepted_files": ACCEPTED_FILES,
        }
    return render(request, "agenda/agenda.html", context, status=status)


def _managed(request: HttpRequest, pk: int) -> Meeting:
    """The meeting (404 for people with no part in it); 403 unless they build its agenda."""
    meeting = meeting_selectors.meeting_get(request.user, pk)
    if not selectors.agenda_manageable_by(request.user, meeting):
        raise HttpForbidden(_("Chỉ văn phòng đơn vị chủ trì được soạn chương trình họp."))
    return meeting


def _item_of(meeting: Meeting, item_id: int) -> AgendaItem:
    item = selectors.agenda_items(meeting).filter(pk=item_id).first()
    if item is None:
        raise Http404(_("Không tìm thấy mục chương trình."))
    return item


@login_required
@require_GET
def meeting_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, meeting_selectors.meeting_get(request.user, pk))


@login_required
@require_POST
def agenda_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed(request, pk)
    form = _item_form(meeting, request.POST)
    if form.is_valid():
        item, refused = run_service(
            lambda: services.agenda_item_create(
                actor=request.user, meeting_id=meeting.pk, data=form.item_input()
            )
        )
        if item is not None:
            messages.success(request, _("Đã thêm mục “%(title)s”.") % {"title": item.title})
            return redirect(_agenda_url(meeting, item.pk))
        add_service_errors(form, refused)
    return _page(request, meeting, item_form=form, status=422)


@login_required
@require_POST
def agenda_item_update(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    meeting = _managed(request, pk)
    item = _item_of(meeting, item_id)
    form = _item_form(meeting, request.POST, item=item)
    if form.is_valid():
        saved, refused = run_service(
            lambda: services.agenda_item_update(
                actor=request.user, item_id=item.pk, data=form.item_input()
            )
        )
        if saved is not None:
            messages.success(request, _("Đã lưu mục “%(title)s”.") % {"title": saved.title})
            return redirect(_agenda_url(meeting, item.pk))
        add_service_errors(form, refused)
    return _page(request, meeting, edited=(item.pk, form), status=422)


@login_required
@require_POST
def agenda_item_delete(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    meeting = _managed(request, pk)
    item = _item_of(meeting, item_id)
    _none, refused = run_service(
        lambda: services.agenda_item_delete(actor=request.user, item_id=item.pk)
    )
    if refused is not None:
        return _page(request, meeting, errors=refused.messages, status=422)
    messages.success(request, _("Đã xóa mục “%(title)s”.") % {"title": item.title})
    return redirect(_agenda_url(meeting))


@login_required
@require_POST
def agenda_item_move(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    """Move up / move down without JavaScript; the page script sends the whole order instead."""
    meeting = _managed(request, pk)
    item = _item_of(meeting, item_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _page(request, meeting, errors=[_("Hướng chuyển không hợp lệ.")], status=422)
    _items, refused = run_service(
        lambda: services.agenda_item_move(actor=request.user, item_id=item.pk, offset=form.offset)
    )
    if refused is not None:
        return _page(request, meeting, errors=refused.messages, status=422)
    return redirect(_agenda_url(meeting, item.pk))


def _order_from(request: HttpRequest) -> list[int] | None:
    """The item ids, in order, from JSON `{"order": [..]}` or form fields `order` (repeated,
    or one comma-separated value); None when the body is not such a list."""
    if request.content_type == "application/json":
        try:
            raw = json.loads(request.body or b"null")
        except ValueError:
            return None
        values = raw.get("order") if isinstance(raw, dict) else None
        if not isinstance(values, list):
            return None
    else:
        values = [part for value in request.POST.getlist("order") for part in value.split(",")]
    if not all(isinstance(v, int) or (isinstance(v, str) and v.strip().isdigit()) for v in values):
        return None
    return [int(v) for v in values]


def _wants_json(request: HttpRequest) -> bool:
    return request.content_type == "application/json" or "application/json" in request.headers.get(
        "Accept", ""
    )


@login_required
@require_POST
def agenda_reorder(request: HttpRequest, pk: int) -> HttpResponse:
    """The new order from drag and drop or the move buttons; answers JSON to the page script."""
    meeting = _managed(request, pk)
    order = _order_from(request)
    if order is None:
        refused = ValidationError(_("Thứ tự gửi lên không hợp lệ."))
    else:
        _items, refused = run_service(
            lambda: services.agenda_reorder(
                actor=request.user, meeting_id=meeting.pk, ordered_ids=order
            )
        )
    if not _wants_json(request):
        if refused is not None:
            return _page(request, meeting, errors=refused.messages, status=422)
        messages.success(request, _("Đã lưu thứ tự mới."))
        return redirect(_agenda_url(meeting))
    if refused is not None:
        return JsonResponse({"error": " ".join(refused.messages)}, status=422)
    overview = selectors.agenda_overview(request.user, meeting)
    return JsonResponse(
        {
            "message": _("Đã lưu thứ tự mới."),
            "items": [
                {
                    "id": row.item.pk,
                    "position": row.item.position,
                    "start": f"{timezone.localtime(row.start):%H:%M}",
                    "end": f"{timezone.localtime(row.end):%H:%M}",
                }
                for row in overview.rows
            ],
        }
    )


@login_required
@require_POST
def agenda_template_save(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed(request, pk)
    form = TemplateSaveForm(request.POST, auto_id="save-%s")
    if form.is_valid():
        template, refused = run_service(
            lambda: services.agenda_template_save(
                actor=request.user, meeting_id=meeting.pk, name=form.cleaned_data["name"]
            )
        )
        if template is not None:
            messages.success(
                request, _("Đã lưu chương trình thành mẫu “%(name)s”.") % {"name": template.name}
            )
            return redirect(_agenda_url(meeting))
        add_service_errors(form, refused)
    return _page(request, meeting, save_form=form, status=422)


@login_required
@require_POST
def agenda_template_apply(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed(request, pk)
    form = _apply_form(request, meeting, request.POST)
    if form.is_valid():
        created, refused = run_service(
            lambda: services.agenda_template_apply(
                actor=request.user,
                meeting_id=meeting.pk,
                template_id=form.cleaned_data["template"],
                append=form.cleaned_data["append"],
            )
        )
        if created is not None:
            messages.success(request, _("Đã thêm %(count)s mục từ mẫu.") % {"count": len(created)})
            return redirect(_agenda_url(meeting))
        add_service_errors(form, refused)
    return _page(request, meeting, apply_form=form, status=422)


def _reader_page(version_page_count: int | None, requested: int | None) -> int:
    last = version_page_count or 1
    return min(max(requested or 1, 1), last)


@login_required
@require_GET
def document_reader(request: HttpRequest, version_id: int) -> HttpResponse:
    """A version full height in the browser's own viewer, opened at ?page=N."""
    user: User = request.user
    version = selectors.version_get(user, version_id)
    document = version.document
    page = _reader_page(version.page_count, int_param(request.GET.get("page")))
    open_url = reverse_or_none("document-open", version.pk)
    is_pdf = version.content_type == "application/pdf"
    latest = selectors.latest_version(document)
    share_url = request.build_absolute_uri(
        f"{reverse('document-reader', args=[version.pk])}?page={page}"
    )
    return render(
        request,
        "agenda/reader.html",
        {
            "version": version,
            "document": document,
            "meeting": document.meeting,
            "page": page,
            "page_count": version.page_count,
            "is_pdf": is_pdf,
            "inline": version.content_type.startswith(READABLE_INLINE),
            "frame_url": f"{open_url}#page={page}" if open_url and is_pdf else open_url,
            "download_url": reverse_or_none("document-download", version.pk),
            "share_url": share_url,
            "latest": latest if latest and latest.pk != version.pk else None,
        },
    )
