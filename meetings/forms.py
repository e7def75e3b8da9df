"""Forms of the pages. They parse input; the services decide what is allowed."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings import selectors
from meetings.meeting_input import MeetingInput
from meetings.models import BridgePoint, Meeting, MeetingSeries, Role, Unit, User

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
# "08:30", and also "8h30" or "8h" as people write the hour in Vietnamese.
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%Hh%M", "%Hh", "%HH%M", "%HH"]
TIME_WIDGET = forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm", "autocomplete": "off"})

# Where a service's ValidationError key (a MeetingInput field) is shown in the form.
SERVICE_FIELD_TO_FORM = {
    "title": "title",
    "description": "description",
    "host_unit_id": "host_unit",
    "main_bridge_point_id": "main_bridge_point",
    "chair_id": "chair",
    "secretary_id": "secretary",
    "start": "start_time",
    "end": "end_time",
    "kind": "kind",
    "bridge_point_ids": "bridge_point_ids",
    "participants": "participants",
    "frequency": "frequency",
    "count": "count",
    "reason": "reason",
    "expected_attendees": "expected_attendees",
    "bridge_point_id": "bridge_point_id",
}


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (or on top)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, messages in error.message_dict.items():
        name = SERVICE_FIELD_TO_FORM.get(key)
        form.add_error(name if name in form.fields else None, messages)


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Sai tên đăng nhập hoặc mật khẩu."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")


def _person_label(user: User) -> str:
    return f"{user.display_name} — {user.position}" if user.position else user.display_name


@dataclass
class RoomGroup:
    """The rooms of one unit as the picker lists them, each with the people who may attend
    there and their `participants` choice values."""

    unit: Unit
    entries: list[tuple[BridgePoint, list[tuple[User, str]]]]


class MeetingForm(forms.Form):
    title = forms.CharField(
        label=_("Tiêu đề"),
        max_length=300,
        error_messages={"required": _("Nhập tiêu đề cuộc họp.")},
    )
    description = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    host_unit = forms.TypedChoiceField(label=_("Đơn vị chủ trì"), coerce=int)
    main_bridge_point = forms.TypedChoiceField(label=_("Điểm cầu chính"), coerce=int)
    chair = forms.TypedChoiceField(label=_("Chủ trì"), coerce=int)
    secretary = forms.TypedChoiceField(
        label=_("Thư ký"), coerce=int, required=False, empty_value=None
    )
    # Plain text fields: a browser's own date and time pickers follow its language
    # (mm/dd/yyyy, AM/PM in English ones), and officials expect dd/mm/yyyy and 24 hours.
    date = forms.DateField(
        label=_("Ngày họp"),
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"}
        ),
    )
    start_time = forms.TimeField(
        label=_("Giờ bắt đầu"), input_formats=TIME_INPUT_FORMATS, widget=TIME_WIDGET
    )
    end_time = forms.TimeField(
        label=_("Giờ kết thúc"), input_formats=TIME_INPUT_FORMATS, widget=TIME_WIDGET
    )
    kind = forms.ChoiceField(label=_("Hình thức"), choices=Meeting.Kind.choices)
    bridge_point_ids = forms.TypedMultipleChoiceField(
        label=_("Điểm cầu tham dự"), coerce=int, required=False
    )
    participants = forms.MultipleChoiceField(label=_("Người dự"), required=False)
    # Only when creating: a recurring briefing, or a draft that holds no rooms yet.
    frequency = forms.ChoiceField(
        label=_("Lặp lại"),
        required=False,
        choices=[("", _("Không lặp lại")), *MeetingSeries.Frequency.choices],
    )
    count = forms.IntegerField(label=_("Số buổi"), min_value=1, max_value=60, required=False)
    as_draft = forms.BooleanField(
        label=_("Lưu dự thảo (chưa giữ phòng, chưa gửi giấy mời)"), required=False
    )

    def __init__(self, *args, user: User, meeting: Meeting | None = None, **kwargs) -> None:
        self.meeting = meeting
        if meeting is not None and not args and "data" not in kwargs:
            kwargs["initial"] = {**initial_from_meeting(meeting), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        if meeting is not None:
            for name in ("frequency", "count", "as_draft"):
                del self.fields[name]

        self.host_units = list(selectors.host_units_for(user))
        self.rooms = list(selectors.invitable_bridge_points(user).order_by("unit__name", "name"))
        self.groups = list(selectors.bridge_point_groups_for(user))
        self.members = selectors.members_by_unit({room.unit_id for room in self.rooms})
        chairs = list(selectors.role_candidates(user, Role.CHAIR))
        secretaries = list(selectors.role_candidates(user, Role.SECRETARY))

        self.fields["host_unit"].choices = [(u.pk, u.name) for u in self.host_units]
        self.fields["main_bridge_point"].choices = [(r.pk, str(r)) for r in self.rooms]
        self.fields["chair"].choices = [("", "—"), *((u.pk, _person_label(u)) for u in chairs)]
        self.fields["secretary"].choices = [
            ("", _("(không có)")),
            *((u.pk, _person_label(u)) for u in secretaries),
        ]
        self.fields["bridge_point_ids"].choices = [(r.pk, str(r)) for r in self.rooms]
        self.fields["participants"].choices = [
            (value, f"{person.display_name} @ {room}")
            for room in self.rooms
            for person, value in self._attendees(room)
        ]
        if meeting is None and not self.is_bound:
            self._defaults(chairs)

    def _attendees(self, room: BridgePoint) -> list[tuple[User, str]]:
        return [(person, f"{person.pk}:{room.pk}") for person in self.members.get(room.unit_id, [])]

    def _defaults(self, chairs: list[User]) -> None:
        """A new meeting starts at the first host unit's own room, tomorrow morning."""
        if self.host_units:
            host = self.host_units[0]
            self.initial.setdefault("host_unit", host.pk)
            own = [r for r in self.rooms if r.unit_id == host.pk]
            if own:
                self.initial.setdefault("main_bridge_point", own[0].pk)
        tomorrow = timezone.localdate() + timedelta(days=1)
        self.initial.setdefault("date", tomorrow)
        self.initial.setdefault("start_time", "08:00")
        self.initial.setdefault("end_time", "10:00")
        self.initial.setdefault("count", 4)
        if len(chairs) == 1:
            self.initial.setdefault("chair", chairs[0].pk)

    def clean_participants(self) -> list[tuple[int, int]]:
        pairs = [
            tuple(int(part) for part in value.split(":"))
            for value in self.cleaned_data.get("participants", [])
        ]
        people = [user_id for user_id, _room in pairs]
        if len(people) != len(set(people)):
            raise ValidationError(_("Mỗi người chỉ dự tại một điểm cầu."))
        return pairs

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("frequency") and not cleaned.get("count"):
            self.add_error("count", _("Nhập số buổi của chuỗi cuộc họp."))
        if cleaned.get("frequency") and cleaned.get("as_draft"):
            self.add_error("as_draft", _("Chuỗi cuộc họp không lưu được dưới dạng dự thảo."))
        return cleaned

    # --- what the picker and the services need ---------------------------------

    def period(self) -> tuple[datetime, datetime] | None:
        """Start and end as aware local datetimes, once date and both times are valid."""
        day = self.cleaned_data.get("date")
        start = self.cleaned_data.get("start_time")
        end = self.cleaned_data.get("end_time")
        if day is None or start is None or end is None:
            return None
        return (
            timezone.make_aware(datetime.combine(day, start)),
            timezone.make_aware(datetime.combine(day, end)),
        )

    def meeting_input(self) -> MeetingInput | None:
        """The booking as the services take it; None until the times are valid.

        The live conflict check calls this on a half-filled form, so ids that are
        still missing stay None: the rule then checks only what is known.
        """
        period = self.period()
        if period is None:
            return None
        cleaned = self.cleaned_data
        return MeetingInput(
            title=cleaned.get("title", ""),
            description=cleaned.get("description", ""),
            host_unit_id=cleaned.get("host_unit"),
            main_bridge_point_id=cleaned.get("main_bridge_point"),
            chair_id=cleaned.get("chair"),
            secretary_id=cleaned.get("secretary"),
            start=period[0],
            end=period[1],
            kind=cleaned.get("kind") or Meeting.Kind.ONLINE,
            bridge_point_ids=list(cleaned.get("bridge_point_ids", [])),
            participants=list(cleaned.get("participants", [])),
        )

    def selected_room_ids(self) -> set[int]:
        if self.is_bound:
            values: Iterable = self.data.getlist("bridge_point_ids")
        else:
            values = self.initial.get("bridge_point_ids", [])
        return {int(v) for v in values if str(v).isdigit()}

    def selected_participants(self) -> set[str]:
        if self.is_bound:
            return set(self.data.getlist("participants"))
        return set(self.initial.get("participants", []))

    def room_groups(self) -> list[RoomGroup]:
        return [
            RoomGroup(unit, [(room, self._attendees(room)) for room in rooms])
            for unit, rooms in groupby(self.rooms, key=lambda room: room.unit)
        ]

    def quick_picks(self) -> list[tuple[str, list[int]]]:
        """Buttons that select many rooms at once: saved groups, then each unit's communes."""
        invitable = {room.pk for room in self.rooms}
        picks = [
            (group.name, sorted(bp.pk for bp in group.bridge_points.all() if bp.pk in invitable))
            for group in self.groups
        ]
        local_kinds = {Unit.Kind.COMMUNE, Unit.Kind.WARD, Unit.Kind.SPECIAL_ZONE}
        for unit in self.host_units:
            rooms = [
                room.pk
                for room in self.rooms
                if room.unit.parent_id == unit.pk and room.unit.kind in local_kinds
            ]
            if rooms:
                picks.append((_("Tất cả xã, phường của %(unit)s") % {"unit": unit.name}, rooms))
        return [(label, ids) for label, ids in picks if ids]


