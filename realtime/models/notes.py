"""The secretary's live notes and the conclusion of each agenda item."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LiveNote(models.Model):
    class Kind(models.TextChoices):
        NOTE = "note", _("Ghi chép")
        CONCLUSION = "conclusion", _("Kết luận")

    meeting = models.ForeignKey(
        "meetings.Meeting", related_name="live_notes", on_delete=models.CASCADE
    )
    item = models.ForeignKey(
        "agenda.AgendaItem",
        null=True,
        blank=True,
        related_name="live_notes",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NOTE)
    text = models.TextField(blank=True)
    # Raised by every save; a writer must name the version they edited (no silent overwrite).
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ghi chép trực tiếp")
        verbose_name_plural = _("ghi chép trực tiếp")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "item", "kind"],
                condition=models.Q(item__isnull=False),
                name="live_note_per_item",
            ),
            models.UniqueConstraint(
                fields=["meeting", "kind"],
                condition=models.Q(item__isnull=True),
                name="live_note_general",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} · {self.item_id} · {self.kind}"
