"""The pages people click through."""

from django.contrib.auth import views as auth_views
from django.urls import path

from meetings.views import calendar, meeting_detail, meeting_form, pages

urlpatterns = [
    path("login/", pages.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", pages.home, name="home"),
    path("calendar/week/", calendar.calendar_week, name="calendar-week"),
    path("calendar/month/", calendar.calendar_month, name="calendar-month"),
    path("meetings/new/", meeting_form.meeting_create, name="meeting-create"),
    path("meetings/check/", meeting_form.meeting_check, name="meeting-check-fragment"),
    path("meetings/<int:pk>/", meeting_detail.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", meeting_form.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/cancel/", meeting_detail.meeting_cancel, name="meeting-cancel"),
    path("meetings/<int:pk>/confirm/", meeting_detail.meeting_confirm, name="meeting-confirm"),
    path("meetings/<int:pk>/respond/", meeting_detail.meeting_respond, name="meeting-respond"),
    path("bridge-points/", pages.bridge_points, name="bridge-points"),
    path("account/", pages.profile, name="profile"),
]
