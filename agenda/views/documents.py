"""Meeting documents: upload (and new versions), delete, open, download, the zip of all.

Upload refusals (agenda.upload_rules.UploadRefused) answer with their own status:
400 for a bad file name, 413 too large, 415 a type not taken or bytes that are not what
the name says, 422 refused content; form errors answer 422.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agenda import downloads, selectors, upload_rules
from agenda.models import AgendaItem, Document
from agenda.services import documents as services
from agenda.services.receipts import receipt_mark
from agenda.upload_rules import UploadRefused
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, User
from meetings.views.common import forbidden_as_403, int_param

# Room in a request's declared length for the form's other fields and multipart framing.
MULTIPART_SLACK = 64 * 1024
# Where a service's ValidationError key is shown in the form.
SERVICE_FIELD_TO_FORM = {
    "title": "title",
    "agenda_item_id": "agenda_item",
    "is_confidential": "is_confidential",
    "reader_ids": "readers",
}


class DocumentUploadForm(forms.Form):
    """Field names are shared with the agenda page's upload form: keep them."""

    title = forms.CharField(
        label=gettext_lazy("Tên tài liệu (để trống: lấy theo tên tệp)"),
        max_length=services.TITLE_MAX_LENGTH,
        required=False,
    )
    agenda_item = forms.ModelChoiceField(
        label=gettext_lazy("Mục chương trình"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=gettext_lazy("(Tài liệu chung)"),
    )
    is_confidential = forms.BooleanField(label=gettext_lazy("Tài liệu mật"), required=False)
    readers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Người được đọc tài liệu mật"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    document = forms.ModelChoiceField(
        label=gettext_lazy("Thêm phiên bản mới cho tài liệu"),
        queryset=Document.objects.none(),
        required=False,
        empty_label=gettext_lazy("(Tài liệu mới)"),
    )
    # Empty files pass here so that the upload rules answer with their own message.
    file = forms.FileField(
        label=gettext_lazy("Tệp"),
        allow_empty_file=True,
        widget=forms.FileInput(
            attrs={"accept": ",".join(f".{e}" for k in upload_rules.KINDS for e in k.extensions)}
        ),
    )

    def __init__(self, *args, meeting: Meeting, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = selectors.agenda_items(meeting)
        self.fields["document"].queryset = selectors.meeting_documents(user, meeting)
        invitees = [person.pk for person in meeting_selectors.meeting_invitees(meeting)]
        self.fields["readers"].queryset = (
            User.objects.filter(is_active=True)
            .filter(Q(pk__in=invitees) | Q(memberships__unit_id=meeting.host_unit_id))
            .distinct()
            .order_by("full_name", "username")
        )

    def fields_for_service(self) -> services.DocumentFields:
        data = self.cleaned_data
        return services.DocumentFields(
            title=data["title"],
            agenda_item_id=data["agenda_item"].pk if data["agenda_item"] else None,
            is_confidential=data["is_confidential"],
            reader_ids=tuple(sorted(user.pk for user in data["readers"])),
        )


class UploadSizeGuard(FileUploadHandler):
    """Stops reading a file as soon as its bytes pass the limit (first in the chain)."""

    def __init__(self, request: HttpRequest, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.received = 0
        self.too_large = False

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _upload_page(
    request: HttpRequest,
    meeting: Meeting,
    form: DocumentUploadForm,
    *,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    template = "agenda/documents/_form.html" if request.htmx else "agenda/documents/upload.html"
    context = {
        "meeting": meeting,
        "form": form,
        "errors": errors or [],
        "next": _next_url(request),
        "allowed": upload_rules.allowed_labels(),
        "limit_mb": services.upload_limits().max_bytes // upload_rules.MB,
    }
    return render(request, template, context, status=status)


def _next_url(request: HttpRequest) -> str:
    """Where the page that posted wants to go back to (only within this site)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else ""


@csrf_exempt  # the size guard must be installed before the CSRF check reads the body
@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meeting_selectors.meeting_get(request.user, meeting_id)
    if not selectors.agenda_manageable_by(request.user, meeting):
        raise HttpForbidden
    if request.method == "GET":
        form = DocumentUploadForm(meeting=meeting, user=request.user)
        return _upload_page(request, meeting, form)
    limits = services.upload_limits()
    declared = int_param(request.META.get("CONTENT_LENGTH")) or 0
    if declared > limits.max_bytes + MULTIPART_SLACK:
        # The declared length first: a request far too large is refused unread.
        form = DocumentUploadForm(meeting=meeting, user=request.user)
        return _too_large_page(request, meeting, form, limits)
    guard = UploadSizeGuard(request, limits.max_bytes)
    request.upload_handlers.insert(0, guard)
    return _upload_post(request, meeting, guard)


@csrf_protect
def _upload_post(request: HttpRequest, meeting: Meeting, guard: UploadSizeGuard) -> HttpResponse:
    form = DocumentUploadForm(request.POST, request.FILES, meeting=meeting, user=request.user)
    if guard.too_large:
        return _too_large_page(request, meeting, form, services.upload_limits())
    if not form.is_valid():
        return _upload_page(request, meeting, form, status=422)
    target = form.cleaned_data["document"]
    upload = form.cleaned_data["file"]
    try:
        with forbidden_as_403():
            if target is not None:
                version = services.document_version_upload(
                    actor=request.user, document_id=target.pk, upload=upload
                )
                message = _("Đã tải lên phiên bản %(number)s của “%(title)s”.") % {
                    "number": version.number,
                    "title": target.title,
                }
            else:
                document = services.document_create(
                    actor=request.user,
                    meeting_id=meeting.pk,
                    fields=form.fields_for_service(),
                    upload=upload,
                )
                message = _("Đã tải lên tài liệu “%(title)s”.") % {"title": document.title}
    except UploadRefused as refused:
        form.add_error("file", refused.message)
        return _upload_page(request, meeting, form, status=refused.status)
    except ValidationError as refused:
        _add_service_errors(form, refused)
        return _upload_page(request, meeting, form, status=422)
    messages.success(request, message)
    return redirect(_next_url(request) or reverse("meeting-detail", args=[meeting.pk]))


def _too_large_page(
    request: HttpRequest, meeting: Meeting, form: DocumentUploadForm, limits: upload_rules.Limits
) -> HttpResponse:
    refused = upload_rules.too_large(None, limits)
    return _upload_page(request, meeting, form, errors=[refused.message], status=refused.status)


def _add_service_errors(form: forms.Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, found in error.message_dict.items():
        form.add_error(SERVICE_FIELD_TO_FORM.get(key), found)


@login_required
@require_POST
def document_delete(request: HttpRequest, document_id: int) -> HttpResponse:
    document = selectors.document_get(request.user, document_id)
    try:
        with forbidden_as_403():
            services.document_delete(actor=request.user, document_id=document.pk)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Đã xóa tài liệu “%(title)s”.") % {"title": document.title})
    return redirect(_next_url(request) or reverse("meeting-detail", args=[document.meeting_id]))


@login_required
@require_GET
def document_download(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.version_get(request.user, version_id)
    response = downloads.version_response(version, reader=request.user, inline=False)
    receipt_mark(user=request.user, document=version.document, event="downloaded")
    return response


@xframe_options_sameorigin  # the meeting page may show it in a frame, at #page=N
@login_required
@require_GET
def document_open(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.version_get(request.user, version_id)
    response = downloads.version_response(version, reader=request.user, inline=True)
    receipt_mark(user=request.user, document=version.document, event="opened")
    return response


@login_required
@require_GET
def meeting_documents_zip(request: HttpRequest, meeting_id: int) -> FileResponse:
    """Every latest version this person may read, for a bridge point with a weak link."""
    meeting = meeting_selectors.meeting_get(request.user, meeting_id)
    entries = downloads.zip_entries(selectors.meeting_documents(request.user, meeting))
    response = downloads.meeting_zip_response(meeting, entries, reader=request.user)
    for entry in entries:
        receipt_mark(user=request.user, document=entry.document, event="downloaded")
    return response
