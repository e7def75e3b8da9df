"""The archive (lưu trữ) of a host unit: its meetings, searchable, with the minutes' state.

Who sees it: the host staff, meaning people with an organizer, chair or secretary role in a
unit, for that unit and the units below it (as organizers manage their subtree in
meetings.selectors). Operators, delegates and observers have no archive: they reach their
meetings through the calendars.

Search without diacritics finds Vietnamese text ("giao ban" finds "Giao ban", "bien ban"
finds "Biên bản"): both sides are folded (`fold_text`). The minutes' text is folded once,
when they are published, into `Minutes.search_folded`; meeting titles are folded here in
Python over the unit's meetings (one narrow query of ids and titles), since SQLite cannot
strip accents in SQL.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Now
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.models import Minutes, MinutesDocument
from meetings import selectors as meeting_selectors
from meetings.models import BridgePoint, Invitation, Meeting, Membership, Role, Unit, User

PAGE_SIZE = 25
HOST_STAFF_ROLES = (Role.ORGANIZER, Role.CHAIR, Role.SECRETARY)
# Words shorter than this are ignored in a search: "a", "đ" would match almost everything.
MIN_WORD_LENGTH = 2
MAX_WORDS = 8
# The PDFs that may be published: signed here, or signed elsewhere and uploaded.
SIGNED_KINDS = (MinutesDocument.Kind.SIGNED, MinutesDocument.Kind.UPLOADED)


def fold_text(value: str) -> str:
    """Lower case, tone and vowel marks dropped, đ → d, spaces collapsed: "Biên BẢN  Đã" →
    "bien ban da". Used for the stored copy and for the query alike."""
    value = value.replace("đ", "d").replace("Đ", "D")
    bare = unicodedata.normalize("NFD", value)
    bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFC", bare).lower().split())


def search_words(query: str) -> list[str]:
    """The folded words of a query, each to be found (all of them) in the title or minutes."""
    words = [w for w in fold_text(query).split() if len(w) >= MIN_WORD_LENGTH]
    return list(dict.fromkeys(words))[:MAX_WORDS]


@dataclass(frozen=True)
class ArchiveAccess:
    """What one user's archive covers, read once per request (three small queries)."""

    user: User
    units: frozenset[int] | None  # the archive's units; None: all of them (superuser)
    managed: frozenset[int] | None  # units the user organizes for (may publish their minutes)

    @property
    def granted(self) -> bool:
        return self.units is None or bool(self.units)

    def covers(self, unit_id: int) -> bool:
        return self.units is None or unit_id in self.units

    def manages(self, unit_id: int) -> bool:
        return self.managed is None or unit_id in self.managed


def _subtrees(roots: dict[int, set[str]]) -> dict[str, set[int]]:
    """Per role, the units it was given and every unit below them (one query per level)."""
    found = {role: {u for u, roles in roots.items() if role in roles} for role in HOST_STAFF_ROLES}
    frontier = set(roots)
    seen = set(roots)
    while frontier:
        rows = list(Unit.objects.filter(parent_id__in=frontier).values_list("id", "parent_id"))
        frontier = set()
        for unit_id, parent_id in rows:
            for units in found.values():
                if parent_id in units:
                    units.add(unit_id)
            if unit_id not in seen:
                seen.add(unit_id)
                frontier.add(unit_id)
    return found


def archive_access(user: User) -> ArchiveAccess:
    """Host staff (organizer, chair, secretary) of a unit see its archive and the archives
    of the units below it; only organizers manage (as meetings.selectors.managed_unit_ids)."""
    if not user.is_authenticated:
        return ArchiveAccess(user, frozenset(), frozenset())
    if user.is_superuser:
        return ArchiveAccess(user, None, None)
    roots: dict[int, set[str]] = {}
    memberships = Membership.objects.filter(user=user, role__in=HOST_STAFF_ROLES)
    for unit_id, role in memberships.values_list("unit_id", "role"):
        roots.setdefault(unit_id, set()).add(role)
    by_role = _subtrees(roots)
    every = set().union(*by_role.values())
    return ArchiveAccess(user, frozenset(every), frozenset(by_role[Role.ORGANIZER]))


def has_archive(user: User) -> bool:
    """Whether the archive link makes sense for this user (host staff somewhere)."""
    return archive_access(user).granted


def archive_scope(access: ArchiveAccess) -> QuerySet[Meeting]:
    """Every meeting of the archive: hosted by its units, drafts left out (a draft was never
    sent to anyone, so it is no record)."""
    meetings = Meeting.objects.exclude(status=Meeting.Status.DRAFT)
    return meetings if access.units is None else meetings.filter(host_unit_id__in=access.units)


def archive_bridge_points(access: ArchiveAccess) -> QuerySet[BridgePoint]:
    """Rooms to filter by: those of the archive's units (including rooms no longer active)."""
    points = BridgePoint.objects.select_related("unit").order_by("unit__name", "name")
    return points if access.units is None else points.filter(unit_id__in=access.units)


