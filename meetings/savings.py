"""The savings ledger of one meeting, as a pure function of its facts and a rate set.

What holding a meeting online saved against holding it in person at the host: travel
(fuel above the legal distance threshold, the daily travel allowance), meals of invited
guests, printed paper, and the staff time spent on the road. The norms are in
docs/savings.md and shared/docs/domain.md ("Norms for the savings ledger").

No ORM here: the facts and rates come in as plain values (meetings.savings_facts
gathers them), so the rules are tested without a database. Every figure carries its
inputs and a formula in words, for the "how was this computed" of the pages and the
exports. Money is Decimal, rounded to whole VND per figure; totals add the rounded
figures, so a printed column always adds up.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

# Burning one litre of petrol releases about 2.31 kg of CO₂ (sources range 2.27–2.35:
# IPCC 2006 default factors, US EPA's 8,887 g per US gallon). Fixed, and stored with
# each ledger's copy of the rates.
CO2_KG_PER_LITRE = Decimal("2.31")

# The daily travel allowance rose from 200,000 to 300,000 VND on this day
# (Thông tư 12/2025/TT-BTC amending Thông tư 40/2017/TT-BTC).
ALLOWANCE_RAISED_ON = date(2025, 5, 4)

ONLINE, HYBRID = "online", "hybrid"
ENDED, CANCELLED = "ended", "cancelled"

# Host levels for the meal support of Thông tư 40/2017/TT-BTC, art. 12.4.
PROVINCE_LEVEL, DISTRICT_LEVEL, COMMUNE_LEVEL = "province", "district", "commune"
MEAL_SUPPORT_BY_LEVEL = {
    PROVINCE_LEVEL: Decimal(200_000),
    DISTRICT_LEVEL: Decimal(150_000),
    COMMUNE_LEVEL: Decimal(100_000),
}

WHOLE = Decimal(1)
TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")
MINUTES_PER_HOUR = Decimal(60)


# --- Formatting --------------------------------------------------------------------


def format_number(value: Decimal | int, places: int = 0) -> str:
    """Vietnamese digits: "." between thousands, "," before decimals ("1.234,5")."""
    quantum = Decimal(1).scaleb(-places)
    text = f"{Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_short(value: Decimal | int, places: int = 3) -> str:
    """Without trailing zeros: "12", "12,5", "0,2"."""
    text = format_number(value, places)
    return text.rstrip("0").rstrip(",") if "," in text else text


def format_vnd(value: Decimal | int) -> str:
    """ "1.234.567 đ"."""
    return f"{format_number(value)} đ"


def _money(value: Decimal) -> Decimal:
    return value.quantize(WHOLE, rounding=ROUND_HALF_UP)


def _round(value: Decimal, quantum: Decimal) -> Decimal:
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


# --- Rates -------------------------------------------------------------------------


@dataclass(frozen=True)
class RateSpec:
    """One rate: its label, unit, and the range a sane value lies in."""

    name: str
    label: str
    unit: str
    minimum: Decimal
    maximum: Decimal


def rate_specs() -> list[RateSpec]:
    """The rates in display order. Bounds refuse typing slips (an extra zero, a minus)."""
    spec, d = RateSpec, Decimal
    per_day = _("đ/người/ngày")
    return [
        spec("fuel_litres_per_km", _("Xăng khoán theo km"), _("lít/km"), d("0.01"), d(1)),
        spec("petrol_price", _("Giá xăng"), _("đ/lít"), d(5_000), d(100_000)),
        spec(
            "hardship_threshold_km", _("Ngưỡng tính xăng, xã đặc biệt khó khăn"), "km", d(0), d(200)
        ),
        spec("other_threshold_km", _("Ngưỡng tính xăng, xã khác"), "km", d(0), d(200)),
        spec("daily_allowance", _("Phụ cấp lưu trú"), per_day, d(0), d(2_000_000)),
        spec(
            "meal_support",
            _("Hỗ trợ tiền ăn khách mời không hưởng lương"),
            per_day,
            d(0),
            d(1_000_000),
        ),
        spec("page_cost", _("Chi phí in một trang"), _("đ/trang"), d(0), d(10_000)),
        spec("copies_per_delegate", _("Số bản in cho mỗi đại biểu"), _("bản"), d(0), d(10)),
        spec("staff_hour_value", _("Giá trị một giờ công"), _("đ/giờ"), d(0), d(2_000_000)),
        spec("travel_speed_kmh", _("Tốc độ đi lại khi chưa có thời gian đi"), "km/h", d(5), d(120)),
    ]


@dataclass(frozen=True)
class Rates:
    fuel_litres_per_km: Decimal
    petrol_price: Decimal  # VND per litre
    hardship_threshold_km: Decimal  # one way, hardship communes
    other_threshold_km: Decimal  # one way, other communes
    daily_allowance: Decimal  # VND per person per day
    meal_support: Decimal  # VND per invited guest not on a state payroll, per day
    page_cost: Decimal  # VND per printed page
    copies_per_delegate: int
    staff_hour_value: Decimal  # VND per hour of staff time
    travel_speed_kmh: Decimal  # when a bridge point has no travel time
    co2_kg_per_litre: Decimal = CO2_KG_PER_LITRE

    def as_json(self) -> dict[str, str | int]:
        """Strings for decimals, so a JSON column keeps every digit."""
        return {
            f.name: getattr(self, f.name)
            if isinstance(getattr(self, f.name), int)
            else str(getattr(self, f.name))
            for f in fields(self)
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> "Rates":
        values = {}
        for f in fields(cls):
            if f.name in data:
                raw = data[f.name]
                values[f.name] = int(raw) if f.name == "copies_per_delegate" else Decimal(str(raw))
        return cls(**values)


def legal_default_rates(on: date, level: str = PROVINCE_LEVEL) -> Rates:
    """The defaults of the norms for a meeting on `on` hosted at `level`.

    Petrol price, page cost, hourly value and speed are not set by law: they are
    estimates (docs/savings.md) that each host unit should replace with its own.
    """
    return Rates(
        fuel_litres_per_km=Decimal("0.2"),
        petrol_price=Decimal(20_000),
        hardship_threshold_km=Decimal(10),
        other_threshold_km=Decimal(15),
        daily_allowance=Decimal(300_000 if on >= ALLOWANCE_RAISED_ON else 200_000),
        meal_support=MEAL_SUPPORT_BY_LEVEL.get(level, MEAL_SUPPORT_BY_LEVEL[PROVINCE_LEVEL]),
        page_cost=Decimal(500),
        copies_per_delegate=1,
        staff_hour_value=Decimal(40_000),
        travel_speed_kmh=Decimal(40),
    )


def rate_errors(values: Mapping[str, object]) -> dict[str, list[str]]:
    """Messages per rate for missing, negative, non-numeric or implausible values."""
    errors: dict[str, list[str]] = {}
    parsed: dict[str, Decimal] = {}
    for spec in rate_specs():
        raw = values.get(spec.name)
        try:
            number = Decimal(str(raw)) if raw is not None and str(raw).strip() != "" else None
        except ArithmeticError:
            number = None
            errors[spec.name] = [_("Nhập một số.")]
            continue
        if number is None or not number.is_finite():
            errors[spec.name] = [_("Nhập %(label)s.") % {"label": spec.label.lower()}]
        elif number < 0:
            errors[spec.name] = [_("%(label)s không được âm.") % {"label": spec.label}]
        elif number < spec.minimum or number > spec.maximum:
            errors[spec.name] = [
                _("%(label)s phải từ %(low)s đến %(high)s %(unit)s.")
                % {
                    "label": spec.label,
                    "low": format_short(spec.minimum),
                    "high": format_short(spec.maximum),
                    "unit": spec.unit,
                }
            ]
        elif spec.name == "copies_per_delegate" and number != number.to_integral_value():
            errors[spec.name] = [_("Số bản in phải là số nguyên.")]
        else:
            parsed[spec.name] = number
    hardship, other = parsed.get("hardship_threshold_km"), parsed.get("other_threshold_km")
    if hardship is not None and other is not None and hardship > other:
        errors.setdefault("hardship_threshold_km", []).append(
            _("Ngưỡng của xã đặc biệt khó khăn không được lớn hơn ngưỡng của xã khác.")
        )
    return errors


# --- Facts -------------------------------------------------------------------------


@dataclass(frozen=True)
class BridgePointFacts:
    """A bridge point invited to the meeting, and who joined from it."""

    bridge_point_id: int
    name: str
    people: int  # present in that room, i.e. joined remotely instead of travelling
    distance_km: Decimal | None  # one way to the host venue; None = unknown
    travel_minutes: int | None  # one way; None = derive from the rate set's speed
    is_hardship: bool = False
    guests: int = 0  # of `people`: invited guests not on a state payroll
    ready_on_time: bool | None = None  # checked in before the start; None = not known


@dataclass(frozen=True)
class DocumentFacts:
    title: str
    pages: int | None  # of the latest version; None = not known (not a PDF)


@dataclass(frozen=True)
class MeetingFacts:
    meeting_id: int
    title: str
    day: date  # local date of the start
    days: int  # calendar days the meeting spans (allowances are per day)
    kind: str  # ONLINE or HYBRID
    status: str
    host_people: int  # in the main room at the host
    bridge_points: tuple[BridgePointFacts, ...] = ()
    documents: tuple[DocumentFacts, ...] = ()
    attendance_source: str = ""

    def as_json(self) -> dict:
        return {
            "meeting_id": self.meeting_id,
            "title": self.title,
            "day": self.day.isoformat(),
            "days": self.days,
            "kind": self.kind,
            "status": self.status,
            "host_people": self.host_people,
            "attendance_source": self.attendance_source,
            "bridge_points": [
                {
                    "bridge_point_id": bp.bridge_point_id,
                    "name": bp.name,
                    "people": bp.people,
                    "distance_km": None if bp.distance_km is None else str(bp.distance_km),
                    "travel_minutes": bp.travel_minutes,
                    "is_hardship": bp.is_hardship,
                    "guests": bp.guests,
                    "ready_on_time": bp.ready_on_time,
                }
                for bp in self.bridge_points
            ],
            "documents": [{"title": d.title, "pages": d.pages} for d in self.documents],
        }

    @classmethod
    def from_json(cls, data: Mapping) -> "MeetingFacts":
        return cls(
            meeting_id=data["meeting_id"],
            title=data["title"],
            day=date.fromisoformat(data["day"]),
            days=data["days"],
            kind=data["kind"],
            status=data["status"],
            host_people=data["host_people"],
            attendance_source=data.get("attendance_source", ""),
            bridge_points=tuple(
                BridgePointFacts(
                    **{
                        **bp,
                        "distance_km": None
                        if bp["distance_km"] is None
                        else Decimal(bp["distance_km"]),
                    }
                )
                for bp in data["bridge_points"]
            ),
            documents=tuple(DocumentFacts(**d) for d in data["documents"]),
        )


# --- Results -----------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One number of the ledger and how it came about."""

    key: str
    label: str
    value: Decimal
    unit: str
    formula: str
    places: int = 0

    @property
    def display(self) -> str:
        if self.unit == "đ":
            return format_vnd(self.value)
        return f"{format_short(self.value, self.places)} {self.unit}"


