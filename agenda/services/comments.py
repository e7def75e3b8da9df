"""Comments on draft documents (góp ý) and the organizer's answers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from agenda.models import Comment, Notice
from agenda.selectors import agenda_manageable_by, document_get, latest_version
from agenda.selectors_distribution import comment_get, commenting_rooms, comments_open, may_comment
from meetings.models import User
from meetings.services.errors import PermissionDenied
from meetings.vietnamese_dates import date_time_short

MAX_TEXT_CHARS = 10_000
ANSWERS = (Comment.Status.ACCEPTED, Comment.Status.ANSWERED, Comment.Status.DECLINED)
# Answering "giải trình" or declining must say why; accepting needs no words.
REPLY_REQUIRED = (Comment.Status.ANSWERED, Comment.Status.DECLINED)


@transaction.atomic
def comment_create(
    *,
    actor: User,
    document_id: int,
    text: str,
    page: int | None = None,
    bridge_point_id: int | None = None,
) -> Comment:
    """An invitee's comment on the latest version, before the organizer's deadline.

    An operator may send it on behalf of a room they run in this meeting
    (`bridge_point_id`); the comment then speaks for that bridge point.
    """
    document = document_get(actor, document_id)
    meeting = document.meeting
    if not may_comment(actor, meeting):
        raise PermissionDenied(_("Chỉ người được mời dự họp được góp ý tài liệu."))
    if document.comments_until is None:
        raise ValidationError(_("Tài liệu này không lấy ý kiến góp ý."))
    if not comments_open(document, timezone.now()):
        raise ValidationError(
            _("Đã hết hạn góp ý (hạn %(until)s).")
            % {"until": date_time_short(document.comments_until)}
        )
    version = latest_version(document)
    if version is None:
        raise ValidationError(_("Tài liệu chưa có tệp để góp ý."))

    errors: dict[str, list[str]] = {}
    text = text.strip()
    if not text:
        errors["text"] = [_("Nhập nội dung góp ý.")]
    elif len(text) > MAX_TEXT_CHARS:
        errors["text"] = [_("Góp ý dài tối đa %(n)s ký tự.") % {"n": MAX_TEXT_CHARS}]
    if page is not None:
        if page < 1:
            errors["page"] = [_("Số trang phải từ 1 trở lên.")]
        elif version.page_count and page > version.page_count:
            errors["page"] = [_("Tài liệu chỉ có %(count)s trang.") % {"count": version.page_count}]
    if bridge_point_id is not None and bridge_point_id not in {
        room.pk for room in commenting_rooms(actor, meeting)
    }:
        errors["bridge_point_id"] = [_("Anh/chị không phụ trách điểm cầu này trong cuộc họp.")]
    if errors:
        raise ValidationError(errors)
    return Comment.objects.create(
        document=document,
        version=version,
        author=actor,
        bridge_point_id=bridge_point_id,
        page=page,
        text=text,
    )


@transaction.atomic
def comment_answer(*, actor: User, comment_id: int, status: str, reply: str = "") -> Comment:
    """The organizer accepts (tiếp thu), answers (giải trình) or declines a comment.

    The author is told by an in-app notice. Answering again replaces the answer.
    """
    comment = comment_get(actor, comment_id)
    if not agenda_manageable_by(actor, comment.document.meeting):
        raise PermissionDenied(_("Chỉ văn phòng đơn vị chủ trì được trả lời góp ý."))
    comment = Comment.objects.select_for_update().select_related("document").get(pk=comment.pk)
    errors: dict[str, list[str]] = {}
    reply = reply.strip()
    if status not in ANSWERS:
        errors["status"] = [_("Chọn tiếp thu, giải trình hoặc không tiếp thu.")]
    elif status in REPLY_REQUIRED and not reply:
        errors["reply"] = [_("Nhập nội dung trả lời: giải trình hoặc lý do không tiếp thu.")]
    if len(reply) > MAX_TEXT_CHARS:
        errors["reply"] = [_("Trả lời dài tối đa %(n)s ký tự.") % {"n": MAX_TEXT_CHARS}]
    if errors:
        raise ValidationError(errors)
    comment.status = status
    comment.reply = reply
    comment.replied_by = actor
    comment.replied_at = timezone.now()
    comment.save(update_fields=["status", "reply", "replied_by", "replied_at"])
    with translation.override(settings.LANGUAGE_CODE):
        Notice.objects.create(
            user_id=comment.author_id,
            meeting_id=comment.document.meeting_id,
            url=reverse("document-comments", args=[comment.document_id]),
            text=_("Góp ý của anh/chị về “%(title)s” đã được trả lời: %(status)s.")
            % {
                "title": Truncator(comment.document.title).chars(200),
                "status": comment.get_status_display(),
            },
        )
    return comment
