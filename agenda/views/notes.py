"""My personal notes on a meeting: the page with its inline editors, and the exports.

Every route works on request.user's own notes only; there is no way to name
someone else's (a note id that is not yours answers 404).
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agenda import exports
from agenda.downloads import generated_attachment
from agenda.forms import add_service_errors
from agenda.forms_distribution import NoteForm
from agenda.models import AgendaItem, Document, PersonalNote
from agenda.selectors import agenda_items, meeting_documents
from agenda.selectors_distribution import my_note_get, my_notes
from agenda.services.notes import note_delete, note_save
from meetings import selectors as meeting_selectors
from meetings.models import Meeting
from meetings.views.common import int_param


@dataclass
class Slot:
    """One editor on the page: a place to write, and what is written there (if anything)."""

    key: str  # unique in the page, for element ids
    agenda_item_id: int | None = None
    document_id: int | None = None
    page: int | None = None
    note: PersonalNote | None = None
    form: NoteForm | None = None

    def __post_init__(self) -> None:
        if self.form is None:
            self.form = NoteForm(
                initial={
                    "text": self.note.text if self.note else "",
                    "agenda_item_id": self.agenda_item_id,
                    "document_id": self.document_id,
                    "page": self.page,
                },
                auto_id=f"note-{self.key}-%s",
            )


@dataclass
class DocumentNotes:
    document: Document
    slot: Slot  # about the document as a whole
    pages: list[Slot] = field(default_factory=list)


def _key(item_id: int | None, document_id: int | None, page: int | None) -> str:
    return f"{item_id or 0}-{document_id or 0}-{page or 0}"


def _slot(
    note: PersonalNote | None,
    item_id: int | None = None,
    document_id: int | None = None,
    page: int | None = None,
    form: NoteForm | None = None,
) -> Slot:
    return Slot(_key(item_id, document_id, page), item_id, document_id, page, note, form)


def _layout(request: HttpRequest, meeting: Meeting) -> dict:
    notes = {(n.agenda_item_id, n.document_id, n.page): n for n in my_notes(request.user, meeting)}
    items: list[tuple[AgendaItem, Slot]] = [
        (item, _slot(notes.get((item.pk, None, None)), item_id=item.pk))
        for item in agenda_items(meeting)
    ]
    documents = [
        DocumentNotes(
            document=document,
            slot=_slot(notes.get((None, document.pk, None)), document_id=document.pk),
            pages=[
                _slot(note, document_id=document.pk, page=page)
                for (item_id, document_id, page), note in notes.items()
                if document_id == document.pk and page is not None
            ],
        )
        for document in meeting_documents(request.user, meeting)
    ]
    return {
        "meeting": meeting,
        "general": _slot(notes.get((None, None, None))),
        "items": items,
        "documents": documents,
        "count": len(notes),
    }


@login_required
@require_GET
def personal_notes_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_selectors.meeting_get(request.user, pk)
    return render(request, "agenda/distribution/notes.html", _layout(request, meeting))


def _editor(request: HttpRequest, meeting: Meeting, slot: Slot, status: int = 200) -> HttpResponse:
    context = {"meeting": meeting, "slot": slot}
    return render(request, "agenda/distribution/_note.html", context, status=status)


@login_required
@require_POST
def personal_note_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one editor; htmx gets the editor back, a plain form post goes back to the page."""
    meeting = meeting_selectors.meeting_get(request.user, pk)
    # The place as posted, to name the editor even when the form is refused.
    posted = [int_param(request.POST.get(n)) for n in ("agenda_item_id", "document_id", "page")]
    form = NoteForm(request.POST, auto_id=f"note-{_key(*posted)}-%s")
    if form.is_valid():
        try:
            note = note_save(
                actor=request.user,
                meeting_id=pk,
                text=form.cleaned_data["text"],
                agenda_item_id=form.cleaned_data["agenda_item_id"],
                document_id=form.cleaned_data["document_id"],
                page=form.cleaned_data["page"],
            )
        except ValidationError as refused:
            add_service_errors(form, refused)
        else:
            if request.htmx:
                slot = _slot(note, note.agenda_item_id, note.document_id, note.page)
                return _editor(request, meeting, slot)
            messages.success(request, _("Đã lưu ghi chú."))
            return redirect("personal-notes", pk)
    if request.htmx:
        item_id, document_id, page = posted
        existing = (
            my_notes(request.user, meeting)
            .filter(agenda_item_id=item_id, document_id=document_id, page=page)
            .first()
        )
        return _editor(
            request, meeting, _slot(existing, item_id, document_id, page, form), status=422
        )
    layout = _layout(request, meeting)
    return render(
        request,
        "agenda/distribution/notes.html",
        {**layout, "errors": [*form.non_field_errors(), *_field_errors(form)]},
        status=422,
    )


def _field_errors(form: NoteForm) -> list[str]:
    return [message for name in form.fields for message in form.errors.get(name, [])]


@login_required
@require_POST
def personal_note_delete(request: HttpRequest, pk: int) -> HttpResponse:
    note = my_note_get(request.user, pk)
    meeting = note.meeting
    note_delete(actor=request.user, note_id=pk)
    if request.htmx:
        return _editor(
            request, meeting, _slot(None, note.agenda_item_id, note.document_id, note.page)
        )
    messages.success(request, _("Đã xóa ghi chú."))
    return redirect(reverse("personal-notes", args=[meeting.pk]))


def _export(request: HttpRequest, pk: int) -> tuple[Meeting, list[PersonalNote]]:
    meeting = meeting_selectors.meeting_get(request.user, pk)
    return meeting, list(my_notes(request.user, meeting))


@login_required
@require_GET
def personal_notes_txt(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, notes = _export(request, pk)
    return generated_attachment(
        exports.notes_text(meeting, request.user, notes).encode(),
        "text/plain; charset=utf-8",
        exports.notes_filename(meeting, "txt"),
    )


@login_required
@require_GET
def personal_notes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, notes = _export(request, pk)
    return generated_attachment(
        exports.notes_pdf(meeting, request.user, notes),
        "application/pdf",
        exports.notes_filename(meeting, "pdf"),
    )
