"""Votes (biểu quyết): the poll, who took part, and the counts.

A secret poll keeps no choice next to a person: `Vote.option` stays empty and the choice only
raises an `OptionCount`, so nothing in the database links a voter to a choice.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Poll(models.Model):
    class Electorate(models.TextChoices):
        DELEGATES = "delegates", _("Đại biểu có mặt")
        BRIDGE_POINTS = "bridge_points", _("Mỗi điểm cầu một phiếu")

    class Rule(models.TextChoices):
        HALF_PRESENT = "half_present", _("Quá nửa số có mặt")
        HALF_MEMBERS = "half_members", _("Quá nửa tổng số thành viên")
        TWO_THIRDS = "two_thirds", _("Hai phần ba tổng số thành viên")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Chuẩn bị")
        OPEN = "open", _("Đang biểu quyết")
        CLOSED = "closed", _("Đã kết thúc")

    meeting = models.ForeignKey("meetings.Meeting", related_name="polls", on_delete=models.CASCADE)
    item = models.ForeignKey(
        "agenda.AgendaItem", null=True, blank=True, related_name="polls", on_delete=models.SET_NULL
    )
    question = models.CharField(_("nội dung biểu quyết"), max_length=500)
    options = models.JSONField(_("phương án"))
    secret = models.BooleanField(_("bỏ phiếu kín"), default=False)
    electorate = models.CharField(
        _("người biểu quyết"),
        max_length=16,
        choices=Electorate.choices,
        default=Electorate.DELEGATES,
    )
    rule = models.CharField(
        _("điều kiện thông qua"), max_length=16, choices=Rule.choices, default=Rule.HALF_PRESENT
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Fixed when the poll closes: members and present counts the rule was applied to.
    members_count = models.PositiveIntegerField(null=True, blank=True)
    present_count = models.PositiveIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)

    class Meta:
        verbose_name = _("biểu quyết")
        verbose_name_plural = _("biểu quyết")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.question


class Vote(models.Model):
    """One voter's part in a poll: a person, or a bridge point when each room has one vote."""

    poll = models.ForeignKey(Poll, related_name="votes", on_delete=models.CASCADE)
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.CASCADE
    )
    bridge_point = models.ForeignKey(
        "meetings.BridgePoint", null=True, blank=True, related_name="+", on_delete=models.CASCADE
    )
    # Empty for secret polls: the choice lives only in OptionCount.
    option = models.PositiveSmallIntegerField(null=True, blank=True)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    # The client's message id: a repeated message gets the same answer.
    message_id = models.CharField(max_length=64)
    cast_at = models.DateTimeField()

    class Meta:
        verbose_name = _("phiếu")
        verbose_name_plural = _("phiếu")
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "voter"],
                condition=models.Q(voter__isnull=False),
                name="vote_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["poll", "bridge_point"],
                condition=models.Q(voter__isnull=True),
                name="vote_once_per_bridge_point",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id} · {self.voter_id or self.bridge_point_id}"


class OptionCount(models.Model):
    poll = models.ForeignKey(Poll, related_name="counts", on_delete=models.CASCADE)
    option = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "option"], name="option_count_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}[{self.option}] = {self.count}"
