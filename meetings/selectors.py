"""Reads. Every query that depends on who is asking filters here, in one place."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import gettext

from meetings.conflicts import Conflict, Slot, find_conflicts
from meetings.models import (
    Booking,
    BridgePoint,
    BridgePointGroup,
    Invitation,
    Meeting,
    Membership,
    Participant,
    Role,
    Unit,
    User,
)

HOLDING_STATUSES = (Meeting.Status.SCHEDULED, Meeting.Status.LIVE)


def setup_buffer() -> timedelta:
    return timedelta(minutes=settings.MEETING_SETUP_BUFFER_MINUTES)


def unit_subtree_ids(root_ids: Iterable[int]) -> set[int]:
    """The given units and all their descendants (one query per tree level)."""
    found = set(root_ids)
    frontier = set(found)
    while frontier:
        frontier = (
            set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        )
        found |= frontier
    return found


def unit_ancestor_ids(unit: Unit) -> set[int]:
    return {unit.pk, *(u.pk for u in unit.ancestors())}


@dataclass(frozen=True)
class UserScope:
    """Where a user stands, read once: units they organise (and those below), rooms they run."""

    managed_unit_ids: set[int]
    operated_room_ids: set[int]


def user_scope(user: User) -> UserScope:
    """The units the user organises (with those below) and the rooms they operate, from one
    membership read."""
    return user_scopes([user.pk])[user.pk]


def user_scopes(user_ids: Iterable[int]) -> dict[int, UserScope]:
    """`user_scope` of several people from one membership read (sockets opening together)."""
    wanted = list(user_ids)
    rows = Membership.objects.filter(user_id__in=wanted, role__in=[Role.ORGANIZER, Role.OPERATOR])
    roots: dict[int, set[int]] = {user_id: set() for user_id in wanted}
    rooms: dict[int, set[int]] = {user_id: set() for user_id in wanted}
    for user_id, role, unit_id, room_id in rows.values_list(
        "user_id", "role", "unit_id", "bridge_point_id"
    ):
        if role == Role.ORGANIZER:
            roots[user_id].add(unit_id)
        elif room_id is not None:
            rooms[user_id].add(room_id)
    subtrees: dict[frozenset[int], set[int]] = {}
    for own in roots.values():
        if frozenset(own) not in subtrees:
            subtrees[frozenset(own)] = unit_subtree_ids(own)
    return {
        user_id: UserScope(
            managed_unit_ids=set(subtrees[frozenset(roots[user_id])]),
            operated_room_ids=rooms[user_id],
        )
        for user_id in wanted
    }


def managed_unit_ids(user: User) -> set[int]:
    """Units an organizer may host meetings for and invite rooms from."""
    return user_scope(user).managed_unit_ids


def operated_bridge_point_ids(user: User) -> set[int]:
    return user_scope(user).operated_room_ids


def user_has_role(user: User, role: Role, unit_ids: Iterable[int]) -> bool:
    return Membership.objects.filter(user=user, role=role, unit_id__in=list(unit_ids)).exists()


def meetings_visible_to(user: User, scope: UserScope | None = None) -> QuerySet[Meeting]:
    """Meetings the user has a part in; everything else answers 404.

    Organizers see what their units (and the units below) host; operators see the
    meetings that invite their room; anyone sees what they chair, take notes for,
    created or are invited to.
    """
    meetings = Meeting.objects.all()
    if not user.is_authenticated:
        return meetings.none()
    if user.is_superuser:
        return meetings
    scope = scope or user_scope(user)
    rooms = scope.operated_room_ids
    invited_room = Exists(
        Invitation.objects.filter(meeting=OuterRef("pk"), bridge_point_id__in=rooms)
    )
    invited_person = Exists(Participant.objects.filter(meeting=OuterRef("pk"), user=user))
    return meetings.filter(
        Q(host_unit_id__in=scope.managed_unit_ids)
        | Q(chair=user)
        | Q(secretary=user)
        | Q(created_by=user)
        | Q(main_bridge_point_id__in=rooms)
        | invited_room
        | invited_person
    )


def with_details(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Everything a meeting's page or API answer shows, in a fixed number of queries."""
    return meetings.select_related(
        "host_unit", "main_bridge_point__unit", "chair", "secretary", "series"
    ).prefetch_related(
        Prefetch(
            "invitations",
            queryset=Invitation.objects.select_related("bridge_point__unit").order_by(
                "bridge_point__unit__name"
            ),
        ),
        Prefetch(
            "participants",
            queryset=Participant.objects.select_related("user", "bridge_point__unit"),
        ),
    )


