"""Uploading, versioning, changing and deleting meeting documents.

Only the people who manage the meeting's agenda write here (403 otherwise); a meeting or
document the actor cannot see answers 404. Every upload passes agenda.upload_rules first
(UploadRefused, nothing stored); those checks run before the transaction, so that
hashing and parsing a large file holds no lock. A file reaches the storage only inside
the transaction that writes its row, and is deleted again when that transaction fails.
(Django has no rollback hook: if a caller's own outer transaction rolls back later, the
file stays behind, unreferenced.)
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from agenda import selectors, upload_rules
from agenda.models import AgendaItem, Document, DocumentVersion
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, User
from meetings.services.errors import PermissionDenied

TITLE_MAX_LENGTH = 300


@dataclass(frozen=True)
class DocumentFields:
    """What the organizer sets on a document (the file aside)."""

    title: str = ""  # blank on create: the file name without its extension
    agenda_item_id: int | None = None
    is_confidential: bool = False
    reader_ids: tuple[int, ...] = ()  # who may read it when confidential
    comments_until: datetime | None = None


def document_fields(document: Document) -> DocumentFields:
    """The document's current fields, to change a few with dataclasses.replace."""
    return DocumentFields(
        title=document.title,
        agenda_item_id=document.agenda_item_id,
        is_confidential=document.is_confidential,
        reader_ids=tuple(sorted(document.readers.values_list("pk", flat=True))),
        comments_until=document.comments_until,
    )


def upload_limits() -> upload_rules.Limits:
    return upload_rules.Limits(max_bytes=settings.DOCUMENT_MAX_UPLOAD_MB * upload_rules.MB)


def is_emailable(document: Document) -> bool:
    """Whether the document may travel as an e-mail attachment: never when confidential."""
    return not document.is_confidential


def document_create(
    *, actor: User, meeting_id: int, fields: DocumentFields, upload: File
) -> Document:
    """A new document with its first version."""
    meeting = _manageable_meeting(actor, meeting_id)
    checked = _check(upload, pdf_only=fields.is_confidential)
    if not fields.title.strip():
        fields = replace(fields, title=PurePosixPath(checked.name).stem[:TITLE_MAX_LENGTH])
    with _files_removed_on_failure() as stored, transaction.atomic():
        _validate(meeting, fields)
        document = Document.objects.create(
            meeting=meeting,
            title=fields.title.strip(),
            agenda_item_id=fields.agenda_item_id,
            is_confidential=fields.is_confidential,
            comments_until=fields.comments_until,
            created_by=actor,
        )
        document.readers.set(fields.reader_ids if fields.is_confidential else ())
        _version_add(document, upload=upload, checked=checked, actor=actor, stored=stored)
    return document


def document_version_upload(*, actor: User, document_id: int, upload: File) -> DocumentVersion:
    """Version N+1 of a document; the older ones stay readable (superseded)."""
    document = _manageable_document(actor, document_id)
    checked = _check(upload, pdf_only=document.is_confidential)
    with _files_removed_on_failure() as stored, transaction.atomic():
        # The row lock makes concurrent uploads take numbers one after the other.
        document = Document.objects.select_for_update().get(pk=document.pk)
        return _version_add(document, upload=upload, checked=checked, actor=actor, stored=stored)


@transaction.atomic
def document_update(*, actor: User, document_id: int, fields: DocumentFields) -> Document:
    """Change title, agenda item, confidentiality, readers and the comment deadline."""
    document = _manageable_document(actor, document_id)
    document = Document.objects.select_for_update().get(pk=document.pk)
    _validate(document.meeting, fields)
    if fields.is_confidential and not document.is_confidential:
        others = (
            document.versions.exclude(content_type=upload_rules.PDF.content_type)
            .values_list("number", flat=True)
            .order_by("number")
        )
        if others:
            raise ValidationError(
                {
                    "is_confidential": _(
                        "Chỉ tài liệu PDF mới được đánh dấu mật; phiên bản %(numbers)s "
                        "của tài liệu này không phải PDF."
                    )
                    % {"numbers": ", ".join(str(n) for n in others)}
                }
            )
    document.title = fields.title.strip()
    document.agenda_item_id = fields.agenda_item_id
    document.is_confidential = fields.is_confidential
    document.comments_until = fields.comments_until
    document.save()
    document.readers.set(fields.reader_ids if fields.is_confidential else ())
    return document


