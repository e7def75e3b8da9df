"""What an organizer asks for when booking, and the checks that need no database."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from meetings.models import Meeting


@dataclass
class MeetingInput:
    title: str
    host_unit_id: int
    main_bridge_point_id: int
    chair_id: int
    start: datetime
    end: datetime
    bridge_point_ids: list[int]
    secretary_id: int | None = None
    kind: str = Meeting.Kind.ONLINE
    description: str = ""
    # (user id, bridge point id or None): a person and the room they attend from.
    participants: list[tuple[int, int | None]] = field(default_factory=list)

    def room_ids(self) -> frozenset[int]:
        return frozenset({self.main_bridge_point_id, *self.bridge_point_ids})


def shape_errors(data: MeetingInput, *, now: datetime, allow_past: bool) -> dict[str, list[str]]:
    """Field errors that follow from the input alone."""
    errors: dict[str, list[str]] = {}
    if not data.title.strip():
        errors.setdefault("title", []).append(_("Nhập tiêu đề cuộc họp."))
    if data.end <= data.start:
        errors.setdefault("end", []).append(_("Giờ kết thúc phải sau giờ bắt đầu."))
    if not allow_past and data.start < now:
        errors.setdefault("start", []).append(_("Không thể đặt cuộc họp trong quá khứ."))
    if not data.bridge_point_ids:
        errors.setdefault("bridge_point_ids", []).append(_("Chọn ít nhất một điểm cầu."))
    if data.kind not in Meeting.Kind.values:
        errors.setdefault("kind", []).append(_("Hình thức họp không hợp lệ."))
    if len(set(data.bridge_point_ids)) != len(data.bridge_point_ids):
        errors.setdefault("bridge_point_ids", []).append(_("Một điểm cầu được chọn hai lần."))
    return errors
