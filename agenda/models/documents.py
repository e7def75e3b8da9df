"""Meeting documents (tài liệu họp) and their versions; files live in Django's storage."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def document_upload_path(version: "DocumentVersion", _original_name: str) -> str:
    """A server-made path: nothing the uploader typed reaches the file system."""
    return f"documents/{version.document.meeting_id}/{uuid.uuid4().hex}"


class Document(models.Model):
    meeting = models.ForeignKey(
        "meetings.Meeting", related_name="documents", on_delete=models.CASCADE
    )
    agenda_item = models.ForeignKey(
        "agenda.AgendaItem",
        verbose_name=_("mục chương trình"),
        null=True,
        blank=True,
        related_name="documents",
        on_delete=models.SET_NULL,
    )
    title = models.CharField(_("tên tài liệu"), max_length=300)
    is_confidential = models.BooleanField(_("tài liệu mật"), default=False)
    # For a confidential document: the only people who may read it.
    readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được đọc"),
        blank=True,
        related_name="confidential_documents",
    )
    comments_until = models.DateTimeField(_("hạn góp ý"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu họp")
        verbose_name_plural = _("tài liệu họp")
        ordering = ["meeting", "agenda_item__position", "created_at"]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, related_name="versions", on_delete=models.CASCADE)
    number = models.PositiveIntegerField(_("phiên bản"))
    file = models.FileField(upload_to=document_upload_path, max_length=300)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=120)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    page_count = models.PositiveIntegerField(_("số trang"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phiên bản tài liệu")
        verbose_name_plural = _("phiên bản tài liệu")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.document} (v{self.number})"