@transaction.atomic
def document_delete(*, actor: User, document_id: int) -> None:
    """Delete the document, its versions and their files."""
    document = _manageable_document(actor, document_id)
    names = list(document.versions.values_list("file", flat=True))
    document.delete()
    # Files go only once the rows are surely gone.
    transaction.on_commit(lambda: _delete_files(names))


# --- helpers -------------------------------------------------------------------


def _manageable_meeting(actor: User, meeting_id: int) -> Meeting:
    meeting = meeting_selectors.meeting_get(actor, meeting_id)  # 404 when not visible
    if not selectors.agenda_manageable_by(actor, meeting):
        raise PermissionDenied(_("Chỉ văn phòng đơn vị chủ trì được quản lý tài liệu họp."))
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Cuộc họp đã bị hủy; không thể thay đổi tài liệu."))
    return meeting


def _manageable_document(actor: User, document_id: int) -> Document:
    document = selectors.document_get(actor, document_id)  # 404 when not readable
    _manageable_meeting(actor, document.meeting_id)
    return document


def _check(upload: File, *, pdf_only: bool) -> upload_rules.CheckedUpload:
    return upload_rules.check_upload(
        upload.name or "",
        upload,
        limits=upload_limits(),
        declared_size=getattr(upload, "size", None),
        pdf_only=pdf_only,
    )


def _validate(meeting: Meeting, fields: DocumentFields) -> None:
    errors: dict[str, list[str]] = {}
    title = fields.title.strip()
    if not title:
        errors["title"] = [_("Nhập tên tài liệu.")]
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = [_("Tên tài liệu dài quá %(limit)s ký tự.") % {"limit": TITLE_MAX_LENGTH}]
    if (
        fields.agenda_item_id is not None
        and not AgendaItem.objects.filter(pk=fields.agenda_item_id, meeting=meeting).exists()
    ):
        errors["agenda_item_id"] = [_("Mục chương trình không thuộc cuộc họp này.")]
    if fields.is_confidential:
        problems = _reader_problems(meeting, fields.reader_ids)
        if problems:
            errors["reader_ids"] = problems
    if errors:
        raise ValidationError(errors)


def _reader_problems(meeting: Meeting, reader_ids: tuple[int, ...]) -> list[str]:
    """Readers must exist and take part in the meeting (others could not open it anyway)."""
    readers = {user.pk: user for user in User.objects.filter(pk__in=reader_ids, is_active=True)}
    problems = [
        _("Người dùng số %(id)s không tồn tại.") % {"id": pk}
        for pk in sorted(set(reader_ids) - readers.keys())
    ]
    for user in readers.values():
        if not meeting_selectors.meetings_visible_to(user).filter(pk=meeting.pk).exists():
            problems.append(
                _("%(name)s không tham dự cuộc họp này nên không thể được đọc tài liệu.")
                % {"name": user.display_name}
            )
    return problems


def _next_number(document: Document) -> int:
    return (document.versions.aggregate(top=Max("number"))["top"] or 0) + 1


def _version_add(
    document: Document,
    *,
    upload: File,
    checked: upload_rules.CheckedUpload,
    actor: User,
    stored: list[str],
) -> DocumentVersion:
    version = DocumentVersion(
        document=document,
        number=_next_number(document),
        original_name=checked.name,
        content_type=checked.kind.content_type,
        size=checked.size,
        sha256=checked.sha256,
        page_count=checked.page_count,
        uploaded_by=actor,
    )
    # The path comes from document_upload_path; the name given here is never used.
    version.file.save(checked.kind.extension, upload, save=False)
    stored.append(version.file.name)
    version.save()
    return version


@contextmanager
def _files_removed_on_failure() -> Iterator[list[str]]:
    """Names stored inside the block are deleted if the block (its transaction) fails."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        _delete_files(stored)
        raise


def _delete_files(names: list[str]) -> None:
    storage = DocumentVersion._meta.get_field("file").storage
    for name in names:
        storage.delete(name)
