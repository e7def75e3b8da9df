"""Routes: the live meeting room page (its socket is routed in realtime/routing.py)."""

from django.urls import path

from realtime import views

urlpatterns = [
    path("meetings/<int:pk>/live/", views.live_room, name="meeting-live"),
]
