"""Comments on a draft document (góp ý): the list and the form, answers, and the exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agenda import exports
from agenda.downloads import generated_attachment
from agenda.forms import add_service_errors
from agenda.forms_distribution import AnswerForm, CommentForm
from agenda.models import Comment, Document
from agenda.selectors import agenda_manageable_by, document_get, latest_version
from agenda.selectors_distribution import (
    comment_get,
    comment_places,
    commenting_rooms,
    comments_open,
    document_comments,
    may_comment,
)
from agenda.services.comments import comment_answer, comment_create
from meetings.views.common import forbidden_as_403


def _answer_form(comment: Comment, data=None) -> AnswerForm:
    initial = {"status": comment.status, "reply": comment.reply}
    return AnswerForm(data, initial=initial, auto_id=f"answer-{comment.pk}-%s")


def _page(
    request: HttpRequest,
    document: Document,
    *,
    form: CommentForm | None = None,
    answered: tuple[int, AnswerForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user, meeting = request.user, document.meeting
    comments = document_comments(user, document)
    manageable = agenda_manageable_by(user, meeting)
    places = comment_places(meeting, comments)
    commenter = may_comment(user, meeting)
    rooms = commenting_rooms(user, meeting) if commenter else []
    context = {
        "meeting": meeting,
        "document": document,
        "version": latest_version(document),
        "manageable": manageable,
        "may_comment": commenter,
        "is_open": comments_open(document, timezone.now()),
        "form": form or CommentForm(rooms=rooms, auto_id="comment-%s"),
        "entries": [
            (
                comment,
                places.get(comment.pk, ""),
                answered[1]
                if answered and answered[0] == comment.pk
                else (_answer_form(comment) if manageable else None),
            )
            for comment in comments
        ],
    }
    return render(request, "agenda/distribution/comments.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def document_comments_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the comments the user may see; POST: send one."""
    document = document_get(request.user, pk)
    if request.method == "GET":
        return _page(request, document)
    rooms = commenting_rooms(request.user, document.meeting)
    form = CommentForm(request.POST, rooms=rooms, auto_id="comment-%s")
    if form.is_valid():
        try:
            with forbidden_as_403():
                comment = comment_create(
                    actor=request.user,
                    document_id=document.pk,
                    text=form.cleaned_data["text"],
                    page=form.cleaned_data["page"],
                    bridge_point_id=form.cleaned_data.get("bridge_point_id"),
                )
        except ValidationError as refused:
            add_service_errors(form, refused)
        else:
            messages.success(request, _("Đã gửi góp ý."))
            return redirect(f"{reverse('document-comments', args=[pk])}#comment-{comment.pk}")
    return _page(request, document, form=form, status=422)


@login_required
@require_POST
def comment_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    comment = comment_get(request.user, pk)
    if not agenda_manageable_by(request.user, comment.document.meeting):
        raise HttpForbidden(_("Chỉ văn phòng đơn vị chủ trì được trả lời góp ý."))
    form = AnswerForm(request.POST, auto_id=f"answer-{pk}-%s")
    if form.is_valid():
        try:
            with forbidden_as_403():
                comment = comment_answer(
                    actor=request.user,
                    comment_id=pk,
                    status=form.cleaned_data["status"],
                    reply=form.cleaned_data["reply"],
                )
        except ValidationError as refused:
            add_service_errors(form, refused)
        else:
            if request.htmx:
                return _comment_partial(request, comment_get(request.user, pk))
            messages.success(request, _("Đã lưu trả lời."))
            url = reverse("document-comments", args=[comment.document_id])
            return redirect(f"{url}#comment-{pk}")
    if request.htmx:
        return _comment_partial(request, comment, form=form, status=422)
    return _page(request, comment.document, answered=(pk, form), status=422)


def _comment_partial(
    request: HttpRequest, comment: Comment, *, form: AnswerForm | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "comment": comment,
        "answer_form": form or _answer_form(comment),
        "place": comment_places(comment.document.meeting, [comment]).get(comment.pk, ""),
        "manageable": True,
    }
    return render(request, "agenda/distribution/_comment.html", context, status=status)


def _exported(request: HttpRequest, pk: int) -> tuple[Document, list[Comment], dict[int, str]]:
    """A document's comments for the organizer: 404 if unreadable, 403 for anyone else."""
    document = document_get(request.user, pk)
    if not agenda_manageable_by(request.user, document.meeting):
        raise HttpForbidden(_("Chỉ văn phòng đơn vị chủ trì được tải bảng tổng hợp góp ý."))
    comments = document_comments(request.user, document)
    return document, comments, comment_places(document.meeting, comments)


@login_required
@require_GET
def document_comments_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    document, comments, places = _exported(request, pk)
    return generated_attachment(
        exports.comments_xlsx(document, comments, places),
        exports.XLSX_TYPE,
        exports.comments_filename(document, "xlsx"),
    )


@login_required
@require_GET
def document_comments_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    document, comments, places = _exported(request, pk)
    return generated_attachment(
        exports.comments_pdf(document, comments, places),
        "application/pdf",
        exports.comments_filename(document, "pdf"),
    )
