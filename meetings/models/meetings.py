"""Meetings, their series, who and which rooms they invite, and the room bookings."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingSeries(models.Model):
    """A recurring briefing (giao ban); its occurrences are ordinary meetings."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Hằng tuần")
        MONTHLY = "monthly", _("Hằng tháng")

    title = models.CharField(_("tiêu đề"), max_length=300)
    frequency = models.CharField(_("lặp lại"), max_length=10, choices=Frequency.choices)
    interval = models.PositiveSmallIntegerField(
        _("mỗi"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    count = models.PositiveSmallIntegerField(
        _("số buổi"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chuỗi cuộc họp")
        verbose_name_plural = _("chuỗi cuộc họp")

    def __str__(self) -> str:
        return self.title


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ONLINE = "online", _("Trực tuyến")
        HYBRID = "hybrid", _("Kết hợp trực tiếp và trực tuyến")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SCHEDULED = "scheduled", _("Đã lên lịch")
        LIVE = "live", _("Đang họp")
        ENDED = "ended", _("Đã kết thúc")
        CANCELLED = "cancelled", _("Đã hủy")

    # Stable identity for calendar invitations (iCalendar UID).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("tiêu đề"), max_length=300)
    description = models.TextField(_("nội dung"), blank=True)
    host_unit = models.ForeignKey(
        "meetings.Unit",
        verbose_name=_("đơn vị chủ trì"),
        related_name="hosted_meetings",
        on_delete=models.PROTECT,
    )
    main_bridge_point = models.ForeignKey(
        "meetings.BridgePoint",
        verbose_name=_("điểm cầu chính"),
        related_name="main_meetings",
        on_delete=models.PROTECT,
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chủ trì"),
        related_name="chaired_meetings",
        on_delete=models.PROTECT,
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thư ký"),
        null=True,
        blank=True,
        related_name="secretary_meetings",
        on_delete=models.PROTECT,
    )
    start = models.DateTimeField(_("bắt đầu"))
    end = models.DateTimeField(_("kết thúc"))
    kind = models.CharField(
        _("hình thức"), max_length=10, choices=Kind.choices, default=Kind.ONLINE
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    series = models.ForeignKey(
        MeetingSeries, null=True, blank=True, related_name="meetings", on_delete=models.SET_NULL
    )
    # Set when the organizer publishes the agenda and its documents to the invitees.
    agenda_published_at = models.DateTimeField(_("công bố chương trình lúc"), null=True, blank=True)
    # iCalendar SEQUENCE: raised on every change invitees must hear about.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cuộc họp")
        verbose_name_plural = _("cuộc họp")
        ordering = ["start"]
        indexes = [
            models.Index(fields=["start"]),
            models.Index(fields=["chair", "start"]),
            models.Index(fields=["host_unit", "start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="meeting_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def holds_rooms(self) -> bool:
        return self.status in (self.Status.SCHEDULED, self.Status.LIVE)


class Invitation(models.Model):
    """A bridge point invited to a meeting, and its answer."""

    class Response(models.TextChoices):
        PENDING = "pending", _("Chưa trả lời")
        ACCEPTED = "accepted", _("Xác nhận tham dự")
        DECLINED = "declined", _("Không tham dự")

    meeting = models.ForeignKey(Meeting, related_name="invitations", on_delete=models.CASCADE)
    bridge_point = models.ForeignKey(
        "meetings.BridgePoint",
        verbose_name=_("điểm cầu"),
        related_name="invitations",
        on_delete=models.PROTECT,
    )
    response = models.CharField(
        _("trả lời"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    decline_reason = models.TextField(_("lý do không tham dự"), blank=True)
    expected_attendees = models.PositiveIntegerField(_("số người dự kiến"), null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("điểm cầu được mời")
        verbose_name_plural = _("điểm cầu được mời")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "bridge_point"], name="invitation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.bridge_point}"


class Participant(models.Model):
    """A person invited to a meeting, attending from a bridge point."""

    class ParticipantRole(models.TextChoices):
        DELEGATE = "delegate", _("Đại biểu")
        OBSERVER = "observer", _("Khách mời")

    meeting = models.ForeignKey(Meeting, related_name="participants", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dự"),
        related_name="participations",
        on_delete=models.CASCADE,
    )
    bridge_point = models.ForeignKey(
        "meetings.BridgePoint",
        verbose_name=_("dự tại điểm cầu"),
        null=True,
        blank=True,
        related_name="participants",
        on_delete=models.PROTECT,
    )
    role = models.CharField(
        _("vai trò"),
        max_length=10,
        choices=ParticipantRole.choices,
        default=ParticipantRole.DELEGATE,
    )

    class Meta:
        verbose_name = _("người được mời")
        verbose_name_plural = _("người được mời")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="participant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.user}"


class Booking(models.Model):
    """A room held by a scheduled or live meeting, over [start, end + set-up buffer).

    One row per (meeting, bridge point). On PostgreSQL an exclusion constraint over
    the period refuses two overlapping rows for one room, so a race between two
    organizers cannot slip past the check in the service.
    """

    meeting = models.ForeignKey(Meeting, related_name="bookings", on_delete=models.CASCADE)
    bridge_point = models.ForeignKey(
        "meetings.BridgePoint", related_name="bookings", on_delete=models.CASCADE
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        verbose_name = _("lịch sử dụng điểm cầu")
        verbose_name_plural = _("lịch sử dụng điểm cầu")
        indexes = [
            models.Index(fields=["bridge_point", "starts_at"]),
            # The conflict check: a room's bookings that end after the proposed start
            # (only future ones, however long the history), answered from the index alone.
            models.Index(
                fields=["bridge_point", "ends_at", "starts_at", "meeting"],
                name="booking_room_end_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "bridge_point"], name="booking_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.bridge_point} · {self.starts_at:%d/%m/%Y %H:%M}"
