"""The savings ledger: dated rate sets per host unit, and one stored ledger per meeting.

A ledger keeps a copy of the rates it used and the facts it was computed from (JSON),
so that a later change of rates or of a bridge point's distance never rewrites it; its
totals and its lines per bridge point are plain columns, added up in the database for
the dashboards (meetings.selectors_savings). The computation itself is meetings.savings.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _money(verbose_name: str) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=0, default=0)


class RateSet(models.Model):
    """The rates a host unit applies from `valid_from` until its next rate set."""

    host_unit = models.ForeignKey(
        "meetings.Unit",
        verbose_name=_("đơn vị chủ trì"),
        related_name="rate_sets",
        on_delete=models.CASCADE,
    )
    valid_from = models.DateField(_("áp dụng từ ngày"))
    fuel_litres_per_km = models.DecimalField(
        _("xăng khoán (lít/km)"), max_digits=5, decimal_places=3
    )
    petrol_price = models.DecimalField(_("giá xăng (đ/lít)"), max_digits=9, decimal_places=0)
    hardship_threshold_km = models.DecimalField(
        _("ngưỡng xã đặc biệt khó khăn (km)"), max_digits=5, decimal_places=1
    )
    other_threshold_km = models.DecimalField(
        _("ngưỡng xã khác (km)"), max_digits=5, decimal_places=1
    )
    daily_allowance = models.DecimalField(
        _("phụ cấp lưu trú (đ/người/ngày)"), max_digits=12, decimal_places=0
    )
    meal_support = models.DecimalField(
        _("hỗ trợ tiền ăn khách mời (đ/người/ngày)"), max_digits=12, decimal_places=0
    )
    page_cost = models.DecimalField(_("chi phí in (đ/trang)"), max_digits=9, decimal_places=0)
    copies_per_delegate = models.PositiveSmallIntegerField(_("số bản in mỗi đại biểu"))
    staff_hour_value = models.DecimalField(
        _("giá trị giờ công (đ/giờ)"), max_digits=12, decimal_places=0
    )
    travel_speed_kmh = models.DecimalField(
        _("tốc độ đi lại (km/h)"), max_digits=5, decimal_places=1
    )
    note = models.CharField(_("căn cứ, ghi chú"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bộ định mức tiết kiệm")
        verbose_name_plural = _("bộ định mức tiết kiệm")
        ordering = ["host_unit", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["host_unit", "valid_from"], name="rate_set_unique_day"),
        ]

    def __str__(self) -> str:
        return f"{self.host_unit} · {self.valid_from:%d/%m/%Y}"


class SavingsFigures(models.Model):
    """The amounts a ledger and each of its lines carry (meetings.savings.Amounts)."""

    people = models.PositiveIntegerField(_("số người"), default=0)
    person_km = models.DecimalField(
        _("quãng đường không phải đi (km)"), max_digits=14, decimal_places=1, default=0
    )
    person_hours = models.DecimalField(
        _("thời gian đi lại tiết kiệm (giờ)"), max_digits=14, decimal_places=2, default=0
    )
    fuel_litres = models.DecimalField(
        _("xăng không phải đốt (lít)"), max_digits=14, decimal_places=2, default=0
    )
    co2_kg = models.DecimalField(
        _("CO₂ không thải ra (kg)"), max_digits=14, decimal_places=2, default=0
    )
    fuel_cost = _money(_("tiền xăng (đ)"))
    allowance = _money(_("phụ cấp lưu trú (đ)"))
    meals = _money(_("hỗ trợ tiền ăn (đ)"))
    paper_cost = _money(_("chi phí in (đ)"))
    staff_time = _money(_("giá trị giờ công (đ)"))
    total = _money(_("tổng tiết kiệm (đ)"))

    class Meta:
        abstract = True


class Ledger(SavingsFigures):
    """What one meeting saved, as computed when it ended (or last recomputed)."""

    meeting = models.OneToOneField(
        "meetings.Meeting", related_name="savings_ledger", on_delete=models.CASCADE
    )
    # Copied from the meeting so that period sums read one indexed table.
    host_unit = models.ForeignKey(
        "meetings.Unit", related_name="savings_ledgers", on_delete=models.PROTECT
    )
    meeting_date = models.DateField(_("ngày họp"))
    held = models.BooleanField(_("đã họp trực tuyến"), default=False)
    kind = models.CharField(_("hình thức"), max_length=10)
    rate_set = models.ForeignKey(
        RateSet, null=True, blank=True, related_name="ledgers", on_delete=models.SET_NULL
    )
    # The rate set's date, kept even if the rate set is deleted; null: the legal defaults.
    rates_valid_from = models.DateField(_("định mức áp dụng từ ngày"), null=True, blank=True)
    rates = models.JSONField(_("định mức đã dùng"))
    facts = models.JSONField(_("số liệu đầu vào"))
    attendance_source = models.CharField(_("nguồn số người dự"), max_length=20)
    joins = models.PositiveIntegerField(_("lượt điểm cầu tham dự"), default=0)
    document_pages = models.PositiveIntegerField(_("số trang tài liệu"), default=0)
    pages_not_printed = models.PositiveIntegerField(_("số trang không phải in"), default=0)
    paperless = models.BooleanField(_("họp không giấy"), default=False)
    unknown_distances = models.PositiveIntegerField(_("điểm cầu chưa có khoảng cách"), default=0)
    computed_at = models.DateTimeField(_("tính lúc"))

    class Meta:
        verbose_name = _("sổ tiết kiệm cuộc họp")
        verbose_name_plural = _("sổ tiết kiệm cuộc họp")
        indexes = [models.Index(fields=["host_unit", "meeting_date"])]

    def __str__(self) -> str:
        return str(self.meeting)


class LedgerLine(SavingsFigures):
    """One invited bridge point in a meeting's ledger (joined or not)."""

    ledger = models.ForeignKey(Ledger, related_name="lines", on_delete=models.CASCADE)
    bridge_point = models.ForeignKey(
        "meetings.BridgePoint", related_name="savings_lines", on_delete=models.PROTECT
    )
    host_unit = models.ForeignKey("meetings.Unit", related_name="+", on_delete=models.PROTECT)
    meeting_date = models.DateField(_("ngày họp"))
    held = models.BooleanField(default=False)
    joined = models.BooleanField(_("đã tham dự"), default=False)
    distance_known = models.BooleanField(_("đã có khoảng cách"), default=True)
    # Checked in before the start; null when there is no check-in record at all.
    ready_on_time = models.BooleanField(_("sẵn sàng trước giờ họp"), null=True)

    class Meta:
        verbose_name = _("dòng sổ tiết kiệm")
        verbose_name_plural = _("dòng sổ tiết kiệm")
        indexes = [
            models.Index(fields=["host_unit", "meeting_date", "bridge_point"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["ledger", "bridge_point"], name="ledger_line_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.ledger} · {self.bridge_point}"
