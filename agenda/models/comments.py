"""Comments on draft documents (góp ý) and the organizer's answers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Comment(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("Mới")
        ACCEPTED = "accepted", _("Tiếp thu")
        ANSWERED = "answered", _("Giải trình")
        DECLINED = "declined", _("Không tiếp thu")

    document = models.ForeignKey(
        "agenda.Document", related_name="comments", on_delete=models.CASCADE
    )
    version = models.ForeignKey(
        "agenda.DocumentVersion", related_name="comments", on_delete=models.CASCADE
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="document_comments", on_delete=models.PROTECT
    )
    bridge_point = models.ForeignKey(
        "meetings.BridgePoint",
        verbose_name=_("thay mặt điểm cầu"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    page = models.PositiveIntegerField(_("trang"), null=True, blank=True)
    text = models.TextField(_("nội dung góp ý"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    reply = models.TextField(_("trả lời"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("góp ý")
        verbose_name_plural = _("góp ý")
        ordering = ["document", "created_at"]

    def __str__(self) -> str:
        return f"{self.document} · {self.author}"
