"""Routes: the meeting booklet; the full pack is the same address with `?full=1`."""

from django.urls import path

from agenda.views import booklet

urlpatterns = [
    path("meetings/<int:meeting_id>/booklet.pdf", booklet.meeting_booklet, name="meeting-booklet"),
]
