from django.urls import NoReverseMatch, reverse

from meetings.services.scheduling import meeting_schedule, series_schedule
from tests.meetings.page_helpers import text


def _url(meeting) -> str:
    return reverse("meeting-detail", args=[meeting.pk])


def _reverse_or_none(name: str, pk: int) -> str | None:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return None


def test_organizer_sees_every_fact_and_the_buttons(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.organizer)
    response = client.get(_url(meeting))
    assert response.status_code == 200
    page = text(response)
    for fact in ("Giao ban tuần", "Tỉnh Lạng Sơn", "Nguyễn Văn Chủ", "Đã lên lịch", "Xã Thử 3"):
        assert fact in page
    assert f"{meeting.start:%d/%m/%Y}" in page
    assert reverse("meeting-edit", args=[meeting.pk]) in page
    assert reverse("meeting-cancel", args=[meeting.pk]) in page
    assert "0 xác nhận (0 người) · 0 không tham dự · 3 chưa trả lời" in page
    for name in ("meeting-invitation-pdf", "meeting-ics"):
        url = _reverse_or_none(name, meeting.pk)
        if url:  # the download routes are built alongside these pages
            assert url in page


def test_outsider_gets_a_vietnamese_404(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    for person in (world.outsider, world.other_organizer):
        client.force_login(person)
        response = client.get(_url(meeting))
        assert response.status_code == 404
        assert "Không tìm thấy trang" in text(response)


def test_operator_gets_the_answer_form_but_no_organizer_buttons(client, world):
    meeting = meeting_schedule(actor=world.organizer, data=world.meeting_input())
    client.force_login(world.operator)
    page = text(client.get(_url(meeting)))
    assert reverse("meeting-respond", args=[meeting.pk]) in page
    assert "Trả lời cho điểm cầu Xã Thử 1 — Hội trường UBND xã" in page
    assert reverse("meeting-edit", args=[meeting.pk]) not in page
    assert reverse("meeting-cancel", args=[meeting.pk]) not in page


def test_draft_offers_confirmation_to_the_organizer(client, world):
    from meetings.services.scheduling import meeting_schedule as schedule

    draft = schedule(actor=world.organizer, data=world.meeting_input(), as_draft=True)
    client.force_login(world.organizer)
    page = text(client.get(_url(draft)))
    assert "Dự thảo" in page
    assert reverse("meeting-confirm", args=[draft.pk]) in page


def test_series_links_its_occurrences(client, world):
    meetings = series_schedule(
        actor=world.organizer, data=world.meeting_input(), frequency="weekly", count=3
    )
    client.force_login(world.organizer)
    page = text(client.get(_url(meetings[0])))
    assert "Hằng tuần, 3 buổi" in page
    for other in meetings[1:]:
        assert _url(other) in page
