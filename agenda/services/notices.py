"""In-app notices: marking one read when its owner opens it."""

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.models import Notice
from meetings.models import User


@transaction.atomic
def notice_mark_read(*, actor: User, notice_id: int) -> Notice:
    """Mark the actor's own notice read (the first time counts); anyone else's is 404."""
    notice = Notice.objects.select_for_update().filter(pk=notice_id, user=actor).first()
    if notice is None:
        raise Http404(_("Không tìm thấy thông báo."))
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice
