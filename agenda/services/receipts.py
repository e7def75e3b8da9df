"""Read receipts: the first time a person was sent, opened and downloaded a document."""

from django.db import transaction
from django.db.models import Q
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


@transaction.atomic
def receipts_mark_sent(*, documents_by_user: dict[int, set[int]]) -> None:
    """Stamp "sent" for many (person, document) pairs at once, keeping any earlier time.

    receipt_mark's rule in a few statements instead of one per pair: a publish to
    100 people of 20 documents must not cost 2,000 round trips.
    """
    now = timezone.now()
    Receipt.objects.bulk_create(
        (
            Receipt(user_id=user_id, document_id=document_id, sent_at=now)
            for user_id, document_ids in documents_by_user.items()
            for document_id in document_ids
        ),
        ignore_conflicts=True,  # an existing receipt keeps its times
    )
    # Receipts made before without a sent time (none today, but the rule says "once").
    users_by_documents: dict[frozenset[int], list[int]] = {}
    for user_id, document_ids in documents_by_user.items():
        if document_ids:
            users_by_documents.setdefault(frozenset(document_ids), []).append(user_id)
    pairs = Q()
    for document_ids, user_ids in users_by_documents.items():
        pairs |= Q(user_id__in=user_ids, document_id__in=document_ids)
    if pairs:
        Receipt.objects.filter(pairs, sent_at__isnull=True).update(sent_at=now)
