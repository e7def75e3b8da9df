"""A bridge point's answer to an invitation."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import selectors
from meetings.models import Invitation, Meeting, User
from meetings.services.errors import PermissionDenied


@transaction.atomic
def invitation_respond(
    *,
    actor: User,
    meeting_id: int,
    bridge_point_id: int,
    accept: bool,
    reason: str = "",
    expected_attendees: int | None = None,
) -> Invitation:
    """Confirm attendance (with a headcount) or decline with a reason."""
    meeting = selectors.meeting_get(actor, meeting_id)
    invitation = (
        Invitation.objects.select_for_update()
        .filter(meeting=meeting, bridge_point_id=bridge_point_id)
        .first()
    )
    if invitation is None:
        raise ValidationError({"bridge_point_id": [_("Điểm cầu này không được mời.")]})
    may_answer = (
        actor.is_superuser
        or bridge_point_id in selectors.operated_bridge_point_ids(actor)
        or meeting.host_unit_id in selectors.managed_unit_ids(actor)
    )
    if not may_answer:
        raise PermissionDenied(_("Chỉ cán bộ phụ trách điểm cầu được trả lời giấy mời."))
    if meeting.status not in (Meeting.Status.DRAFT, Meeting.Status.SCHEDULED):
        raise ValidationError(_("Cuộc họp đã bắt đầu, kết thúc hoặc bị hủy."))
    if not accept and not reason.strip():
        raise ValidationError({"reason": [_("Nhập lý do không tham dự.")]})
    if expected_attendees is not None and expected_attendees < 0:
        raise ValidationError({"expected_attendees": [_("Số người không được âm.")]})
    invitation.response = Invitation.Response.ACCEPTED if accept else Invitation.Response.DECLINED
    invitation.decline_reason = "" if accept else reason.strip()
    invitation.expected_attendees = expected_attendees if accept else None
    invitation.responded_at = timezone.now()
    invitation.responded_by = actor
    invitation.save()
    return invitation
