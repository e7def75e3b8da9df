"""Saving an agenda as a template of the host unit, and starting an agenda from one."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agenda.models import AgendaTemplate, ItemKind
from agenda.services.items import (
    ItemInput,
    agenda_item_create,
    agenda_template_apply,
    agenda_template_save,
)
from meetings.services.errors import PermissionDenied
from meetings.services.scheduling import meeting_schedule
from tests.agenda.agenda_page_support import add_items
from tests.meetings.page_helpers import text
from tests.world import next_morning


@pytest.fixture
def next_meeting(world):
    data = world.meeting_input(start=next_morning(days=7), title="Giao ban tuần sau")
    return meeting_schedule(actor=world.organizer, data=data, notify=False)


def _rows(meeting) -> list[tuple]:
    return list(
        meeting.agenda_items.order_by("position").values_list(
            "position", "title", "kind", "planned_minutes", "presenter_unit_id", "presenter_user_id"
        )
    )


def _save(world, meeting, name="Giao ban tuần") -> AgendaTemplate:
    return agenda_template_save(actor=world.organizer, meeting_id=meeting.pk, name=name)


def test_save_keeps_the_items_and_the_units_but_not_the_people(world, meeting):
    agenda_item_create(
        actor=world.organizer,
        meeting_id=meeting.pk,
        data=ItemInput(title="Báo cáo", planned_minutes=20, presenter_unit_id=world.province.pk),
    )
    agenda_item_create(
        actor=world.organizer,
        meeting_id=meeting.pk,
        data=ItemInput(
            title="Kết luận",
            kind=ItemKind.DECISION,
            planned_minutes=10,
            presenter_user_id=world.chair.pk,
        ),
    )
    template = _save(world, meeting, "  Mẫu giao ban  ")
    assert (template.name, template.owner_unit, template.created_by) == (
        "Mẫu giao ban",
        world.province,
        world.organizer,
    )
    assert list(
        template.items.values_list("position", "title", "kind", "planned_minutes", "presenter_unit")
    ) == [
        (1, "Báo cáo", "report", 20, world.province.pk),
        (2, "Kết luận", "decision", 10, None),
    ]


def test_a_duplicate_name_in_the_same_unit_is_refused_with_a_clear_message(world, meeting):
    add_items(world.organizer, meeting, 15)
    _save(world, meeting, "Giao ban tuần")
    with pytest.raises(ValidationError) as refused:
        _save(world, meeting, "Giao ban tuần")
    assert refused.value.message_dict["name"] == [
        "Đơn vị Tỉnh Lạng Sơn đã có mẫu tên “Giao ban tuần”. Chọn tên khác."
    ]
    assert AgendaTemplate.objects.count() == 1


def test_the_same_name_in_another_unit_is_fine(world, meeting):
    add_items(world.organizer, meeting, 15)
    AgendaTemplate.objects.create(owner_unit=world.other_province, name="Giao ban tuần")
    assert _save(world, meeting, "Giao ban tuần").owner_unit == world.province


def test_a_template_needs_a_name_and_items(world, meeting):
    with pytest.raises(ValidationError) as refused:
        _save(world, meeting, "Mẫu rỗng")
    assert refused.value.messages == ["Chương trình chưa có mục nào để lưu thành mẫu."]
    add_items(world.organizer, meeting, 15)
    with pytest.raises(ValidationError) as refused:
        _save(world, meeting, "   ")
    assert refused.value.message_dict["name"] == ["Nhập tên mẫu chương trình."]
    assert not AgendaTemplate.objects.exists()


def test_only_organizers_save_templates(world, meeting):
    add_items(world.organizer, meeting, 15)
    with pytest.raises(PermissionDenied):
        agenda_template_save(actor=world.chair, meeting_id=meeting.pk, name="Của chủ trì")
    assert not AgendaTemplate.objects.exists()


def test_apply_fills_an_empty_agenda(world, meeting, next_meeting):
    add_items(world.organizer, meeting, 15, 45)
    template = _save(world, meeting)
    created = agenda_template_apply(
        actor=world.organizer, meeting_id=next_meeting.pk, template_id=template.pk
    )
    assert len(created) == 2
    assert _rows(next_meeting) == [
        (1, "Mục 1", "report", 15, None, None),
        (2, "Mục 2", "report", 45, None, None),
    ]


def test_apply_refuses_an_agenda_that_has_items_unless_asked_to_append(
    world, meeting, next_meeting
):
    add_items(world.organizer, meeting, 15, 45)
    template = _save(world, meeting)
    agenda_item_create(
        actor=world.organizer, meeting_id=next_meeting.pk, data=ItemInput(title="Khai mạc")
    )
    with pytest.raises(ValidationError) as refused:
        agenda_template_apply(
            actor=world.organizer, meeting_id=next_meeting.pk, template_id=template.pk
        )
    assert "Chương trình đã có 1 mục." in refused.value.messages[0]
    assert [row[1] for row in _rows(next_meeting)] == ["Khai mạc"]

    agenda_template_apply(
        actor=world.organizer, meeting_id=next_meeting.pk, template_id=template.pk, append=True
    )
    assert [row[:2] for row in _rows(next_meeting)] == [(1, "Khai mạc"), (2, "Mục 1"), (3, "Mục 2")]


def test_another_provinces_template_is_not_found(world, meeting):
    foreign = AgendaTemplate.objects.create(owner_unit=world.other_province, name="Cao Bằng")
    foreign.items.create(position=1, title="Không được dùng")
    with pytest.raises(ValidationError) as refused:
        agenda_template_apply(actor=world.organizer, meeting_id=meeting.pk, template_id=foreign.pk)
    assert refused.value.message_dict["template"] == ["Không tìm thấy mẫu chương trình."]
    assert not meeting.agenda_items.exists()


# --- The page's forms ----------------------------------------------------------------


def test_page_saves_a_template_and_says_so(client, world, meeting):
    add_items(world.organizer, meeting, 15)
    client.force_login(world.organizer)
    url = reverse("agenda-template-save", args=[meeting.pk])
    response = client.post(url, {"name": "Giao ban tuần"}, follow=True)
    assert "Đã lưu chương trình thành mẫu “Giao ban tuần”." in text(response)
    assert AgendaTemplate.objects.filter(name="Giao ban tuần").exists()

    again = client.post(url, {"name": "Giao ban tuần"})
    assert again.status_code == 422
    assert "đã có mẫu tên “Giao ban tuần”. Chọn tên khác." in text(again)
    assert AgendaTemplate.objects.count() == 1


def test_page_applies_a_template_or_explains_why_not(client, world, meeting, next_meeting):
    add_items(world.organizer, meeting, 15, 30)
    template = _save(world, meeting)
    client.force_login(world.organizer)
    url = reverse("agenda-template-apply", args=[next_meeting.pk])
    response = client.post(url, {"template": template.pk}, follow=True)
    assert "Đã thêm 2 mục từ mẫu." in text(response)
    assert len(_rows(next_meeting)) == 2

    refused = client.post(url, {"template": template.pk})
    assert refused.status_code == 422
    assert "Chương trình đã có 2 mục." in text(refused)
    assert len(_rows(next_meeting)) == 2

    client.post(url, {"template": template.pk, "append": "on"})
    assert len(_rows(next_meeting)) == 4


def test_page_template_forms_are_403_for_a_delegate(client, world, meeting):
    add_items(world.organizer, meeting, 15)
    template = _save(world, meeting)
    client.force_login(world.delegate)
    save = client.post(reverse("agenda-template-save", args=[meeting.pk]), {"name": "X"})
    apply = client.post(
        reverse("agenda-template-apply", args=[meeting.pk]), {"template": template.pk}
    )
    assert (save.status_code, apply.status_code) == (403, 403)
    assert AgendaTemplate.objects.count() == 1
    assert meeting.agenda_items.count() == 1
