"""Routes: documents (upload, versions, delete, open, download, the zip of a meeting)."""

from django.urls import path

from agenda.views import documents

urlpatterns = [
    path(
        "meetings/<int:meeting_id>/documents/upload/",
        documents.document_upload,
        name="document-upload",
    ),
    path(
        "meetings/<int:meeting_id>/documents.zip",
        documents.meeting_documents_zip,
        name="meeting-documents-zip",
    ),
    path("documents/<int:document_id>/delete/", documents.document_delete, name="document-delete"),
    path(
        "documents/versions/<int:version_id>/download/",
        documents.document_download,
        name="document-download",
    ),
    path(
        "documents/versions/<int:version_id>/open/",
        documents.document_open,
        name="document-open",
    ),
]