def meeting_get(user: User, pk: int) -> Meeting:
    meeting = with_details(meetings_visible_to(user)).filter(pk=pk).first()
    if meeting is None:
        raise Http404(gettext("Không tìm thấy cuộc họp."))
    return meeting


def meetings_between(
    user: User, start: datetime, end: datetime, bridge_point_id: int | None = None
) -> QuerySet[Meeting]:
    """Meetings the user may see that touch [start, end), for calendars."""
    meetings = meetings_visible_to(user).filter(start__lt=end, end__gt=start)
    if bridge_point_id is not None:
        meetings = meetings.filter(
            Q(main_bridge_point_id=bridge_point_id)
            | Q(invitations__bridge_point_id=bridge_point_id)
        ).distinct()
    return meetings.select_related("host_unit", "main_bridge_point__unit").order_by("start")


def upcoming_meetings(user: User, now: datetime, limit: int = 50) -> QuerySet[Meeting]:
    return (
        meetings_visible_to(user)
        .filter(end__gte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("host_unit", "main_bridge_point__unit", "chair")
        .order_by("start")[:limit]
    )


def invitable_bridge_points(user: User) -> QuerySet[BridgePoint]:
    """Active rooms of the units the organizer manages."""
    points = BridgePoint.objects.filter(is_active=True).select_related("unit")
    if user.is_superuser:
        return points
    return points.filter(unit_id__in=managed_unit_ids(user))


def directory_bridge_points(*, query: str = "", unit_id: int | None = None):
    points = BridgePoint.objects.select_related("unit").order_by("unit__name", "name")
    if query:
        points = points.filter(
            Q(name__icontains=query) | Q(unit__name__icontains=query) | Q(address__icontains=query)
        )
    if unit_id is not None:
        points = points.filter(Q(unit_id=unit_id) | Q(unit__parent_id=unit_id))
    return points


def bridge_point_groups_for(user: User) -> QuerySet[BridgePointGroup]:
    groups = BridgePointGroup.objects.prefetch_related("bridge_points")
    if user.is_superuser:
        return groups
    return groups.filter(owner_unit_id__in=managed_unit_ids(user))


def host_units_for(user: User) -> QuerySet[Unit]:
    """Units the user may host for; the user's own offices first, the units below after."""
    own = Membership.objects.filter(user=user, role=Role.ORGANIZER).values("unit_id")
    units = Unit.objects.annotate(
        is_own=Case(When(pk__in=own, then=Value(0)), default=Value(1))
    ).order_by("is_own", "name")
    if user.is_superuser:
        return units
    return units.filter(pk__in=managed_unit_ids(user))


def users_with_role(role: Role, unit_ids: Iterable[int]) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, memberships__role=role, memberships__unit_id__in=list(unit_ids)
    ).distinct()


def meeting_invitees(meeting: Meeting) -> list[User]:
    """Everyone who should receive the calendar invitation for a meeting."""
    rooms = {
        meeting.main_bridge_point_id,
        *meeting.invitations.values_list("bridge_point_id", flat=True),
    }
    users = User.objects.filter(is_active=True).filter(
        Q(pk=meeting.chair_id)
        | Q(pk=meeting.secretary_id)
        | Q(participations__meeting=meeting)
        | Q(memberships__role=Role.OPERATOR, memberships__bridge_point_id__in=rooms)
    )
    return list(users.distinct().order_by("pk"))


def slots_near(
    *,
    start: datetime,
    end: datetime,
    bridge_point_ids: Iterable[int],
    chair_id: int | None,
    exclude_meeting_id: int | None = None,
) -> list[Slot]:
    """Room-holding meetings close enough in time to clash, as rule inputs.

    Two small indexed queries: the rooms' bookings that reach into the window
    (index booking_room_end_idx), then those meetings and the chair's own. A booking
    row ends at `end + the buffer it was booked with`, never before the meeting's
    end, so `ends_at > start - buffer` cannot miss a clash even after the buffer
    setting changes. Each slot carries only the rooms that matter to this check.
    """
    buffer = setup_buffer()
    rooms_by_meeting: dict[int, set[int]] = defaultdict(set)
    near_bookings = Booking.objects.filter(
        bridge_point_id__in=set(bridge_point_ids),
        ends_at__gt=start - buffer,
        starts_at__lt=end + buffer,
    )
    for meeting_id, bridge_point_id in near_bookings.values_list("meeting_id", "bridge_point_id"):
        rooms_by_meeting[meeting_id].add(bridge_point_id)
    near = Q(pk__in=list(rooms_by_meeting))
    if chair_id is not None:
        near |= Q(chair_id=chair_id, start__lt=end, end__gt=start)
    candidates = Meeting.objects.filter(near, status__in=HOLDING_STATUSES)
    if exclude_meeting_id is not None:
        candidates = candidates.exclude(pk=exclude_meeting_id)
    rows = candidates.order_by().values_list("pk", "title", "start", "end", "chair_id")
    return [
        Slot(pk, title, s, e, frozenset(rooms_by_meeting[pk]), chair)
        for pk, title, s, e, chair in rows
    ]


