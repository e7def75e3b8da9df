"""The minutes pages: the editor (secretary), the approval view (chair), the history, a
comparison of two versions, the draft PDF, and the PDFs of approved versions.

Each view parses, calls one selector or service (agenda.services.minutes), and renders.
A refused save keeps what the user typed on the page, with the reason next to the field
(422) or, when someone saved in between, who it was (409).
"""

import contextlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agenda import selectors_minutes as selectors
from agenda.downloads import ATTACHMENT, INLINE, content_disposition
from agenda.forms_minutes import content_from_post, posted_int, typed_from_iso
from agenda.minutes_compare import compare_versions
from agenda.models import Minutes, MinutesDocument, MinutesVersion
from agenda.richtext import clean_html
from agenda.services import minutes as services
from meetings.models import Meeting
from meetings.vietnamese_dates import date_time_short, document_date
from meetings.views.common import run_service

EDITABLE = (Minutes.Status.DRAFT, Minutes.Status.RETURNED, Minutes.Status.APPROVED)


# Showing a version --------------------------------------------------------------------------


@dataclass(frozen=True)
class ShownSection:
    index: int
    key: str
    title: str
    layout: str
    html: SafeString  # cleaned again on the way out: whatever stored it, only the subset shows
    raw: str
    errors: list[str]


def shown_sections(content: dict, errors: dict[str, list[str]] | None = None) -> list[ShownSection]:
    errors = errors or {}
    shown = []
    for index, section in enumerate(content.get("sections") or []):
        html = clean_html(section.get("html", "")) if isinstance(section, dict) else ""
        shown.append(
            ShownSection(
                index=index,
                key=str(section.get("key", "")),
                title=str(section.get("title", "")),
                layout=str(section.get("layout", "block")),
                html=mark_safe(html),  # noqa: S308 (sanitised by clean_html just above)
                raw=html,
                errors=[
                    message
                    for key, messages_ in errors.items()
                    if key.startswith(f"sections.{index}.") or key == f"sections.{index}"
                    for message in messages_
                ],
            )
        )
    return shown


def place_date(content: dict) -> str:
    """ "Lạng Sơn, ngày 22 tháng 11 năm 2026" as the header prints it."""
    header = content.get("header") or {}
    try:
        day = date.fromisoformat(header.get("date", ""))
    except (TypeError, ValueError):
        return str(header.get("place", ""))
    with translation.override("vi"):  # the legal form's wording
        return ", ".join(filter(None, [str(header.get("place", "")), document_date(day)]))


def _shown_signers(document: MinutesDocument) -> list[dict[str, Any]]:
    """The document's signers with the signing time in local time, for the page."""
    shown = []
    for signer in document.signers or []:
        when = ""
        with contextlib.suppress(TypeError, ValueError):
            when = date_time_short(datetime.fromisoformat(signer.get("signed_at") or ""))
        role = {"secretary": _("thư ký"), "chair": _("chủ trì")}.get(signer.get("role", ""), "")
        shown.append({**signer, "when": when, "role": role})
    return shown


def _header_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """{"date": [...]} for "header.date"; the page's date is typed dd/mm/yyyy."""
    found = {k.removeprefix("header."): v for k, v in errors.items() if k.startswith("header.")}
    if "date" in found:
        found["date"] = [_("Nhập ngày theo dạng dd/mm/yyyy, ví dụ 22/11/2026.")]
    return found


def _general_errors(errors: dict[str, list[str]]) -> list[str]:
    known = ("header.", "sections.", "signers.")
    return [m for k, ms in errors.items() if not k.startswith(known) for m in ms]


def _signer_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    return {
        k.removeprefix("signers.").replace(".", "_"): v
        for k, v in errors.items()
        if k.startswith("signers.")
    }


# The main page ------------------------------------------------------------------------------


def _refused_status(refused: ValidationError) -> int:
    """409 when someone saved in between (the page says who), 422 for any other refusal."""
    return 409 if isinstance(refused, services.StaleVersion) else 422


def _refusal_errors(refused: ValidationError | None) -> dict[str, list[str]]:
    if refused is None:
        return {}
    if hasattr(refused, "error_dict"):
        return refused.message_dict
    return {"__all__": refused.messages}


