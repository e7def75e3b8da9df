from agenda.models.comments import Comment
from agenda.models.distribution import Notice, Receipt
from agenda.models.documents import Document, DocumentVersion, document_upload_path
from agenda.models.items import AgendaItem, AgendaTemplate, AgendaTemplateItem, ItemKind
from agenda.models.minutes import (
    Minutes,
    MinutesDocument,
    MinutesReview,
    MinutesVersion,
    SigningCertificate,
)
from agenda.models.notes import PersonalNote
from agenda.models.tasks import ConclusionTask

__all__ = [
    "AgendaItem",
    "AgendaTemplate",
    "AgendaTemplateItem",
    "Comment",
    "ConclusionTask",
    "Document",
    "DocumentVersion",
    "ItemKind",
    "Minutes",
    "MinutesDocument",
    "MinutesReview",
    "MinutesVersion",
    "Notice",
    "PersonalNote",
    "Receipt",
    "SigningCertificate",
    "document_upload_path",
]
