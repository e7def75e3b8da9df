"""Routes: the archive, publishing the minutes, the published PDF and the record zip."""

from django.urls import path

from agenda.views import archive

urlpatterns = [
    path("archive/", archive.archive_view, name="archive"),
    path(
        "meetings/<int:meeting_id>/minutes/publish",
        archive.minutes_publish_view,
        name="minutes-publish",
    ),
    path(
        "meetings/<int:meeting_id>/minutes/published.pdf",
        archive.minutes_published_pdf,
        name="minutes-published-pdf",
    ),
    path(
        "meetings/<int:meeting_id>/record.zip",
        archive.meeting_record_zip,
        name="meeting-record-zip",
    ),
]