def _page(
    request: HttpRequest,
    meeting_id: int,
    *,
    posted: dict | None = None,
    refused: ValidationError | None = None,
    comment: str = "",
    status: int = 200,
) -> HttpResponse:
    meeting, access, minutes = selectors.visible_minutes(request.user, meeting_id)
    errors = _refusal_errors(refused)
    context: dict[str, Any] = {
        "meeting": meeting,
        "access": access,
        "minutes": minutes,
        "errors": _general_errors(errors),
        "stale": isinstance(refused, services.StaleVersion),
        "comment": comment,
        "comment_errors": errors.get("comment", []),
        "file_errors": errors.get("file", []),
        "draftable": meeting.status in services.DRAFTABLE,
    }
    if minutes is None:
        return render(request, "agenda/minutes/page.html", context, status=status)
    if not access.sees_drafts:
        version = minutes.published_document.version
        context |= {
            "version": version,
            "content": version.content,
            "sections": shown_sections(version.content),
            "place_date": place_date(version.content),
        }
        return render(request, "agenda/minutes/page.html", context, status=status)
    history = list(selectors.versions(minutes))
    latest = history[0]
    content = posted if posted is not None else latest.content
    editing = access.may_edit and minutes.status in EDITABLE
    approved = next((v for v in history if v.approved_at and v.verification_code), None)
    for document in approved.documents.all() if approved else []:
        document.shown_signers = _shown_signers(document)
    context |= {
        "version": latest,
        "history": history,
        "content": content,
        "sections": shown_sections(content, errors),
        "place_date": place_date(content),
        "header_errors": _header_errors(errors),
        "header_date_text": typed_from_iso((content.get("header") or {}).get("date")),
        "signer_errors": _signer_errors(errors),
        "recipients_text": "\n".join(
            line for line in content.get("recipients") or [] if isinstance(line, str)
        ),
        "editing": editing,
        "approved": approved,
        "reviews": [review for version in history for review in version.reviews.all()],
        "returned": minutes.status == Minutes.Status.RETURNED,
        "max_upload_mb": services.max_upload_bytes() // (1024 * 1024),
    }
    if latest.reviews.all():
        context["last_review"] = max(latest.reviews.all(), key=lambda r: (r.at, r.pk))
    return render(request, "agenda/minutes/page.html", context, status=status)


def _minutes_url(meeting_id: int, anchor: str = "") -> str:
    return reverse("minutes", args=[meeting_id]) + (f"#{anchor}" if anchor else "")


