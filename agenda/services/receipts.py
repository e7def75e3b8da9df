"""Read receipts: the first time a person was sent, opened and downloaded a document."""

from django.db import transaction
from django.utils import timezone

from agenda.models import Document, Receipt
from meetings.models import User

FIELDS = {"sent": "sent_at", "opened": "opened_at", "downloaded": "downloaded_at"}


@transaction.atomic
def receipt_mark(*, user: User, document: Document, event: str) -> Receipt:
    """Stamp `event` ("sent", "opened" or "downloaded") once; later repeats keep the first time.

    Opening or downloading implies the document reached the person, so those stamp
    `sent_at` too when it is empty (a document read before publishing, say).
    """
    field = FIELDS[event]
    receipt, _created = Receipt.objects.select_for_update().get_or_create(
        document=document, user=user
    )
    now = timezone.now()
    changed = []
    for name in {field, "sent_at"}:
        if getattr(receipt, name) is None:
            setattr(receipt, name, now)
            changed.append(name)
    if changed:
        receipt.save(update_fields=changed)
    return receipt
