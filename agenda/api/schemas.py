"""Request and response shapes of the agenda and document endpoints (the OpenAPI schema)."""

from django.urls import reverse
from ninja import Field, Schema

from agenda.models import Document, DocumentVersion, ItemKind
from agenda.services.documents import DocumentFields
from agenda.services.items import ItemInput
from meetings.api.schemas import LocalDateTime, PersonOut, UnitRef, _partial

# Agenda items


class AgendaItemOut(Schema):
    id: int
    meeting_id: int
    position: int = Field(description="1 for the first item; the agenda's order.")
    title: str
    kind: ItemKind
    planned_minutes: int
    presenter_user: PersonOut | None
    presenter_unit: UnitRef | None
    presenter_name: str = Field(description="The person's name, else the unit's; may be empty.")
    planned_start: LocalDateTime = Field(
        description="The meeting's start plus the planned minutes of the items before it."
    )
    planned_end: LocalDateTime
    document_ids: list[int] = Field(
        description="Documents attached to the item that you may read, in the agenda's order."
    )


class AgendaItemIn(Schema):
    title: str
    kind: ItemKind = ItemKind.REPORT
    planned_minutes: int = Field(15, description="1 to 600.")
    presenter_user_id: int | None = Field(None, description="A person presents the item …")
    presenter_unit_id: int | None = Field(None, description="… or a unit; not both.")

    def to_input(self) -> ItemInput:
        return ItemInput(
            title=self.title,
            kind=str(self.kind),
            planned_minutes=self.planned_minutes,
            presenter_user_id=self.presenter_user_id,
            presenter_unit_id=self.presenter_unit_id,
        )


AgendaItemPatchIn = _partial(AgendaItemIn, "AgendaItemPatchIn")
AgendaItemPatchIn.__doc__ = (
    "Only the fields sent change. Sending either presenter field replaces the presenter: "
    "the other one is cleared unless it is sent too."
)
PRESENTER_FIELDS = ("presenter_user_id", "presenter_unit_id")


class ReorderIn(Schema):
    ids: list[int] = Field(description="Every item of the meeting, each once, in the new order.")


# Documents


class DocumentVersionOut(Schema):
    id: int
    document_id: int
    number: int = Field(description="1 for the first upload; each new upload adds one.")
    original_name: str
    content_type: str = Field(description="Found by reading the bytes, not from the name.")
    size: int = Field(description="Bytes.")
    sha256: str
    page_count: int | None = Field(description="PDFs only.")
    uploaded_by: PersonOut | None
    uploaded_at: LocalDateTime
    download_url: str

    @staticmethod
    def resolve_download_url(version: DocumentVersion) -> str:
        return reverse("api-1:document_version_download", args=[version.pk])


class DocumentOut(Schema):
    id: int
    meeting_id: int
    agenda_item_id: int | None
    title: str
    is_confidential: bool = Field(
        description="Tài liệu mật: only its readers and its creator see it; every download "
        "is watermarked with the reader's name, unit and time."
    )
    reader_ids: list[int] = Field(description="The people named on a confidential document.")
    comments_until: LocalDateTime | None
    created_by: PersonOut | None
    created_at: LocalDateTime
    current_version_id: int | None = Field(
        description="The latest version; the others are superseded but stay readable."
    )
    versions: list[DocumentVersionOut] = Field(description="Newest first.")

    @staticmethod
    def resolve_reader_ids(document: Document) -> list[int]:
        return sorted(reader.pk for reader in document.readers.all())

    @staticmethod
    def resolve_current_version_id(document: Document) -> int | None:
        latest = max(document.versions.all(), key=lambda v: v.number, default=None)
        return latest.pk if latest is not None else None

    @staticmethod
    def resolve_versions(document: Document) -> list[DocumentVersion]:
        return sorted(document.versions.all(), key=lambda v: v.number, reverse=True)


class DocumentIn(Schema):
    title: str
    agenda_item_id: int | None = Field(None, description="null: a document of the whole meeting.")
    is_confidential: bool = False
    reader_ids: list[int] = Field(
        [], description="Who may read a confidential document (people invited to the meeting)."
    )
    comments_until: LocalDateTime | None = Field(
        None, description="Deadline for comments (góp ý); null: no comments asked."
    )

    def to_fields(self) -> DocumentFields:
        return DocumentFields(
            title=self.title,
            agenda_item_id=self.agenda_item_id,
            is_confidential=self.is_confidential,
            reader_ids=tuple(self.reader_ids),
            comments_until=self.comments_until,
        )


class DocumentCreateForm(DocumentIn):
    """The multipart fields sent beside `file`; repeat `reader_ids` once per reader."""

    title: str = Field("", description="Empty: the file's name without its extension.")


DocumentPatchIn = _partial(DocumentIn, "DocumentPatchIn")
DocumentPatchIn.__doc__ = "Only the fields sent change; `reader_ids` replaces the whole list."