@login_required
@require_GET
def minutes_page(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _page(request, meeting_id)


@login_required
@require_POST
def minutes_build(request: HttpRequest, meeting_id: int) -> HttpResponse:
    version, refused = run_service(
        lambda: services.minutes_draft_build(actor=request.user, meeting_id=meeting_id)
    )
    if refused is not None:
        return _page(request, meeting_id, refused=refused, status=422)
    messages.success(
        request,
        _("Đã dựng dự thảo biên bản từ dữ liệu cuộc họp (phiên bản %(n)s).")
        % {"n": version.number},
    )
    return redirect(_minutes_url(meeting_id))


@login_required
@require_POST
def minutes_save(request: HttpRequest, meeting_id: int) -> HttpResponse:
    posted = content_from_post(request.POST)
    base = posted_int(request.POST.get("base_number")) or 0
    version, refused = run_service(
        lambda: services.minutes_version_save(
            actor=request.user,
            meeting_id=meeting_id,
            base_number=base,
            content=posted,
            note=request.POST.get("note", ""),
        )
    )
    if refused is not None:
        status = _refused_status(refused)
        return _page(request, meeting_id, posted=posted, refused=refused, status=status)
    if version.number == base:
        messages.info(request, _("Không có thay đổi nào so với phiên bản %(n)s.") % {"n": base})
    else:
        messages.success(request, _("Đã lưu phiên bản %(n)s.") % {"n": version.number})
    return redirect(_minutes_url(meeting_id))


@login_required
@require_POST
def minutes_submit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    number = posted_int(request.POST.get("number"))
    _review, refused = run_service(
        lambda: services.minutes_submit(actor=request.user, meeting_id=meeting_id, number=number)
    )
    if refused is not None:
        return _page(request, meeting_id, refused=refused, status=_refused_status(refused))
    messages.success(request, _("Đã trình chủ trì duyệt biên bản."))
    return redirect(_minutes_url(meeting_id))


@login_required
@require_POST
def minutes_approve(request: HttpRequest, meeting_id: int) -> HttpResponse:
    number = posted_int(request.POST.get("number")) or 0
    version, refused = run_service(
        lambda: services.minutes_approve(actor=request.user, meeting_id=meeting_id, number=number)
    )
    if refused is not None:
        return _page(request, meeting_id, refused=refused, status=_refused_status(refused))
    messages.success(
        request,
        _("Đã duyệt biên bản (phiên bản %(n)s). Mã xác thực: %(code)s.")
        % {"n": version.number, "code": version.verification_code},
    )
    return redirect(_minutes_url(meeting_id, "documents"))


@login_required
@require_POST
def minutes_return(request: HttpRequest, meeting_id: int) -> HttpResponse:
    comment = request.POST.get("comment", "")
    _review, refused = run_service(
        lambda: services.minutes_return(
            actor=request.user,
            meeting_id=meeting_id,
            comment=comment,
            number=posted_int(request.POST.get("number")),
        )
    )
    if refused is not None:
        status = _refused_status(refused)
        return _page(request, meeting_id, refused=refused, comment=comment, status=status)
    messages.success(request, _("Đã trả lại biên bản cho thư ký kèm ý kiến."))
    return redirect(_minutes_url(meeting_id))


@login_required
@require_POST
def minutes_upload_signed(request: HttpRequest, meeting_id: int) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None:
        refused = ValidationError({"file": [_("Chọn tệp PDF đã ký số.")]})
        return _page(request, meeting_id, refused=refused, status=422)
    if upload.size > services.max_upload_bytes():
        refused = ValidationError(
            {"file": [_("Tệp lớn hơn %(n)s MB.") % {"n": services.max_upload_bytes() >> 20}]}
        )
        return _page(request, meeting_id, refused=refused, status=413)
    document, refused = run_service(
        lambda: services.minutes_upload_signed(
            actor=request.user, meeting_id=meeting_id, data=upload.read()
        )
    )
    if refused is not None:
        return _page(request, meeting_id, refused=refused, status=422)
    names = ", ".join(s.get("name") or s.get("subject", "") for s in document.signers)
    messages.success(request, _("Đã nhận bản ký số của: %(names)s.") % {"names": names})
    return redirect(_minutes_url(meeting_id, "documents"))


# History, one version, comparison ------------------------------------------------------------


def _drafts(request: HttpRequest, meeting_id: int) -> tuple[Meeting, Minutes]:
    """The minutes for people who see drafts; 404 for the others (and with no minutes)."""
    meeting, access, minutes = selectors.visible_minutes(request.user, meeting_id)
    if minutes is None or not access.sees_drafts:
        raise Http404(_("Không tìm thấy biên bản."))
    return meeting, minutes


@login_required
@require_GET
def minutes_versions(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting, minutes = _drafts(request, meeting_id)
    history = list(selectors.versions(minutes))
    return render(
        request,
        "agenda/minutes/versions.html",
        {"meeting": meeting, "minutes": minutes, "history": history},
    )


@login_required
@require_GET
def minutes_version(request: HttpRequest, meeting_id: int, number: int) -> HttpResponse:
    meeting, version = selectors.version_get(request.user, meeting_id, number)
    _meeting, access = selectors.minutes_meeting(request.user, meeting_id)
    return render(
        request,
        "agenda/minutes/version.html",
        {
            "meeting": meeting,
            "access": access,
            "version": version,
            "content": version.content,
            "sections": shown_sections(version.content),
            "place_date": place_date(version.content),
        },
    )


@login_required
@require_GET
def minutes_compare(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting, minutes = _drafts(request, meeting_id)
    history = {v.number: v for v in selectors.versions(minutes)}
    newest = max(history)
    b = posted_int(request.GET.get("b")) or newest
    a = posted_int(request.GET.get("a")) or max(b - 1, 1)
    if a not in history or b not in history:
        raise Http404(_("Không tìm thấy phiên bản biên bản này."))
    diffs = compare_versions(history[a], history[b])
    return render(
        request,
        "agenda/minutes/compare.html",
        {
            "meeting": meeting,
            "old": history[a],
            "new": history[b],
            "numbers": sorted(history),
            "diffs": diffs,
            "changed": sum(diff.changed for diff in diffs),
        },
    )


# PDFs ---------------------------------------------------------------------------------------


def pdf_filename(meeting: Meeting, version: MinutesVersion, suffix: str = "") -> str:
    return f"Biên bản - {meeting.title} - v{version.number}{suffix}.pdf"


@login_required
@require_GET
def minutes_preview(request: HttpRequest, meeting_id: int, number: int) -> HttpResponse:
    """The draft PDF of any version (stamped BẢN DỰ THẢO, no code), for who sees drafts."""
    from agenda.pdf.minutes import minutes_pdf

    meeting, _minutes = _drafts(request, meeting_id)
    _meeting, version = selectors.version_get(request.user, meeting_id, number)
    pdf = minutes_pdf(version.content, verification_code=None, verify_url=None)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        INLINE, pdf_filename(meeting, version, " - dự thảo")
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def minutes_document(request: HttpRequest, document_id: int) -> FileResponse:
    """A stored PDF (as approved, signed here, or uploaded signed); `?inline=1` to view."""
    document = selectors.document_get(request.user, document_id)
    version = document.version
    suffix = {
        MinutesDocument.Kind.SIGNED: " - ký số",
        MinutesDocument.Kind.UPLOADED: " - bản ký số tải lên",
    }.get(document.kind, "")
    disposition = INLINE if request.GET.get("inline") == "1" else ATTACHMENT
    response = FileResponse(document.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        disposition, pdf_filename(version.minutes.meeting, version, suffix)
    )
    response["Cache-Control"] = "private, no-store"
    return response
