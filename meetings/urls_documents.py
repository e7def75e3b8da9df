"""Files a meeting gives out: invitation PDF, .ics, the personal calendar feed."""

from django.urls import path, re_path

from meetings.views import documents

urlpatterns = [
    path(
        "meetings/<int:meeting_id>/invitation.pdf",
        documents.meeting_invitation_pdf,
        name="meeting-invitation-pdf",
    ),
    path(
        "meetings/<int:meeting_id>/invite.ics", documents.meeting_ics_download, name="meeting-ics"
    ),
    path("calendar/reset-key/", documents.calendar_key_reset_view, name="calendar-key-reset"),
    # Keys come from secrets.token_urlsafe: letters, digits, "-" and "_".
    re_path(
        r"^calendar/(?P<key>[A-Za-z0-9_-]+)\.ics$",
        documents.calendar_feed_view,
        name="calendar-feed",
    ),
]
