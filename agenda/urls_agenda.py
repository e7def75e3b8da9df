"""Routes: agenda."""

from django.urls import path

from agenda.views import agenda

urlpatterns = [
    path("meetings/<int:pk>/agenda/", agenda.meeting_agenda, name="meeting-agenda"),
    path("meetings/<int:pk>/agenda/items/", agenda.agenda_item_create, name="agenda-item-create"),
    path(
        "meetings/<int:pk>/agenda/items/<int:item_id>/",
        agenda.agenda_item_update,
        name="agenda-item-update",
    ),
    path(
        "meetings/<int:pk>/agenda/items/<int:item_id>/delete/",
        agenda.agenda_item_delete,
        name="agenda-item-delete",
    ),
    path(
        "meetings/<int:pk>/agenda/items/<int:item_id>/move/",
        agenda.agenda_item_move,
        name="agenda-item-move",
    ),
    path("meetings/<int:pk>/agenda/reorder/", agenda.agenda_reorder, name="agenda-reorder"),
    path(
        "meetings/<int:pk>/agenda/templates/save/",
        agenda.agenda_template_save,
        name="agenda-template-save",
    ),
    path(
        "meetings/<int:pk>/agenda/templates/apply/",
        agenda.agenda_template_apply,
        name="agenda-template-apply",
    ),
    path(
        "documents/versions/<int:version_id>/read/",
        agenda.document_reader,
        name="document-reader",
    ),
]
