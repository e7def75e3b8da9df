from agenda.models.comments import Comment
from agenda.models.distribution import Notice, Receipt
from agenda.models.documents import Document, DocumentVersion, document_upload_path
from agenda.models.items import AgendaItem, AgendaTemplate, AgendaTemplateItem, ItemKind
from agenda.models.notes import PersonalNote

__all__ = [
    "AgendaItem",
    "AgendaTemplate",
    "AgendaTemplateItem",
    "Comment",
    "Document",
    "DocumentVersion",
    "ItemKind",
    "Notice",
    "PersonalNote",
    "Receipt",
    "document_upload_path",
]