# Amounts every line and every ledger carries, in the order reports print them.
MONEY_KINDS = ("fuel_cost", "allowance", "meals", "paper_cost", "staff_time")


@dataclass(frozen=True)
class Amounts:
    """Sums a line or a whole ledger carries; the stored columns have these names."""

    people: int = 0
    person_km: Decimal = Decimal("0.0")
    person_hours: Decimal = Decimal("0.00")
    fuel_litres: Decimal = Decimal("0.00")
    co2_kg: Decimal = Decimal("0.00")
    fuel_cost: Decimal = Decimal(0)
    allowance: Decimal = Decimal(0)
    meals: Decimal = Decimal(0)
    paper_cost: Decimal = Decimal(0)
    staff_time: Decimal = Decimal(0)

    @property
    def total(self) -> Decimal:
        return sum((getattr(self, kind) for kind in MONEY_KINDS), Decimal(0))

    def __add__(self, other: "Amounts") -> "Amounts":
        return Amounts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


@dataclass(frozen=True)
class LineLedger:
    facts: BridgePointFacts
    joined: bool
    distance_known: bool
    travel_counted: bool  # trip at or over the threshold: fuel and allowance count
    amounts: Amounts
    figures: tuple[Figure, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ledger:
    facts: MeetingFacts
    rates: Rates
    saves: bool
    reason: str  # why nothing was saved, when `saves` is false
    lines: tuple[LineLedger, ...]
    document_pages: int
    pages_unknown: int  # documents whose page count is not known
    copies: int
    pages_not_printed: int
    amounts: Amounts
    paper_figures: tuple[Figure, ...]
    figures: tuple[Figure, ...]  # the meeting's totals
    notes: tuple[str, ...] = field(default=())

    @property
    def total(self) -> Decimal:
        return self.amounts.total

    @property
    def joins(self) -> int:
        return sum(line.joined for line in self.lines)

    @property
    def paperless(self) -> bool:
        """Held online with its documents handed out through Điểm Cầu, none on paper."""
        return self.saves and self.document_pages > 0

    @property
    def unknown_distance(self) -> tuple[BridgePointFacts, ...]:
        return tuple(line.facts for line in self.lines if line.joined and not line.distance_known)


# --- The computation ----------------------------------------------------------------


def _threshold(bp: BridgePointFacts, rates: Rates) -> tuple[Decimal, str]:
    if bp.is_hardship:
        return rates.hardship_threshold_km, _("xã đặc biệt khó khăn")
    return rates.other_threshold_km, _("xã không thuộc vùng đặc biệt khó khăn")


def _figure(key: str, label: str, value: Decimal, unit: str, formula: str, **args) -> Figure:
    places = args.pop("places", 0)
    return Figure(key, label, value, unit, formula % args if args else formula, places)


def _travel_figures(
    bp: BridgePointFacts, rates: Rates, days: int
) -> tuple[list[Figure], list[str], bool]:
    """Kilometres, fuel, and (at or over the threshold) fuel cost and allowance."""
    if bp.distance_km is None:
        return (
            [],
            [_("Chưa có khoảng cách: tính 0 km, cần bổ sung khoảng cách của điểm cầu.")],
            False,
        )
    person_km = _round(bp.distance_km * 2 * bp.people, TENTH)
    litres = _round(person_km * rates.fuel_litres_per_km, HUNDREDTH)
    figures = [
        _figure(
            "person_km",
            _("Quãng đường không phải đi"),
            person_km,
            "km",
            _("%(n)s người × 2 lượt × %(d)s km = %(t)s km"),
            n=bp.people,
            d=format_short(bp.distance_km),
            t=format_short(person_km),
            places=1,
        ),
        _figure(
            "fuel_litres",
            _("Xăng không phải đốt"),
            litres,
            _("lít"),
            _("%(km)s km × %(r)s lít/km = %(l)s lít"),
            km=format_short(person_km),
            r=format_short(rates.fuel_litres_per_km, 2),
            l=format_short(litres, 2),
            places=2,
        ),
    ]
    threshold, where = _threshold(bp, rates)
    if bp.distance_km < threshold:
        note = _(
            "%(d)s km < ngưỡng %(t)s km (%(where)s): không tính tiền xăng và phụ cấp lưu trú."
        ) % {"d": format_short(bp.distance_km), "t": format_short(threshold), "where": where}
        return figures, [note], False
    fuel_cost = _money(litres * rates.petrol_price)
    allowance = _money(bp.people * days * rates.daily_allowance)
    figures += [
        _figure(
            "fuel_cost",
            _("Tiền xăng"),
            fuel_cost,
            "đ",
            _("%(d)s km ≥ ngưỡng %(t)s km (%(where)s): %(l)s lít × %(p)s/lít = %(c)s"),
            d=format_short(bp.distance_km),
            t=format_short(threshold),
            where=where,
            l=format_short(litres, 2),
            p=format_vnd(rates.petrol_price),
            c=format_vnd(fuel_cost),
        ),
        _figure(
            "allowance",
            _("Phụ cấp lưu trú"),
            allowance,
            "đ",
            _("%(n)s người × %(days)s ngày × %(r)s = %(c)s"),
            n=bp.people,
            days=days,
            r=format_vnd(rates.daily_allowance),
            c=format_vnd(allowance),
        ),
    ]
    return figures, [], True


def _time_figures(bp: BridgePointFacts, rates: Rates) -> list[Figure]:
    """Hours on the road for everyone of the room, there and back, and what they are worth."""
    if bp.travel_minutes is not None:
        hours = _round(Decimal(bp.people * 2 * bp.travel_minutes) / MINUTES_PER_HOUR, HUNDREDTH)
        formula = _("%(n)s người × 2 lượt × %(m)s phút = %(h)s giờ") % {
            "n": bp.people,
            "m": bp.travel_minutes,
            "h": format_short(hours, 2),
        }
    elif bp.distance_km is not None:
        hours = _round(bp.people * 2 * bp.distance_km / rates.travel_speed_kmh, HUNDREDTH)
        formula = _(
            "%(n)s người × 2 lượt × %(d)s km ÷ %(v)s km/h (chưa có thời gian đi) = %(h)s giờ"
        ) % {
            "n": bp.people,
            "d": format_short(bp.distance_km),
            "v": format_short(rates.travel_speed_kmh),
            "h": format_short(hours, 2),
        }
    else:
        return []
    staff_time = _money(hours * rates.staff_hour_value)
    return [
        Figure("person_hours", _("Thời gian đi lại"), hours, _("giờ"), formula, 2),
        _figure(
            "staff_time",
            _("Giá trị giờ công"),
            staff_time,
            "đ",
            _("%(h)s giờ × %(r)s/giờ = %(c)s"),
            h=format_short(hours, 2),
            r=format_vnd(rates.staff_hour_value),
            c=format_vnd(staff_time),
        ),
    ]


def ledger_line(bp: BridgePointFacts, rates: Rates, days: int) -> LineLedger:
    """What one bridge point saved: its people did not travel to the host and back."""
    known = bp.distance_km is not None
    if bp.people <= 0:
        return LineLedger(bp, False, known, False, Amounts(), (), ())
    figures, notes, counted = _travel_figures(bp, rates, days)
    guests = min(bp.guests, bp.people)
    if guests:
        meals = _money(guests * days * rates.meal_support)
        figures.append(
            _figure(
                "meals",
                _("Hỗ trợ tiền ăn khách mời"),
                meals,
                "đ",
                _("%(n)s khách mời × %(days)s ngày × %(r)s = %(c)s"),
                n=guests,
                days=days,
                r=format_vnd(rates.meal_support),
                c=format_vnd(meals),
            )
        )
    figures += _time_figures(bp, rates)
    values = {figure.key: figure.value for figure in figures}
    litres = values.get("fuel_litres", Decimal("0.00"))
    if litres:
        co2 = _round(litres * rates.co2_kg_per_litre, HUNDREDTH)
        figures.append(
            _figure(
                "co2_kg",
                _("CO₂ không thải ra"),
                co2,
                "kg",
                _("%(l)s lít × %(f)s kg CO₂/lít xăng = %(c)s kg"),
                l=format_short(litres, 2),
                f=format_short(rates.co2_kg_per_litre, 2),
                c=format_short(co2, 2),
                places=2,
            )
        )
        values["co2_kg"] = co2
    amounts = Amounts(
        people=bp.people,
        **{
            name: values[name]
            for name in (
                "person_km",
                "person_hours",
                "fuel_litres",
                "co2_kg",
                "fuel_cost",
                "allowance",
                "meals",
                "staff_time",
            )
            if name in values
        },
    )
    return LineLedger(bp, True, known, counted, amounts, tuple(figures), tuple(notes))


def _nothing_saved_reason(facts: MeetingFacts) -> str:
    if facts.status == CANCELLED:
        return _("Cuộc họp đã bị hủy: không tiết kiệm được gì.")
    if facts.status != ENDED:
        return _("Cuộc họp chưa diễn ra xong: sổ chỉ tính cho cuộc họp đã kết thúc.")
    if facts.kind not in (ONLINE, HYBRID):
        return _("Cuộc họp tổ chức trực tiếp: không tiết kiệm được gì.")
    return ""


def _paper(facts: MeetingFacts, rates: Rates, remote_people: int) -> dict:
    """Pages a paper meeting would have printed: a set per person (times the copy rate)."""
    pages = sum(d.pages or 0 for d in facts.documents)
    # A hybrid meeting saves only for those who joined remotely; online, nobody got paper.
    if facts.kind == HYBRID:
        readers = remote_people
        who = _("%(n)s người dự từ xa (họp kết hợp: người dự trực tiếp không tính)") % {
            "n": readers
        }
    else:
        readers = remote_people + facts.host_people
        who = _("%(n)s người (%(h)s tại điểm cầu chính + %(r)s tại các điểm cầu thành phần)") % {
            "n": readers,
            "h": facts.host_people,
            "r": remote_people,
        }
    copies = readers * rates.copies_per_delegate
    not_printed = pages * copies
    cost = _money(not_printed * rates.page_cost)
    figures = (
        _figure(
            "copies",
            _("Số bộ tài liệu không phải in"),
            Decimal(copies),
            _("bộ"),
            _("%(who)s × %(c)s bản/người = %(n)s bộ"),
            who=who,
            c=rates.copies_per_delegate,
            n=copies,
        ),
        _figure(
            "pages_not_printed",
            _("Số trang không phải in"),
            Decimal(not_printed),
            _("trang"),
            _("%(p)s trang tài liệu × %(c)s bộ = %(n)s trang"),
            p=format_number(pages),
            c=copies,
            n=format_number(not_printed),
        ),
        _figure(
            "paper_cost",
            _("Chi phí in"),
            cost,
            "đ",
            _("%(n)s trang × %(r)s/trang = %(c)s"),
            n=format_number(not_printed),
            r=format_vnd(rates.page_cost),
            c=format_vnd(cost),
        ),
    )
    return {
        "document_pages": pages,
        "pages_unknown": sum(d.pages is None for d in facts.documents),
        "copies": copies,
        "pages_not_printed": not_printed,
        "paper_cost": cost,
        "paper_figures": figures,
    }


def _total_figures(amounts: Amounts, joins: int) -> tuple[Figure, ...]:
    parts = " + ".join(format_vnd(getattr(amounts, kind)) for kind in MONEY_KINDS)
    summed = _("cộng %(n)s điểm cầu") % {"n": joins}
    return (
        Figure(
            "person_km", _("Tổng quãng đường không phải đi"), amounts.person_km, "km", summed, 1
        ),
        Figure(
            "person_hours",
            _("Tổng thời gian đi lại tiết kiệm"),
            amounts.person_hours,
            _("giờ"),
            summed,
            2,
        ),
        _figure(
            "co2_kg",
            _("CO₂ không thải ra"),
            amounts.co2_kg,
            "kg",
            _("%(l)s lít xăng × %(f)s kg/lít"),
            l=format_short(amounts.fuel_litres, 2),
            f=format_short(CO2_KG_PER_LITRE, 2),
            places=2,
        ),
        _figure(
            "total",
            _("Tổng tiền tiết kiệm"),
            amounts.total,
            "đ",
            _("xăng + lưu trú + tiền ăn + in ấn + giờ công = %(parts)s"),
            parts=parts,
        ),
    )


def compute_ledger(facts: MeetingFacts, rates: Rates) -> Ledger:
    """The ledger of one meeting. Cancelled or not held: a ledger of zeros with the reason."""
    reason = _nothing_saved_reason(facts)
    if reason:
        return Ledger(facts, rates, False, reason, (), 0, 0, 0, 0, Amounts(), (), ())
    lines = tuple(ledger_line(bp, rates, facts.days) for bp in facts.bridge_points)
    travel = sum((line.amounts for line in lines), Amounts())
    paper = _paper(facts, rates, travel.people)
    amounts = replace(travel, paper_cost=paper.pop("paper_cost"))
    notes = []
    if facts.kind == HYBRID:
        notes.append(
            _(
                "Họp kết hợp: chỉ tính cho người dự tại các điểm cầu thành phần (từ xa); người "
                "dự trực tiếp tại điểm cầu chính không được tính."
            )
        )
    if paper["pages_unknown"]:
        notes.append(
            _("%(n)s tài liệu chưa rõ số trang (không phải PDF): tính 0 trang.")
            % {"n": paper["pages_unknown"]}
        )
    missing = [line.facts.name for line in lines if line.joined and not line.distance_known]
    if missing:
        notes.append(
            _("Chưa có khoảng cách (tính 0 km): %(names)s.") % {"names": "; ".join(missing)}
        )
    joins = sum(line.joined for line in lines)
    return Ledger(
        facts=facts,
        rates=rates,
        saves=True,
        reason="",
        lines=lines,
        amounts=amounts,
        figures=_total_figures(amounts, joins),
        notes=tuple(notes),
        **paper,
    )
