"""Who is ready and who is in the room: check-in per bridge point, roll call, video sessions."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckIn(models.Model):
    """A bridge point operator's readiness report before and during the meeting."""

    class Quality(models.TextChoices):
        GOOD = "good", _("Tốt")
        FAIR = "fair", _("Trung bình")
        POOR = "poor", _("Kém")
        UNKNOWN = "unknown", _("Chưa đo")

    meeting = models.ForeignKey(
        "meetings.Meeting", related_name="check_ins", on_delete=models.CASCADE
    )
    bridge_point = models.ForeignKey(
        "meetings.BridgePoint", related_name="check_ins", on_delete=models.CASCADE
    )
    technician_present = models.BooleanField(_("có cán bộ kỹ thuật"), default=False)
    video_tested = models.BooleanField(_("đã thử hình, tiếng"), default=False)
    connection_quality = models.CharField(
        _("chất lượng đường truyền"),
        max_length=10,
        choices=Quality.choices,
        default=Quality.UNKNOWN,
    )
    # What the video client measured (bitrate, packet loss, round trip), kept as reported.
    connection_stats = models.JSONField(default=dict, blank=True)
    headcount = models.PositiveIntegerField(
        _("số người tại điểm cầu"), default=0, validators=[MaxValueValidator(10_000)]
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    checked_in_at = models.DateTimeField(_("điểm danh lúc"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sẵn sàng điểm cầu")
        verbose_name_plural = _("sẵn sàng điểm cầu")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "bridge_point"], name="check_in_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} · {self.bridge_point}"


class RollCallEntry(models.Model):
    class Status(models.TextChoices):
        PRESENT_ROOM = "present_room", _("Có mặt tại điểm cầu")
        PRESENT_ONLINE = "present_online", _("Dự trực tuyến nơi khác")
        ABSENT = "absent", _("Vắng mặt")

    meeting = models.ForeignKey(
        "meetings.Meeting", related_name="roll_call", on_delete=models.CASCADE
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    bridge_point = models.ForeignKey(
        "meetings.BridgePoint", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    status = models.CharField(_("tình trạng"), max_length=16, choices=Status.choices)
    reason = models.CharField(_("lý do vắng"), max_length=300, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    marked_at = models.DateTimeField()

    class Meta:
        verbose_name = _("điểm danh đại biểu")
        verbose_name_plural = _("điểm danh đại biểu")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="roll_call_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} · {self.user_id} · {self.status}"


class VideoSession(models.Model):
    """One join-to-leave stretch of someone's video client, for the attendance log."""

    meeting = models.ForeignKey("meetings.Meeting", related_name="+", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    bridge_point = models.ForeignKey(
        "meetings.BridgePoint", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    participant_id = models.CharField(max_length=64, blank=True)
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phiên hình ảnh")
        verbose_name_plural = _("nhật ký tham gia hình ảnh")
        ordering = ["joined_at"]
        indexes = [models.Index(fields=["meeting", "bridge_point", "joined_at"])]

    def __str__(self) -> str:
        return f"{self.meeting_id} · {self.user_id} {self.joined_at:%H:%M}"
