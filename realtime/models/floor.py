"""Requests to speak (đăng ký phát biểu) and the turns they become."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SpeakerRequest(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Đang chờ")
        SPEAKING = "speaking", _("Đang phát biểu")
        DONE = "done", _("Đã phát biểu")
        WITHDRAWN = "withdrawn", _("Đã rút")
        REMOVED = "removed", _("Chủ trì đã bỏ")

    ACTIVE = (Status.WAITING, Status.SPEAKING)

    class Source(models.TextChoices):
        APP = "app", _("Ứng dụng")
        VIDEO = "video", _("Giơ tay trên hình ảnh")

    meeting = models.ForeignKey(
        "meetings.Meeting", related_name="speaker_requests", on_delete=models.CASCADE
    )
    item = models.ForeignKey(
        "agenda.AgendaItem", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    bridge_point = models.ForeignKey(
        "meetings.BridgePoint", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    topic = models.CharField(_("nội dung phát biểu"), max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.APP)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("đăng ký phát biểu")
        verbose_name_plural = _("đăng ký phát biểu")
        ordering = ["requested_at", "pk"]
        constraints = [
            # One open request per person: asking twice keeps the first place in the queue.
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=models.Q(status__in=["waiting", "speaking"]),
                name="speaker_request_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} · {self.user_id} · {self.status}"
