"""Sign-in, the home page (my upcoming meetings), the room directory and my account."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from meetings import selectors
from meetings.forms import SignInForm
from meetings.views.common import int_param

DIRECTORY_PAGE_SIZE = 100


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


@login_required
def home(request: HttpRequest) -> HttpResponse:
    meetings = list(selectors.upcoming_meetings(request.user, timezone.now()))
    rooms = selectors.operated_bridge_point_ids(request.user)
    answers: dict[int, list] = {}
    if rooms and meetings:
        for invitation in selectors.room_invitations([m.pk for m in meetings], rooms):
            answers.setdefault(invitation.meeting_id, []).append(invitation)
    cards = [(meeting, answers.get(meeting.pk, [])) for meeting in meetings]
    return render(request, "meetings/home.html", {"cards": cards})


@login_required
def bridge_points(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    unit_id = int_param(request.GET.get("unit"))
    points = selectors.directory_bridge_points(query=query, unit_id=unit_id)
    page = Paginator(points, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/bridge_points.html",
        {
            "page": page,
            "query": query,
            "unit_id": unit_id,
            "units": selectors.directory_units(),
        },
    )


def _feed_url(calendar_key: str) -> str | None:
    """The personal calendar feed, once its route exists."""
    try:
        return settings.SITE_URL + reverse("calendar-feed", args=[calendar_key])
    except NoReverseMatch:
        return None


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "meetings/profile.html",
        {
            "memberships": selectors.memberships_of(request.user),
            "feed_url": _feed_url(request.user.calendar_key),
        },
    )
