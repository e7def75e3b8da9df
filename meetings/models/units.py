"""Units (a tree of any depth) and their bridge points."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("Tỉnh / thành phố")
        COMMUNE = "commune", _("Xã")
        WARD = "ward", _("Phường")
        SPECIAL_ZONE = "special_zone", _("Đặc khu")
        DEPARTMENT = "department", _("Sở / ban / ngành")
        OTHER = "other", _("Khác")

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.PROTECT,
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list["Unit"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class BridgePoint(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), related_name="bridge_points", on_delete=models.PROTECT
    )
    name = models.CharField(_("tên phòng họp"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    distance_km = models.DecimalField(
        _("khoảng cách một chiều (km)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Đến điểm cầu chính của đơn vị chủ trì."),
    )
    travel_minutes = models.PositiveIntegerField(
        _("thời gian đi một chiều (phút)"), null=True, blank=True
    )
    is_hardship = models.BooleanField(_("xã đặc biệt khó khăn"), default=False)
    technician_name = models.CharField(_("cán bộ kỹ thuật"), max_length=120, blank=True)
    technician_phone = models.CharField(_("điện thoại kỹ thuật"), max_length=20, blank=True)
    capacity = models.PositiveIntegerField(_("sức chứa (người)"), default=20)
    equipment_note = models.TextField(_("ghi chú thiết bị"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("điểm cầu")
        verbose_name_plural = _("điểm cầu")
        ordering = ["unit__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="bridge_point_unique_room"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.name} — {self.name}"


class BridgePointGroup(models.Model):
    """A saved selection of bridge points, e.g. "the 19 communes of the old district"."""

    owner_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), related_name="bridge_point_groups", on_delete=models.CASCADE
    )
    name = models.CharField(_("tên nhóm"), max_length=200)
    bridge_points = models.ManyToManyField(
        BridgePoint, verbose_name=_("điểm cầu"), related_name="groups"
    )

    class Meta:
        verbose_name = _("nhóm điểm cầu")
        verbose_name_plural = _("nhóm điểm cầu")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner_unit", "name"], name="group_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
