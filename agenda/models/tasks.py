"""Conclusions become tasks: a unit must act on a conclusion by a deadline."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConclusionTask(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Đang thực hiện")
        DONE = "done", _("Đã hoàn thành")

    meeting = models.ForeignKey(
        "meetings.Meeting", related_name="conclusion_tasks", on_delete=models.CASCADE
    )
    agenda_item = models.ForeignKey(
        "agenda.AgendaItem",
        null=True,
        blank=True,
        related_name="conclusion_tasks",
        on_delete=models.SET_NULL,
    )
    # The conclusion as it stood when the task was given (the minutes may change later).
    conclusion = models.TextField(_("kết luận"))
    assignee_unit = models.ForeignKey(
        "meetings.Unit",
        verbose_name=_("đơn vị thực hiện"),
        related_name="conclusion_tasks",
        on_delete=models.PROTECT,
    )
    deadline = models.DateField(_("hạn hoàn thành"))
    status = models.CharField(
        _("trạng thái"), max_length=5, choices=Status.choices, default=Status.OPEN
    )
    report = models.TextField(_("báo cáo kết quả"), blank=True)
    done_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The agenda item of a later meeting this task was carried onto, when asked.
    carried_to = models.ForeignKey(
        "agenda.AgendaItem",
        null=True,
        blank=True,
        related_name="carried_tasks",
        on_delete=models.SET_NULL,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhiệm vụ theo kết luận")
        verbose_name_plural = _("nhiệm vụ theo kết luận")
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["assignee_unit", "status", "deadline"]),
            models.Index(fields=["meeting", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.assignee_unit} · {self.deadline:%d/%m/%Y}"