@dataclass(frozen=True)
class ArchiveFilters:
    query: str = ""
    date_from: date | None = None  # local dates, both ends included
    date_to: date | None = None
    bridge_point_id: int | None = None


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _title_matches(scope: QuerySet[Meeting], words: Iterable[str]) -> dict[str, set[int]]:
    """Meeting ids whose folded title contains each word (one query of ids and titles)."""
    found: dict[str, set[int]] = {word: set() for word in words}
    for pk, title in scope.values_list("pk", "title").iterator(chunk_size=2000):
        folded = fold_text(title)
        for word, ids in found.items():
            if word in folded:
                ids.add(pk)
    return found


def archive_search(access: ArchiveAccess, filters: ArchiveFilters) -> QuerySet[Meeting]:
    """The user's archive narrowed by the filters, newest first, with what a row shows.

    Every word of the query must occur in the title or in the published minutes' text,
    diacritics or not. The date range reads the meeting's start in Vietnam time.
    """
    meetings = archive_scope(access)
    if filters.date_from is not None:
        meetings = meetings.filter(start__gte=_local_midnight(filters.date_from))
    if filters.date_to is not None:
        meetings = meetings.filter(start__lt=_local_midnight(filters.date_to + timedelta(days=1)))
    if filters.bridge_point_id is not None:
        invited = Invitation.objects.filter(
            meeting=OuterRef("pk"), bridge_point_id=filters.bridge_point_id
        )
        meetings = meetings.filter(
            Q(main_bridge_point_id=filters.bridge_point_id) | Exists(invited)
        )
    words = search_words(filters.query)
    if words:
        in_titles = _title_matches(meetings, words)
        for word in words:
            meetings = meetings.filter(
                Q(pk__in=in_titles[word]) | Q(minutes__search_folded__contains=word)
            )
    signed = MinutesDocument.objects.filter(
        version__minutes__meeting=OuterRef("pk"),
        version__approved_at__isnull=False,
        kind__in=SIGNED_KINDS,
    )
    return (
        meetings.select_related(
            "host_unit",
            "main_bridge_point__unit",
            "minutes__published_document__version",
        )
        .annotate(
            invited_rooms=Count("invitations", distinct=True),
            signed_ready=Exists(signed),
            # Meetings still to come go last: an archive is read for what was held.
            upcoming=Case(When(start__gt=Now(), then=Value(1)), default=Value(0)),
        )
        .order_by("upcoming", "-start", "-pk")
    )


def archive_page(
    access: ArchiveAccess, filters: ArchiveFilters, page_number: int | str | None
) -> Page:
    """One page of 25 rows; a page number past the end gives the last page."""
    return Paginator(archive_search(access, filters), PAGE_SIZE).get_page(page_number)


@dataclass(frozen=True)
class ArchiveRow:
    meeting: Meeting
    minutes: Minutes | None
    complete: bool  # the signed minutes are published: the record is complete
    may_publish: bool  # approved and signed, and the user is its secretary or organizer


def archive_rows(access: ArchiveAccess, meetings: Iterable[Meeting]) -> list[ArchiveRow]:
    """Rows of a page (from archive_search), the publish right decided without a query each
    (the rule of agenda.services.minutes_publish.may_publish)."""
    user = access.user
    rows = []
    for meeting in meetings:
        minutes = getattr(meeting, "minutes", None)
        allowed = user.pk in (meeting.secretary_id, meeting.created_by_id) or access.manages(
            meeting.host_unit_id
        )
        ready = (
            minutes is not None
            and minutes.status == Minutes.Status.APPROVED
            and getattr(meeting, "signed_ready", False)
        )
        rows.append(
            ArchiveRow(
                meeting=meeting,
                minutes=minutes,
                complete=is_record_complete(meeting),
                may_publish=bool(allowed and ready),
            )
        )
    return rows


def published_minutes_document(user: User, meeting_id: int) -> MinutesDocument:
    """The published PDF of a meeting the user can see; 404 while there is none."""
    meeting = meeting_selectors.meeting_get(user, meeting_id)
    minutes = (
        Minutes.objects.select_related("published_document__version")
        .filter(meeting=meeting, status=Minutes.Status.PUBLISHED)
        .first()
    )
    if minutes is None or minutes.published_document is None:
        raise Http404(_("Biên bản của cuộc họp này chưa được phát hành."))
    return minutes.published_document


def is_record_complete(meeting: Meeting) -> bool:
    """The meeting's record is complete once its signed minutes are published."""
    minutes = getattr(meeting, "minutes", None)
    return minutes is not None and minutes.status == Minutes.Status.PUBLISHED


def record_exportable_by(user: User, meeting: Meeting) -> bool:
    """The archive's staff, and this meeting's own organizers, chair and secretary."""
    if user.pk in (meeting.chair_id, meeting.secretary_id):
        return True
    if meeting_selectors.meeting_manageable_by(user, meeting):
        return True
    return archive_access(user).covers(meeting.host_unit_id)
