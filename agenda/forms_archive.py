"""The archive's search form: words, a date range typed dd/mm/yyyy, one of the rooms."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.selectors_archive import ArchiveAccess, ArchiveFilters, archive_bridge_points

DATE_FORMATS = ["%d/%m/%Y"]
BAD_DATE = gettext_lazy("Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/02/2026.")
NOT_YOUR_ROOM = gettext_lazy("Điểm cầu này không thuộc lưu trữ của bạn.")


def _day_field(label: Promise) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        required=False,
        error_messages={"invalid": BAD_DATE},
    )


class ArchiveSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Tìm"), max_length=200, required=False)
    date_from = _day_field(gettext_lazy("Từ ngày"))
    date_to = _day_field(gettext_lazy("Đến ngày"))
    bridge_point = forms.TypedChoiceField(
        label=gettext_lazy("Điểm cầu"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": NOT_YOUR_ROOM},
    )

    def __init__(self, *args: Any, access: ArchiveAccess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.points = list(archive_bridge_points(access))
        self.fields["bridge_point"].choices = [("", _("Tất cả điểm cầu"))] + [
            (point.pk, f"{point.unit.name} — {point.name}") for point in self.points
        ]

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ValidationError(_("“Từ ngày” phải trước hoặc bằng “Đến ngày”."))
        return data

    def filters(self) -> ArchiveFilters:
        data = self.cleaned_data
        return ArchiveFilters(
            query=data["q"].strip(),
            date_from=data["date_from"],
            date_to=data["date_to"],
            bridge_point_id=data["bridge_point"],
        )
