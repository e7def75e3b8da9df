from django.urls import reverse

from meetings.models import Invitation, Meeting, Participant, Role, Unit
from meetings.services.scheduling import meeting_schedule
from tests.meetings.page_helpers import meeting_form_data, text
from tests.world import make_user, next_morning

URL = reverse("meeting-create")


def test_organizer_gets_the_form_with_rooms_grouped_by_unit(client, world):
    client.force_login(world.organizer)
    response = client.get(URL)
    assert response.status_code == 200
    page = text(response)
    assert "Đặt lịch họp" in page
    for commune in world.communes:
        assert commune.name in page
    assert world.other_room.name not in page  # rooms of units they do not manage
    assert "Tất cả xã, phường của Tỉnh Lạng Sơn (3)" in page


def test_people_who_manage_no_unit_are_refused(client, world):
    for person in (world.operator, world.outsider, world.chair):
        client.force_login(person)
        assert client.get(URL).status_code == 403
        assert client.post(URL, meeting_form_data(world)).status_code == 403
    assert not Meeting.objects.exists()


def test_booking_lands_on_the_detail_page(client, world):
    client.force_login(world.organizer)
    response = client.post(URL, meeting_form_data(world))
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meeting-detail", args=[meeting.pk])
    assert meeting.status == Meeting.Status.SCHEDULED
    assert meeting.created_by == world.organizer
    assert Invitation.objects.filter(meeting=meeting).count() == 3


def test_missing_title_is_shown_in_vietnamese_and_nothing_saved(client, world):
    client.force_login(world.organizer)
    response = client.post(URL, meeting_form_data(world, title=""))
    assert response.status_code == 422
    assert "Nhập tiêu đề cuộc họp." in text(response)
    assert not Meeting.objects.exists()


def test_service_errors_sit_next_to_their_field(client, world):
    client.force_login(world.organizer)
    data = meeting_form_data(world, start=next_morning(days=-2), rooms=[])
    response = client.post(URL, data)
    assert response.status_code == 422
    page = text(response)
    assert 'id="id_start_time_error">Không thể đặt cuộc họp trong quá khứ.' in page
    assert "Chọn ít nhất một điểm cầu." in page
    assert not Meeting.objects.exists()


def test_end_before_start_is_refused(client, world):
    client.force_login(world.organizer)
    data = meeting_form_data(world, end_time="07:00")
    response = client.post(URL, data)
    assert response.status_code == 422
    assert 'id="id_end_time_error">Giờ kết thúc phải sau giờ bắt đầu.' in text(response)


def test_conflict_lists_every_clash_and_saves_nothing(client, world):
    first = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.organizer)
    response = client.post(URL, meeting_form_data(world, title="Họp trùng"))
    assert response.status_code == 409
    page = text(response)
    assert "Trùng lịch: cuộc họp chưa được lưu." in page
    assert "Điểm cầu Xã Thử 1 — Hội trường UBND xã đã có cuộc họp “Giao ban tuần”" in page
    assert "Nguyễn Văn Chủ đã chủ trì cuộc họp" in page
    assert list(Meeting.objects.all()) == [first]


def test_draft_holds_no_room(client, world):
    meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.organizer)
    response = client.post(URL, meeting_form_data(world, title="Dự thảo", as_draft="on"))
    assert response.status_code == 302
    draft = Meeting.objects.get(title="Dự thảo")
    assert draft.status == Meeting.Status.DRAFT
    assert not draft.bookings.exists()


def test_weekly_series_books_every_occurrence(client, world):
    client.force_login(world.organizer)
    response = client.post(URL, meeting_form_data(world, frequency="weekly", count="3"))
    assert response.status_code == 302
    meetings = list(Meeting.objects.order_by("start"))
    assert len(meetings) == 3
    assert len({m.series_id for m in meetings}) == 1
    assert (meetings[1].start - meetings[0].start).days == 7


def test_series_conflict_names_the_occurrence(client, world):
    meeting_schedule(actor=world.organizer, data=world.meeting_input(start=next_morning(days=8)))
    client.force_login(world.organizer)
    data = meeting_form_data(world, frequency="weekly", count="3", title="Giao ban")
    response = client.post(URL, data)
    assert response.status_code == 409
    assert "Buổi 2:" in text(response)
    assert Meeting.objects.count() == 1


def test_participants_are_invited_from_their_room(client, world):
    client.force_login(world.organizer)
    data = meeting_form_data(world, participants=[f"{world.delegate.pk}:{world.rooms[0].pk}"])
    assert client.post(URL, data).status_code == 302
    participant = Participant.objects.get()
    assert (participant.user, participant.bridge_point) == (world.delegate, world.rooms[0])


def test_chair_without_the_role_is_refused_next_to_the_field(client, world):
    impostor = make_user("impostor", world.communes[1], Role.CHAIR)
    client.force_login(world.organizer)
    response = client.post(URL, meeting_form_data(world, chair=impostor.pk))
    assert response.status_code == 422
    assert (
        'id="id_chair_error">Người chủ trì phải có vai trò chủ trì tại Tỉnh Lạng Sơn hoặc cấp trên.'
        in text(response)
    )


def test_dates_read_day_first_and_hours_as_written_in_vietnamese(client, world):
    client.force_login(world.organizer)
    start = next_morning(days=5)
    data = meeting_form_data(world, date=f"{start:%d/%m/%Y}", start_time="8h30", end_time="10h")
    assert client.post(URL, data).status_code == 302
    meeting = Meeting.objects.get()
    assert f"{meeting.start.astimezone(start.tzinfo):%d/%m/%Y %H:%M}" == f"{start:%d/%m/%Y} 08:30"


def test_the_form_offers_the_organizers_own_office_first(client, world):
    # A ward below the province sorts before it by name.
    Unit.objects.create(code="06999", name="Phường An", kind=Unit.Kind.WARD, parent=world.province)
    client.force_login(world.organizer)
    response = client.get(reverse("meeting-create"))
    choices = response.context["form"].fields["host_unit"].choices
    assert choices[0] == (world.province.pk, world.province.name)
    assert response.context["form"].initial["host_unit"] == world.province.pk


def test_a_field_error_is_tied_to_its_field_for_screen_readers(client, world):
    client.force_login(world.organizer)
    data = meeting_form_data(world)
    data["title"] = ""
    page = client.post(reverse("meeting-create"), data).content.decode()
    assert 'aria-describedby="id_title_error"' in page
    assert 'id="id_title_error"' in page
