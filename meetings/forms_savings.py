"""Forms of the savings pages: the period of the dashboard, and a rate set.

Numbers may be typed the Vietnamese way ("20.000", "0,2") or with a decimal point
("0.2"); the service (meetings.services.savings) decides what values are allowed.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.forms import DATE_INPUT_FORMATS
from meetings.savings import format_short, rate_specs
from meetings.selectors_savings import (
    CUSTOM,
    MONTH,
    QUARTER,
    YEAR,
    Period,
    month_period,
    quarter_period,
    year_period,
)

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"}
)
THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_number(text: str) -> Decimal | str:
    """ "20.000" → 20000, "0,2" → 0.2, "0.2" → 0.2; anything else is returned as typed."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return text


class PeriodForm(forms.Form):
    unit = forms.IntegerField(label=_("Đơn vị chủ trì"), required=False)
    period = forms.ChoiceField(
        label=_("Kỳ báo cáo"),
        choices=[
            (MONTH, _("Tháng")),
            (QUARTER, _("Quý")),
            (YEAR, _("Năm")),
            (CUSTOM, _("Tùy chọn")),
        ],
        required=False,
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)
    month = forms.TypedChoiceField(
        label=_("Tháng"),
        coerce=int,
        choices=[(m, f"{m:02d}") for m in range(1, 13)],
        required=False,
    )
    quarter = forms.TypedChoiceField(
        label=_("Quý"),
        coerce=int,
        choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        required=False,
    )
    start = forms.DateField(
        label=_("Từ ngày"), input_formats=DATE_INPUT_FORMATS, widget=DATE_WIDGET, required=False
    )
    end = forms.DateField(
        label=_("Đến ngày"), input_formats=DATE_INPUT_FORMATS, widget=DATE_WIDGET, required=False
    )

    def __init__(self, *args, units: list, **kwargs) -> None:
        today = timezone.localdate()
        initial = {
            "period": YEAR,
            "year": today.year,
            "month": today.month,
            "quarter": (today.month - 1) // 3 + 1,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.units = units
        self.today = today

    def clean(self) -> dict:
        data = super().clean()
        kind = data.get("period") or YEAR
        data["period"] = kind
        data["year"] = data.get("year") or self.today.year
        if kind == CUSTOM:
            start, end = data.get("start"), data.get("end")
            if start is None and "start" not in self.errors:
                self.add_error("start", _("Nhập ngày bắt đầu của kỳ."))
            if end is None and "end" not in self.errors:
                self.add_error("end", _("Nhập ngày kết thúc của kỳ."))
            if start and end and end < start:
                self.add_error("end", _("Ngày kết thúc không được trước ngày bắt đầu."))
            if start and end and (end - start).days > 3 * 366:
                self.add_error("end", _("Kỳ báo cáo dài nhất 3 năm."))
        return data

    def unit_id(self) -> int | None:
        chosen = self.cleaned_data.get("unit") if self.is_bound else None
        return chosen or (self.units[0].pk if self.units else None)

    def chosen_period(self) -> Period:
        data = self.cleaned_data if self.is_bound else self.initial
        kind = data.get("period") or YEAR
        year = data.get("year") or self.today.year
        if kind == MONTH:
            return month_period(year, data.get("month") or self.today.month)
        if kind == QUARTER:
            return quarter_period(year, data.get("quarter") or 1)
        if kind == CUSTOM:
            return Period(data["start"], data["end"])
        return year_period(year)

    def query(self, unit_id: int) -> str:
        """The query string that reopens this page (or a report) for the same choice."""
        period = self.chosen_period()
        return (
            f"unit={unit_id}&period=custom&start={period.start:%d/%m/%Y}&end={period.end:%d/%m/%Y}"
            if period.kind == CUSTOM
            else f"unit={unit_id}&period={period.kind}&year={period.start.year}"
            f"&month={period.start.month}&quarter={(period.start.month - 1) // 3 + 1}"
        )


class RateSetForm(forms.Form):
    """A rate set: its first day, the rates (parsed here, judged by the service), a note."""

    valid_from = forms.DateField(
        label=_("Áp dụng từ ngày"),
        input_formats=DATE_INPUT_FORMATS,
        widget=DATE_WIDGET,
        error_messages={"required": _("Nhập ngày bắt đầu áp dụng.")},
    )
    note = forms.CharField(
        label=_("Căn cứ, ghi chú"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Quyết định số …/QĐ-UBND")}),
    )

    def __init__(self, *args, initial_rates: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.specs = rate_specs()
        for spec in self.specs:
            self.fields[spec.name] = forms.CharField(
                label=f"{spec.label} ({spec.unit})",
                required=False,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            if initial_rates and spec.name in initial_rates:
                self.initial.setdefault(spec.name, format_short(initial_rates[spec.name]))

    def rate_fields(self) -> list:
        return [self[spec.name] for spec in self.specs]

    def values(self) -> dict:
        return {
            spec.name: parse_number(self.cleaned_data.get(spec.name, "")) for spec in self.specs
        }

    def valid_from_value(self) -> date | None:
        return self.cleaned_data.get("valid_from")
