"""The live state of a meeting, its event log and the times each agenda item was discussed."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class LiveState(models.Model):
    """One row per meeting that has been opened live; its row lock orders the event log."""

    meeting = models.OneToOneField(
        "meetings.Meeting", related_name="live_state", on_delete=models.CASCADE
    )
    # The last sequence number given to an event of this meeting.
    last_seq = models.PositiveBigIntegerField(default=0)
    started_at = models.DateTimeField(_("bắt đầu thực tế"), null=True, blank=True)
    ended_at = models.DateTimeField(_("kết thúc thực tế"), null=True, blank=True)
    current_item = models.ForeignKey(
        "agenda.AgendaItem", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    item_started_at = models.DateTimeField(null=True, blank=True)
    followed_version = models.ForeignKey(
        "agenda.DocumentVersion", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    followed_page = models.PositiveIntegerField(null=True, blank=True)
    # Share of the voting members who must be present (at least this percentage).
    quorum_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ có mặt tối thiểu (%)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    co_secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thư ký phụ"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = _("trạng thái phòng họp")
        verbose_name_plural = _("trạng thái phòng họp")

    def __str__(self) -> str:
        return str(self.meeting)


class MeetingEvent(models.Model):
    """Every change a screen must follow, numbered per meeting, for replay on reconnect."""

    meeting = models.ForeignKey("meetings.Meeting", related_name="+", on_delete=models.CASCADE)
    seq = models.PositiveBigIntegerField()
    type = models.CharField(max_length=40)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện phòng họp")
        verbose_name_plural = _("sự kiện phòng họp")
        ordering = ["meeting", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "seq"], name="meeting_event_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}#{self.seq} {self.type}"


class ItemSession(models.Model):
    """A stretch of time the meeting spent on one agenda item (an item may be revisited)."""

    meeting = models.ForeignKey("meetings.Meeting", related_name="+", on_delete=models.CASCADE)
    item = models.ForeignKey("agenda.AgendaItem", related_name="sessions", on_delete=models.CASCADE)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thời gian thảo luận mục")
        verbose_name_plural = _("thời gian thảo luận mục")
        ordering = ["started_at"]

    def __str__(self) -> str:
        return f"{self.item} {self.started_at:%H:%M}"
