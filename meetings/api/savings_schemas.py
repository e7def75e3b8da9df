"""Shapes of the savings ledger API. Money is whole VND (integers); distances, hours,
litres and kilograms are numbers with their decimals."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import ValidationInfo, field_validator

from meetings.api.schemas import LocalDateTime, UnitRef


class AmountsOut(Schema):
    people: int = Field(description="People who joined remotely instead of travelling.")
    person_km: float = Field(description="Kilometres not travelled, everyone there and back.")
    person_hours: float = Field(description="Hours not spent on the road.")
    fuel_litres: float
    co2_kg: float = Field(description="CO₂ of the fuel not burned, at 2.31 kg per litre.")
    fuel_cost: int
    allowance: int
    meals: int
    paper_cost: int
    staff_time: int
    total: int


class FigureOut(Schema):
    key: str
    label: str
    value: float
    unit: str
    display: str = Field(description='As the pages print it, e.g. "288.000 đ".')
    formula: str = Field(description="How it was computed, with its inputs (Vietnamese).")


class LedgerLineOut(Schema):
    bridge_point_id: int
    name: str
    joined: bool
    people: int
    guests: int
    distance_km: float | None = Field(description="One way; null when not known (counted 0).")
    travel_minutes: int | None
    is_hardship: bool
    travel_counted: bool = Field(description="Trip at or over the threshold: fuel, allowance.")
    ready_on_time: bool | None
    amounts: AmountsOut
    figures: list[FigureOut]
    notes: list[str]


class DocumentPagesOut(Schema):
    title: str
    pages: int | None


class RatesOut(Schema):
    valid_from: date | None = Field(description="The rate set's first day; null: defaults.")
    values: dict[str, float]


class LedgerOut(Schema):
    meeting_id: int
    title: str
    meeting_date: date
    kind: str
    held: bool
    reason: str = Field(description="Why nothing was saved, when `held` is false.")
    attendance_source: Literal["checkin", "rollcall", "invitations"]
    computed_at: LocalDateTime
    rates: RatesOut
    host_people: int
    documents: list[DocumentPagesOut]
    document_pages: int
    copies: int
    pages_not_printed: int
    paperless: bool
    amounts: AmountsOut
    figures: list[FigureOut]
    paper_figures: list[FigureOut]
    notes: list[str]
    lines: list[LedgerLineOut]


class PeriodFilters(Schema):
    host_unit_id: int
    start: date = Field(description="First day (YYYY-MM-DD).")
    end: date = Field(description="Last day, inclusive (YYYY-MM-DD).")

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, value: date, info: ValidationInfo) -> date:
        start = info.data.get("start")
        if start is not None and value < start:
            raise ValueError(_("Ngày kết thúc không được trước ngày bắt đầu."))
        return value


class BridgePointFilters(PeriodFilters):
    order: Literal["joins", "readiness"] = Field(
        "joins", description="`readiness`: share of meetings checked in before the start."
    )


class MonthOut(Schema):
    month: str = Field(description="YYYY-MM")
    meetings: int
    joins: int
    amounts: AmountsOut


class BridgePointRef(Schema):
    id: int
    name: str
    unit_name: str


class SummaryOut(Schema):
    host_unit: UnitRef
    start: date
    end: date
    meetings: int = Field(description="Meetings held online or hybrid.")
    joins: int = Field(description="Bridge points that joined, summed over the meetings.")
    people_per_join: float | None
    pages_not_printed: int
    paperless_meetings: int
    paperless_share: float | None = Field(description="Per cent of the meetings.")
    amounts: AmountsOut
    months: list[MonthOut]
    meetings_without_ledger: int = Field(description="Ended meetings not yet in the ledger.")
    unknown_distance: list[BridgePointRef] = Field(
        description="Rooms invited in the period with no distance (counted 0 km)."
    )


class BridgePointSavingsOut(Schema):
    bridge_point: BridgePointRef
    invited: int
    joins: int
    people_per_join: float | None
    readiness: float | None = Field(description="Per cent checked in before the start.")
    distance_unknown: bool
    amounts: AmountsOut


class RateValues(Schema):
    fuel_litres_per_km: Decimal
    petrol_price: Decimal
    hardship_threshold_km: Decimal
    other_threshold_km: Decimal
    daily_allowance: Decimal
    meal_support: Decimal
    page_cost: Decimal
    copies_per_delegate: Decimal
    staff_hour_value: Decimal
    travel_speed_kmh: Decimal


class RateSetIn(RateValues):
    host_unit_id: int
    valid_from: date
    note: str = ""


class RateSetOut(Schema):
    id: int
    host_unit_id: int
    valid_from: date
    values: dict[str, float]
    note: str
    created_at: LocalDateTime


class RateSetFilters(Schema):
    host_unit_id: int
