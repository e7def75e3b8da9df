"""Agenda and document pages; each part of the app keeps its own routes."""

from django.urls import include, path

urlpatterns = [
    path("", include("agenda.urls_documents")),
    path("", include("agenda.urls_agenda")),
    path("", include("agenda.urls_distribution")),
    path("", include("agenda.urls_booklet")),
    path("", include("agenda.urls_tasks")),
    path("", include("agenda.urls_verify")),
    path("", include("agenda.urls_minutes")),
    path("", include("agenda.urls_archive")),
]