def initial_from_meeting(meeting: Meeting) -> dict:
    start = timezone.localtime(meeting.start)
    end = timezone.localtime(meeting.end)
    return {
        "title": meeting.title,
        "description": meeting.description,
        "host_unit": meeting.host_unit_id,
        "main_bridge_point": meeting.main_bridge_point_id,
        "chair": meeting.chair_id,
        "secretary": meeting.secretary_id,
        "date": start.date(),
        "start_time": start.time(),
        "end_time": end.time(),
        "kind": meeting.kind,
        "bridge_point_ids": [inv.bridge_point_id for inv in meeting.invitations.all()],
        "participants": [
            f"{p.user_id}:{p.bridge_point_id}"
            for p in meeting.participants.all()
            if p.bridge_point_id is not None
        ],
    }


class CancelForm(forms.Form):
    # Left optional here: the service says, in its own words, that a reason is needed.
    reason = forms.CharField(
        label=_("Lý do hủy"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RespondForm(forms.Form):
    ACCEPT = "accept"
    DECLINE = "decline"

    bridge_point_id = forms.TypedChoiceField(label=_("Điểm cầu"), coerce=int)
    answer = forms.ChoiceField(
        choices=[(ACCEPT, _("Xác nhận tham dự")), (DECLINE, _("Không tham dự"))]
    )
    expected_attendees = forms.IntegerField(
        label=_("Số người dự kiến"), min_value=0, max_value=10000, required=False
    )
    reason = forms.CharField(
        label=_("Lý do không tham dự"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, rooms: list[BridgePoint], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bridge_point_id"].choices = [(room.pk, str(room)) for room in rooms]
