"""The agenda (chương trình họp): ordered items, and templates to start one from."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    REPORT = "report", _("Báo cáo")
    DISCUSSION = "discussion", _("Thảo luận")
    DECISION = "decision", _("Quyết định / biểu quyết")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        "meetings.Meeting", related_name="agenda_items", on_delete=models.CASCADE
    )
    position = models.PositiveIntegerField(_("thứ tự"))
    title = models.CharField(_("nội dung"), max_length=300)
    kind = models.CharField(
        _("loại"), max_length=12, choices=ItemKind.choices, default=ItemKind.REPORT
    )
    planned_minutes = models.PositiveIntegerField(
        _("thời lượng dự kiến (phút)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    presenter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trình bày"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    presenter_unit = models.ForeignKey(
        "meetings.Unit",
        verbose_name=_("đơn vị trình bày"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình họp")
        ordering = ["meeting", "position"]
        indexes = [models.Index(fields=["meeting", "position"])]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def presenter_name(self) -> str:
        if self.presenter_user_id:
            return self.presenter_user.display_name
        return self.presenter_unit.name if self.presenter_unit_id else ""


class AgendaTemplate(models.Model):
    owner_unit = models.ForeignKey(
        "meetings.Unit",
        verbose_name=_("đơn vị"),
        related_name="agenda_templates",
        on_delete=models.CASCADE,
    )
    name = models.CharField(_("tên mẫu"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mẫu chương trình")
        verbose_name_plural = _("mẫu chương trình")
        constraints = [
            models.UniqueConstraint(fields=["owner_unit", "name"], name="agenda_template_name"),
        ]

    def __str__(self) -> str:
        return self.name


class AgendaTemplateItem(models.Model):
    template = models.ForeignKey(AgendaTemplate, related_name="items", on_delete=models.CASCADE)
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=ItemKind.choices, default=ItemKind.REPORT)
    planned_minutes = models.PositiveIntegerField(default=15)
    presenter_unit = models.ForeignKey(
        "meetings.Unit", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["template", "position"]

    def __str__(self) -> str:
        return self.title
