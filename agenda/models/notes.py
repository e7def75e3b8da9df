"""Private notes: only their owner can read them, not even the host."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalNote(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="personal_notes", on_delete=models.CASCADE
    )
    meeting = models.ForeignKey("meetings.Meeting", related_name="+", on_delete=models.CASCADE)
    agenda_item = models.ForeignKey(
        "agenda.AgendaItem", null=True, blank=True, related_name="+", on_delete=models.CASCADE
    )
    document = models.ForeignKey(
        "agenda.Document", null=True, blank=True, related_name="+", on_delete=models.CASCADE
    )
    page = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(_("ghi chú"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ghi chú cá nhân")
        verbose_name_plural = _("ghi chú cá nhân")
        ordering = ["meeting", "agenda_item", "document", "page"]
        indexes = [models.Index(fields=["owner", "meeting"])]

    def __str__(self) -> str:
        return f"{self.owner} · {self.updated_at:%d/%m/%Y}"
