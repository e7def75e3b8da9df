"""Routes: a meeting's minutes, its versions, the approval steps and the PDFs."""

from django.urls import path

from agenda.views import minutes

base = "meetings/<int:meeting_id>/minutes/"

urlpatterns = [
    path(base, minutes.minutes_page, name="minutes"),
    path(f"{base}build/", minutes.minutes_build, name="minutes-build"),
    path(f"{base}save/", minutes.minutes_save, name="minutes-save"),
    path(f"{base}submit/", minutes.minutes_submit, name="minutes-submit"),
    path(f"{base}approve/", minutes.minutes_approve, name="minutes-approve"),
    path(f"{base}return/", minutes.minutes_return, name="minutes-return"),
    path(f"{base}upload-signed/", minutes.minutes_upload_signed, name="minutes-upload-signed"),
    path(f"{base}versions/", minutes.minutes_versions, name="minutes-versions"),
    path(f"{base}versions/<int:number>/", minutes.minutes_version, name="minutes-version"),
    path(
        f"{base}versions/<int:number>/preview.pdf",
        minutes.minutes_preview,
        name="minutes-preview",
    ),
    path(f"{base}compare/", minutes.minutes_compare, name="minutes-compare"),
    path("minutes/documents/<int:document_id>/", minutes.minutes_document, name="minutes-document"),
]
