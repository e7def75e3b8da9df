"""Request and response shapes of the REST API (they are the OpenAPI schema)."""

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, ValidationInfo, create_model, field_validator

from meetings.meeting_input import MeetingInput
from meetings.models import Invitation, Meeting, Participant


def _local(value: datetime) -> datetime:
    # Clients may omit the offset; a time without one means Vietnam time.
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value)


# Every time in and out of the API is Asia/Ho_Chi_Minh, written with its +07:00 offset.
LocalDateTime = Annotated[datetime, AfterValidator(_local)]


# Errors


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        description="Messages per field; `__all__` for those about the request as a whole."
    )


class ConflictOut(Schema):
    kind: Literal["bridge_point", "chair"]
    resource_id: int
    resource_name: str
    meeting_id: int | None
    meeting_title: str
    start: LocalDateTime
    end: LocalDateTime
    message: str
    occurrence: int | None = Field(
        None, description="Index of the clashing occurrence when booking a series."
    )


class ConflictErrorOut(Schema):
    detail: str
    conflicts: list[ConflictOut]


class CheckOut(Schema):
    conflicts: list[ConflictOut]


# Units and bridge points


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None


class UnitRef(Schema):
    id: int
    name: str


class BridgePointOut(Schema):
    id: int
    name: str
    unit: UnitRef
    address: str
    distance_km: float | None
    travel_minutes: int | None
    is_hardship: bool
    technician_name: str
    technician_phone: str
    capacity: int
    equipment_note: str
    is_active: bool


class BridgePointRef(Schema):
    id: int
    name: str
    unit_id: int
    unit_name: str = Field(alias="unit.name")


# Meetings out


class PersonOut(Schema):
    id: int
    username: str
    display_name: str
    position: str


class InvitationOut(Schema):
    bridge_point: BridgePointRef
    unit_name: str = Field(alias="bridge_point.unit.name")
    response: Invitation.Response
    reason: str = Field(alias="decline_reason")
    expected_attendees: int | None
    responded_at: LocalDateTime | None


class ParticipantOut(Schema):
    user: PersonOut
    bridge_point_id: int | None
    role: Participant.ParticipantRole


class MeetingOut(Schema):
    id: int
    uid: UUID
    title: str
    description: str
    kind: Meeting.Kind
    status: Meeting.Status
    host_unit: UnitRef
    main_bridge_point: BridgePointRef
    chair: PersonOut
    secretary: PersonOut | None
    start: LocalDateTime
    end: LocalDateTime
    cancel_reason: str
    sequence: int = Field(description="iCalendar SEQUENCE; raised on every change.")
    series_id: int | None
    invitations: list[InvitationOut]
    participants: list[ParticipantOut]


class SeriesOut(Schema):
    series_id: int
    meetings: list[MeetingOut]


# Meetings in


class ParticipantIn(Schema):
    user_id: int
    bridge_point_id: int | None = Field(None, description="The invited room they attend from.")


class MeetingIn(Schema):
    """The booking itself; mirrors meetings.meeting_input.MeetingInput."""

    title: str
    host_unit_id: int
    main_bridge_point_id: int
    chair_id: int
    secretary_id: int | None = None
    start: LocalDateTime
    end: LocalDateTime
    bridge_point_ids: list[int] = Field(description="Invited (participating) bridge points.")
    kind: Meeting.Kind = Meeting.Kind.ONLINE
    description: str = ""
    participants: list[ParticipantIn] = []

    def to_input(self) -> MeetingInput:
        return MeetingInput(
            title=self.title,
            host_unit_id=self.host_unit_id,
            main_bridge_point_id=self.main_bridge_point_id,
            chair_id=self.chair_id,
            secretary_id=self.secretary_id,
            start=self.start,
            end=self.end,
            bridge_point_ids=list(self.bridge_point_ids),
            kind=str(self.kind),
            description=self.description,
            participants=[(p.user_id, p.bridge_point_id) for p in self.participants],
        )

    @classmethod
    def from_input(cls, data: MeetingInput) -> "MeetingIn":
        fields: dict[str, Any] = {name: getattr(data, name) for name in cls.model_fields}
        fields["participants"] = [
            {"user_id": user_id, "bridge_point_id": bp_id} for user_id, bp_id in data.participants
        ]
        return cls.model_validate(fields)


def _partial(schema: type[Schema], name: str) -> type[Schema]:
    """`schema` with every field optional, yet an explicit null still refused where the
    field is not nullable (unlike ninja's PatchDict, which makes every field nullable)."""
    fields: dict[str, Any] = {}
    for field_name, field in schema.model_fields.items():
        # Keep validators such as LocalDateTime's, which pydantic moved into metadata.
        annotation = (
            Annotated[(field.annotation, *field.metadata)] if field.metadata else (field.annotation)
        )
        fields[field_name] = (annotation, Field(None, description=field.description))
    return create_model(name, __base__=Schema, **fields)


MeetingPatchIn = _partial(MeetingIn, "MeetingPatchIn")


class RecurrenceIn(Schema):
    frequency: Literal["weekly", "monthly"]
    interval: int = Field(1, ge=1, le=12)
    count: int = Field(ge=1, le=60)


class MeetingCreateIn(MeetingIn):
    draft: bool = Field(False, description="Save without holding rooms or inviting anyone.")
    recurrence: RecurrenceIn | None = Field(
        None, description="Book a recurring series; every occurrence or none."
    )

    @field_validator("recurrence")
    @classmethod
    def _series_are_never_drafts(cls, value: RecurrenceIn | None, info: ValidationInfo):
        if value is not None and info.data.get("draft"):
            raise ValueError(_("Chuỗi cuộc họp không lưu được ở dạng dự thảo."))
        return value


class CancelIn(Schema):
    reason: str = ""


class ResponseIn(Schema):
    bridge_point_id: int
    accept: bool
    reason: str = Field("", description="Required when declining.")
    expected_attendees: int | None = None


class CheckIn(Schema):
    """A proposed time and the people and rooms it would hold."""

    start: LocalDateTime
    end: LocalDateTime
    chair_id: int | None = None
    main_bridge_point_id: int
    bridge_point_ids: list[int] = []
    exclude_meeting_id: int | None = Field(
        None, description="The meeting being edited, so that it does not clash with itself."
    )

    @field_validator("end")
    @classmethod
    def _ends_after_start(cls, value: datetime, info: ValidationInfo) -> datetime:
        start = info.data.get("start")
        if start is not None and value <= start:
            raise ValueError(_("Giờ kết thúc phải sau giờ bắt đầu."))
        return value

    def room_ids(self) -> frozenset[int]:
        return frozenset({self.main_bridge_point_id, *self.bridge_point_ids})


class MeetingFilters(Schema):
    start: date | None = Field(None, description="First day, Vietnam time (YYYY-MM-DD).")
    end: date | None = Field(None, description="Last day, inclusive (YYYY-MM-DD).")
    status: Meeting.Status | None = None

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, value: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("start")
        if value is not None and start is not None and value < start:
            raise ValueError(_("Ngày kết thúc không được trước ngày bắt đầu."))
        return value
