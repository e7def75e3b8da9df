"""Minutes (biên bản) of a meeting: versions of structured content, reviews, and PDFs.

A version's `content` is the whole document as data (see docs/minutes.md for the shape):
a header after Decree 30 form 1.9, ordered sections of sanitised rich text, the signers and
the recipients. Versions are never edited in place: every save adds one.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def minutes_pdf_path(document: "MinutesDocument", _original_name: str) -> str:
    """A server-made path: nothing an uploader typed reaches the file system."""
    return f"minutes/{document.version.minutes.meeting_id}/{uuid.uuid4().hex}.pdf"


class Minutes(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        SUBMITTED = "submitted", _("Chờ chủ trì duyệt")
        RETURNED = "returned", _("Trả lại để sửa")
        APPROVED = "approved", _("Đã duyệt")
        PUBLISHED = "published", _("Đã phát hành")

    meeting = models.OneToOneField(
        "meetings.Meeting", related_name="minutes", on_delete=models.CASCADE
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(_("phát hành lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The published document: what /verify/<code> compares copies against.
    published_document = models.ForeignKey(
        "agenda.MinutesDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Plain text of the published version, for the archive's search.
    search_text = models.TextField(blank=True)
    # search_text and the title folded (lower case, no diacritics, đ → d): accent-blind search.
    search_folded = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("biên bản")
        verbose_name_plural = _("biên bản")

    def __str__(self) -> str:
        return str(self.meeting)


class MinutesVersion(models.Model):
    minutes = models.ForeignKey(Minutes, related_name="versions", on_delete=models.CASCADE)
    number = models.PositiveIntegerField(_("phiên bản"))
    content = models.JSONField(_("nội dung"))
    note = models.CharField(_("ghi chú thay đổi"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the chair approves this version; printed on every page of its PDF.
    verification_code = models.CharField(
        _("mã xác thực"), max_length=16, unique=True, null=True, blank=True
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phiên bản biên bản")
        verbose_name_plural = _("phiên bản biên bản")
        ordering = ["minutes", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="minutes_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} (v{self.number})"


class MinutesReview(models.Model):
    """One step of the approval: submitted by the secretary, approved or returned by the chair."""

    class Decision(models.TextChoices):
        SUBMITTED = "submitted", _("Trình duyệt")
        APPROVED = "approved", _("Duyệt")
        RETURNED = "returned", _("Trả lại")

    version = models.ForeignKey(MinutesVersion, related_name="reviews", on_delete=models.CASCADE)
    decision = models.CharField(_("quyết định"), max_length=10, choices=Decision.choices)
    comment = models.TextField(_("ý kiến"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến duyệt biên bản")
        verbose_name_plural = _("ý kiến duyệt biên bản")
        ordering = ["version", "at"]

    def __str__(self) -> str:
        return f"{self.version} · {self.get_decision_display()}"


class MinutesDocument(models.Model):
    """A PDF of an approved version: as rendered, as signed here, or as signed elsewhere."""

    class Kind(models.TextChoices):
        RENDERED = "rendered", _("Bản in chưa ký")
        SIGNED = "signed", _("Ký số tại hệ thống")
        UPLOADED = "uploaded", _("Bản ký số tải lên")

    version = models.ForeignKey(MinutesVersion, related_name="documents", on_delete=models.CASCADE)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    file = models.FileField(upload_to=minutes_pdf_path, max_length=300)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64, db_index=True)
    # [{"name", "role", "signed_at" (ISO), "intact", "trusted", "subject", "field"}]
    signers = models.JSONField(_("người ký"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp biên bản")
        verbose_name_plural = _("tệp biên bản")
        ordering = ["version", "created_at"]

    def __str__(self) -> str:
        return f"{self.version} · {self.get_kind_display()}"


class SigningCertificate(models.Model):
    """A host unit's certificate (PKCS#12) for signing minutes in this product.

    The password is kept encrypted with a key derived from SECRET_KEY; the environment's
    MINUTES_SIGNING_P12 / MINUTES_SIGNING_PASSWORD, when set, serve units without one.
    """

    unit = models.OneToOneField(
        "meetings.Unit", related_name="signing_certificate", on_delete=models.CASCADE
    )
    p12 = models.BinaryField(_("tệp chứng thư số (.p12)"))
    password_encrypted = models.BinaryField()
    subject = models.CharField(_("chủ thể"), max_length=300)
    not_after = models.DateTimeField(_("hết hạn"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chứng thư số của đơn vị")
        verbose_name_plural = _("chứng thư số của đơn vị")

    def __str__(self) -> str:
        return f"{self.unit} · {self.subject}"
