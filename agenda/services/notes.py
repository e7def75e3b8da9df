"""Personal notes: written, changed and deleted by their owner only."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from agenda.models import AgendaItem, PersonalNote
from agenda.selectors import latest_version, readable_documents
from agenda.selectors_distribution import my_note_get
from meetings import selectors as meeting_selectors
from meetings.models import User

MAX_TEXT_CHARS = 20_000


@transaction.atomic
def note_save(
    *,
    actor: User,
    meeting_id: int,
    text: str,
    agenda_item_id: int | None = None,
    document_id: int | None = None,
    page: int | None = None,
) -> PersonalNote:
    """Write the actor's note at one place: the meeting as a whole, an agenda item, or a
    document (optionally one of its pages). One note per place: saving again replaces it."""
    meeting = meeting_selectors.meeting_get(actor, meeting_id)
    errors: dict[str, list[str]] = {}
    text = text.strip()
    if not text:
        errors["text"] = [_("Nhập nội dung ghi chú.")]
    elif len(text) > MAX_TEXT_CHARS:
        errors["text"] = [_("Ghi chú dài tối đa %(n)s ký tự.") % {"n": MAX_TEXT_CHARS}]
    if agenda_item_id is not None and document_id is not None:
        errors["document_id"] = [_("Ghi chú gắn với một mục chương trình hoặc một tài liệu.")]
    item = document = None
    if agenda_item_id is not None:
        item = AgendaItem.objects.filter(pk=agenda_item_id, meeting=meeting).first()
        if item is None:
            errors["agenda_item_id"] = [_("Không tìm thấy mục chương trình trong cuộc họp này.")]
    if document_id is not None:
        document = readable_documents(actor).filter(pk=document_id, meeting=meeting).first()
        if document is None:
            errors["document_id"] = [_("Không tìm thấy tài liệu trong cuộc họp này.")]
    if page is not None:
        version = latest_version(document) if document is not None else None
        if document_id is None:
            errors["page"] = [_("Số trang chỉ dùng cho ghi chú trên tài liệu.")]
        elif page < 1:
            errors["page"] = [_("Số trang phải từ 1 trở lên.")]
        elif version is not None and version.page_count and page > version.page_count:
            errors["page"] = [_("Tài liệu chỉ có %(count)s trang.") % {"count": version.page_count}]
    if errors:
        raise ValidationError(errors)
    note = (
        PersonalNote.objects.select_for_update()
        .filter(owner=actor, meeting=meeting, agenda_item=item, document=document, page=page)
        .order_by("pk")  # the default ordering joins the items, which cannot be locked
        .first()
    )
    if note is None:
        note = PersonalNote(
            owner=actor, meeting=meeting, agenda_item=item, document=document, page=page
        )
    note.text = text
    note.save()
    return note


@transaction.atomic
def note_delete(*, actor: User, note_id: int, meeting_id: int | None = None) -> None:
    """Delete the actor's own note (of that meeting, when given); anyone else's answers 404,
    as if it did not exist."""
    note = my_note_get(actor, note_id)
    if meeting_id is not None and note.meeting_id != meeting_id:
        raise Http404(_("Không tìm thấy ghi chú."))
    note.delete()
