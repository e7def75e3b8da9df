"""Digital distribution: in-app notices and read receipts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Receipt(models.Model):
    """When one person was sent, first opened and first downloaded one document."""

    document = models.ForeignKey(
        "agenda.Document", related_name="receipts", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="document_receipts", on_delete=models.CASCADE
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("xác nhận nhận tài liệu")
        verbose_name_plural = _("xác nhận nhận tài liệu")
        constraints = [
            models.UniqueConstraint(fields=["document", "user"], name="receipt_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document} · {self.user}"


class Notice(models.Model):
    """An in-app notice (thông báo) shown to one user until read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="notices", on_delete=models.CASCADE
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        related_name="notices",
        on_delete=models.CASCADE,
    )
    text = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text