def conflicts_for(slot: Slot) -> list[Conflict]:
    existing = slots_near(
        start=slot.start,
        end=slot.end,
        bridge_point_ids=slot.bridge_point_ids,
        chair_id=slot.chair_id,
        exclude_meeting_id=slot.meeting_id,
    )
    return find_conflicts(slot, existing, setup_buffer())


# --- Reads for the web pages -------------------------------------------------


def meeting_manageable_by(user: User, meeting: Meeting, scope: UserScope | None = None) -> bool:
    """Whether the user may edit, confirm or cancel the meeting (the services' rule)."""
    return (
        user.is_superuser
        or meeting.created_by_id == user.pk
        or meeting.host_unit_id in (scope or user_scope(user)).managed_unit_ids
    )


def room_invitations(meeting_ids: Iterable[int], room_ids: Iterable[int]) -> list[Invitation]:
    """Invitations of the given rooms to the given meetings, in one query."""
    return list(
        Invitation.objects.filter(
            meeting_id__in=list(meeting_ids), bridge_point_id__in=list(room_ids)
        ).select_related("bridge_point__unit")
    )


def series_meetings(user: User, series_id: int) -> QuerySet[Meeting]:
    return meetings_visible_to(user).filter(series_id=series_id).order_by("start")


def directory_units() -> QuerySet[Unit]:
    """Units that have rooms, or whose child units have rooms (the directory's filter)."""
    return (
        Unit.objects.filter(
            Q(bridge_points__isnull=False) | Q(children__bridge_points__isnull=False)
        )
        .distinct()
        .order_by("name")
    )


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("unit", "bridge_point__unit")


def members_by_unit(unit_ids: Iterable[int]) -> dict[int, list[User]]:
    """Active people with any role in each unit, to invite as participants (one query)."""
    found: dict[int, list[User]] = {}
    seen: set[tuple[int, int]] = set()
    rows = (
        Membership.objects.filter(unit_id__in=list(unit_ids), user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "user__username")
    )
    for membership in rows:
        key = (membership.unit_id, membership.user_id)
        if key not in seen:
            seen.add(key)
            found.setdefault(membership.unit_id, []).append(membership.user)
    return found


def role_candidates(user: User, role: Role) -> QuerySet[User]:
    """People who may take `role` in a meeting the user can host: at a managed unit or above."""
    if user.is_superuser:
        return User.objects.filter(is_active=True, memberships__role=role).distinct()
    roots = Unit.objects.filter(
        memberships__user=user, memberships__role=Role.ORGANIZER
    ).select_related("parent")
    units = managed_unit_ids(user)
    for root in roots:
        units |= unit_ancestor_ids(root)
    return users_with_role(role, units).order_by("full_name", "username")


# --- Reads for the REST API ---------------------------------------------------


def meetings_listed(
    user: User,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    status: str | None = None,
) -> QuerySet[Meeting]:
    """Visible meetings touching [start, end) (either bound optional), with their details."""
    meetings = meetings_visible_to(user)
    if start is not None:
        meetings = meetings.filter(end__gt=start)
    if end is not None:
        meetings = meetings.filter(start__lt=end)
    if status:
        meetings = meetings.filter(status=status)
    return with_details(meetings).order_by("start", "pk")


def units_list(*, parent_id: int | None = None) -> QuerySet[Unit]:
    units = Unit.objects.order_by("name")
    return units.filter(parent_id=parent_id) if parent_id is not None else units


def bridge_point_get(pk: int) -> BridgePoint:
    bridge_point = directory_bridge_points().filter(pk=pk).first()
    if bridge_point is None:
        raise Http404(gettext("Không tìm thấy điểm cầu."))
    return bridge_point
