"""Agenda items: list, add, change, remove, reorder.

Each view parses, calls one selector or service (agenda.services.items), and renders;
refusals become JSON in meetings.api.errors.
"""

from django.http import HttpRequest
from ninja import Router, Status

from agenda import selectors
from agenda.api.schemas import (
    PRESENTER_FIELDS,
    AgendaItemIn,
    AgendaItemOut,
    AgendaItemPatchIn,
    ReorderIn,
)
from agenda.services.items import (
    agenda_item_create,
    agenda_item_delete,
    agenda_item_update,
    agenda_reorder,
)
from meetings import selectors as meeting_selectors
from meetings.api.schemas import ErrorOut, ValidationErrorOut
from meetings.models import Meeting, User

router = Router(tags=["agenda"])

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


def _agenda(user: User, meeting: Meeting) -> list[dict]:
    """The items with their planned times and the documents the user may read."""
    overview = selectors.agenda_overview(user, meeting)
    return [
        {
            "id": row.item.pk,
            "meeting_id": meeting.pk,
            "position": row.item.position,
            "title": row.item.title,
            "kind": row.item.kind,
            "planned_minutes": row.item.planned_minutes,
            "presenter_user": row.item.presenter_user,
            "presenter_unit": row.item.presenter_unit,
            "presenter_name": row.item.presenter_name,
            "planned_start": row.start,
            "planned_end": row.end,
            "document_ids": [document.pk for document in row.documents],
        }
        for row in overview.rows
    ]


def _agenda_of(user: User, meeting_id: int) -> list[dict]:
    return _agenda(user, meeting_selectors.meeting_get(user, meeting_id))


def _item_of(user: User, meeting_id: int, item_id: int) -> dict:
    return next(item for item in _agenda_of(user, meeting_id) if item["id"] == item_id)


@router.get(
    "/meetings/{meeting_id}/agenda-items",
    response={200: list[AgendaItemOut], **READ_ERRORS},
    url_name="agenda_items",
)
def list_agenda_items(request: HttpRequest, meeting_id: int) -> list[dict]:
    """The agenda in order, each item with its planned start and end."""
    return _agenda_of(request.auth, meeting_id)


@router.post("/meetings/{meeting_id}/agenda-items", response={201: AgendaItemOut, **WRITE_ERRORS})
def create_agenda_item(request: HttpRequest, meeting_id: int, payload: AgendaItemIn) -> Status:
    """Add an item at the end of the agenda (organizers of the host unit)."""
    item = agenda_item_create(actor=request.auth, meeting_id=meeting_id, data=payload.to_input())
    return Status(201, _item_of(request.auth, meeting_id, item.pk))


@router.post(
    "/meetings/{meeting_id}/agenda-items/reorder",
    response={200: list[AgendaItemOut], **WRITE_ERRORS},
)
def reorder_agenda_items(request: HttpRequest, meeting_id: int, payload: ReorderIn) -> list[dict]:
    """Put the items in the order given; the list must name every item exactly once."""
    agenda_reorder(actor=request.auth, meeting_id=meeting_id, ordered_ids=payload.ids)
    return _agenda_of(request.auth, meeting_id)


@router.patch("/agenda-items/{item_id}", response={200: AgendaItemOut, **WRITE_ERRORS})
def patch_agenda_item(request: HttpRequest, item_id: int, payload: AgendaItemPatchIn) -> dict:
    """Change only the fields sent."""
    stored = selectors.agenda_item_get(request.auth, item_id)
    current = AgendaItemIn(
        title=stored.title,
        kind=stored.kind,
        planned_minutes=stored.planned_minutes,
        presenter_user_id=stored.presenter_user_id,
        presenter_unit_id=stored.presenter_unit_id,
    ).model_dump()
    sent = payload.model_dump(exclude_unset=True)
    if any(field in sent for field in PRESENTER_FIELDS):
        current.update(dict.fromkeys(PRESENTER_FIELDS))
    merged = AgendaItemIn.model_validate({**current, **sent})
    agenda_item_update(actor=request.auth, item_id=item_id, data=merged.to_input())
    return _item_of(request.auth, stored.meeting_id, item_id)


@router.delete("/agenda-items/{item_id}", response={204: None, **WRITE_ERRORS})
def delete_agenda_item(request: HttpRequest, item_id: int) -> Status:
    """Remove an item; its documents stay with the meeting and the others close the gap."""
    agenda_item_delete(actor=request.auth, item_id=item_id)
    return Status(204, None)
