from datetime import date, timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from meetings.models import (
    ApiToken,
    Booking,
    BridgePoint,
    BridgePointGroup,
    Invitation,
    Ledger,
    LedgerLine,
    Meeting,
    MeetingSeries,
    Membership,
    Participant,
    RateSet,
    Unit,
    User,
)
from meetings.savings import legal_default_rates
from meetings.services.savings import RATE_FIELDS, rate_set_create
from meetings.services.scheduling import meeting_schedule, series_schedule
from meetings.services.tokens import api_token_issue
from tests.meetings.savings_support import held_meeting, local
from tests.world import next_morning

ADDABLE = [Unit, BridgePoint, BridgePointGroup, User, Membership]
# Written only by services, so that no rule is skipped.
NOT_ADDABLE = [
    Meeting,
    MeetingSeries,
    ApiToken,
    Booking,
    Invitation,
    Participant,
    RateSet,
    Ledger,
    LedgerLine,
]


@pytest.fixture
def root(world, client):
    user = User.objects.create_superuser("root", "root@example.gov.vn", "mat-khau-quan-tri")
    client.force_login(user)
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    series_schedule(
        actor=world.organizer,
        frequency="weekly",
        count=2,
        data=world.meeting_input(start=next_morning(days=3), title="Giao ban"),
    )
    Participant.objects.create(meeting=meeting, user=world.delegate, bridge_point=world.rooms[0])
    group = BridgePointGroup.objects.create(owner_unit=world.province, name="Ba xã")
    group.bridge_points.set(world.rooms)
    api_token_issue(user=world.organizer, name="Cổng dữ liệu")
    held_meeting(world, local(2025, 7, 1))  # ended, with its ledger
    defaults = legal_default_rates(date(2025, 1, 1)).as_json()
    rate_set_create(
        actor=world.organizer,
        host_unit_id=world.province.pk,
        valid_from=date(2025, 1, 1),
        values={field: defaults[field] for field in RATE_FIELDS},
    )
    return user


def url(model, view: str, *args) -> str:
    return reverse(f"admin:meetings_{model._meta.model_name}_{view}", args=args)


def test_every_model_of_the_app_has_an_admin():
    models = set(apps.get_app_config("meetings").get_models())
    assert models == set(ADDABLE + NOT_ADDABLE)
    assert all(admin.site.is_registered(model) for model in models)


@pytest.mark.parametrize("model", ADDABLE + NOT_ADDABLE, ids=lambda m: m.__name__)
def test_superuser_opens_changelist_and_a_change_page(root, client, model):
    assert client.get(url(model, "changelist")).status_code == 200
    obj = model.objects.order_by("pk").first()
    assert client.get(url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", ADDABLE, ids=lambda m: m.__name__)
def test_superuser_opens_add_page(root, client, model):
    assert client.get(url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", NOT_ADDABLE, ids=lambda m: m.__name__)
def test_records_written_by_services_cannot_be_added_here(root, client, model):
    assert client.get(url(model, "add")).status_code == 403


@pytest.mark.parametrize(
    ("model", "query"),
    [
        (Meeting, {"status__exact": "scheduled", "kind__exact": "online", "q": "Giao"}),
        (Meeting, {"start__year": "2025"}),
        (Unit, {"kind__exact": "commune", "q": "Xã"}),
        (BridgePoint, {"is_hardship__exact": "1", "q": "Hội trường"}),
        (Membership, {"role__exact": "operator"}),
        (ApiToken, {"revoked_at__isnull": "True"}),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_changelist_filters_and_search_answer(root, client, model, query):
    response = client.get(url(model, "changelist"), query)
    assert response.status_code == 200


def change_form_data(response) -> dict:
    """What the browser would post back from an admin change page, unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None:
                data[form.add_prefix(name)] = value
    return data


def test_meeting_wording_can_be_corrected_but_time_and_status_cannot(root, client):
    meeting = Meeting.objects.filter(series__isnull=True, status=Meeting.Status.SCHEDULED).get()
    data = change_form_data(client.get(url(Meeting, "change", meeting.pk)))
    later = meeting.start + timedelta(days=1)
    data |= {
        "title": "Giao ban tuần (sửa tên)",
        "start_0": later.strftime("%d/%m/%Y"),
        "start_1": "09:00",
        "status": Meeting.Status.CANCELLED,
    }

    response = client.post(url(Meeting, "change", meeting.pk), data)

    assert response.status_code == 302
    start, status = meeting.start, meeting.status
    meeting.refresh_from_db()
    assert meeting.title == "Giao ban tuần (sửa tên)"
    assert (meeting.start, meeting.status) == (start, status)
    assert meeting.bookings.count() == 4


def test_meeting_cannot_be_deleted_here(root, client):
    meeting = Meeting.objects.first()
    assert client.get(url(Meeting, "delete", meeting.pk)).status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_token_hash_is_shown_read_only_and_revoking_uses_the_service(root, client):
    token = ApiToken.objects.get()
    page = client.get(url(ApiToken, "change", token.pk)).content.decode()
    assert token.prefix in page and token.key_hash in page
    assert 'name="key_hash"' not in page and 'name="prefix"' not in page

    response = client.post(
        url(ApiToken, "changelist"), {"action": "revoke", "_selected_action": [token.pk]}
    )

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_superuser_adds_a_person_with_vietnamese_name(root, client):
    response = client.post(
        url(User, "add"),
        {
            "username": "ctv_xa",
            "full_name": "Hoàng Văn Hải",
            "position": "Công chức xã",
            "phone": "0912345678",
            "email": "hai@example.gov.vn",
            "usable_password": "true",
            "password1": "Mat-khau-rat-dai-2025",
            "password2": "Mat-khau-rat-dai-2025",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    person = User.objects.get(username="ctv_xa")
    assert (person.full_name, person.position) == ("Hoàng Văn Hải", "Công chức xã")
    assert person.check_password("Mat-khau-rat-dai-2025")
