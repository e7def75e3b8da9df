"""Route: the public check page of a minutes' verification code (the QR code opens it)."""

from django.urls import path

from agenda.views import verify

urlpatterns = [
    # Any spelling of the code reaches the view, which normalises it (case, dashes, O for 0).
    path("verify/<str:code>/", verify.minutes_verify, name="minutes-verify"),
]
