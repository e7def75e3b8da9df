"""The answers already given to client messages, so a resend is not done twice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HandledMessage(models.Model):
    meeting = models.ForeignKey("meetings.Meeting", related_name="+", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    message_id = models.CharField(max_length=64)
    type = models.CharField(max_length=40)
    answer = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tin nhắn đã xử lý")
        verbose_name_plural = _("tin nhắn đã xử lý")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user", "message_id"], name="handled_message_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} · {self.user_id} · {self.message_id}"
