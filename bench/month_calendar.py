"""How long does the month calendar take to render with 500 meetings in the month?

    DJANGO_SETTINGS_MODULE=config.test_settings .venv/bin/python bench/month_calendar.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/month_calendar.py

One province, 100 commune rooms, 500 meetings next month (3–20 rooms invited each),
then GET /calendar/month/?year=YYYY&month=M (name "calendar-month") through Django's
test Client as the organizer, as a commune operator, as a superuser, and filtered to
one room. Prints time and queries per render; asserts nothing. Options: --meetings N
--renders N.
"""

import argparse
import random
from datetime import datetime, timedelta

from province import analyze, province_with_communes
from throwaway import throwaway_database
from timing import time_page

SEED = 2025


def build(rng: random.Random, *, meetings: int, rooms: int) -> dict:
    from django.utils import timezone

    from meetings.models import (
        BridgePoint,
        Invitation,
        Meeting,
        Membership,
        Role,
        User,
    )

    province, communes, main_room = province_with_communes(rooms)
    points = BridgePoint.objects.bulk_create(
        BridgePoint(unit=commune, name="Phòng họp UBND xã") for commune in communes
    )
    organizer = User.objects.create_user("organizer", full_name="Văn phòng tỉnh")
    chair = User.objects.create_user("chair", full_name="Nguyễn Văn Chủ")
    operator = User.objects.create_user("operator", full_name="Kỹ thuật xã")
    root = User.objects.create_superuser("root", "root@example.gov.vn", None)
    Membership.objects.create(user=organizer, unit=province, role=Role.ORGANIZER)
    Membership.objects.create(user=chair, unit=province, role=Role.CHAIR)
    Membership.objects.create(
        user=operator, unit=communes[0], role=Role.OPERATOR, bridge_point=points[0]
    )

    first = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(day=1)
    days_in_month = ((first + timedelta(days=32)).replace(day=1) - first).days
    statuses = [Meeting.Status.SCHEDULED] * 8 + [Meeting.Status.DRAFT, Meeting.Status.CANCELLED]
    rows, invited = [], []
    for n in range(meetings):
        day = first + timedelta(days=rng.randrange(days_in_month))
        start = timezone.make_aware(datetime(day.year, day.month, day.day, rng.randint(7, 16)))
        rows.append(
            Meeting(
                title=f"Họp chuyên đề số {n + 1}",
                host_unit=province,
                main_bridge_point=main_room,
                chair=chair,
                start=start,
                end=start + timedelta(minutes=rng.choice([60, 90, 120])),
                status=rng.choice(statuses),
                created_by=organizer,
            )
        )
        invited.append(rng.sample(points, rng.randint(3, 20)))
    created = Meeting.objects.bulk_create(rows)
    Invitation.objects.bulk_create(
        Invitation(meeting=m, bridge_point=p)
        for m, chosen in zip(created, invited, strict=True)
        for p in chosen
    )
    return {
        "first": first,
        "organizer": organizer,
        "operator": operator,
        "root": root,
        "room": points[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--rooms", type=int, default=100)
    parser.add_argument("--renders", type=int, default=30)
    args = parser.parse_args()

    with throwaway_database() as where:
        from django.test import Client
        from django.urls import reverse

        print(f"database: {where}")
        world = build(random.Random(SEED), meetings=args.meetings, rooms=args.rooms)
        analyze()
        month = {"year": world["first"].year, "month": world["first"].month}
        url = reverse("calendar-month")
        print(f"{args.meetings} meetings in {world['first']:%m/%Y}; GET {url}?year=…&month=…")
        cases = [
            ("organizer", world["organizer"], month),
            ("operator of one room", world["operator"], month),
            ("superuser", world["root"], month),
            (
                "organizer, one room",
                world["organizer"],
                {**month, "bridge_point": world["room"].pk},
            ),
        ]
        for label, user, query in cases:
            client = Client()
            client.force_login(user)
            time_page(client, url, query, runs=args.renders, label=label)


if __name__ == "__main__":
    main()
