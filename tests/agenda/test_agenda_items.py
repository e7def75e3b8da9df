"""Services that add, change and remove agenda items."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from agenda.models import AgendaItem, Document, ItemKind
from agenda.services.items import (
    ItemInput,
    agenda_item_create,
    agenda_item_delete,
    agenda_item_update,
)
from meetings.models import Meeting
from meetings.services.errors import PermissionDenied
from tests.agenda.agenda_page_support import add_items


def _positions(meeting) -> list[tuple[str, int]]:
    return list(meeting.agenda_items.order_by("position").values_list("title", "position"))


def test_items_are_added_at_the_end_with_their_presenter(world, meeting):
    first = agenda_item_create(
        actor=world.organizer,
        meeting_id=meeting.pk,
        data=ItemInput(
            title="  Báo cáo kinh tế - xã hội  ",
            kind=ItemKind.REPORT,
            planned_minutes=20,
            presenter_unit_id=world.communes[0].pk,
        ),
    )
    second = agenda_item_create(
        actor=world.organizer,
        meeting_id=meeting.pk,
        data=ItemInput(
            title="Biểu quyết kế hoạch",
            kind=ItemKind.DECISION,
            planned_minutes=10,
            presenter_user_id=world.chair.pk,
        ),
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.position, first.title, first.presenter_name) == (
        1,
        "Báo cáo kinh tế - xã hội",
        "Xã Thử 1",
    )
    assert (second.position, second.kind, second.presenter_name) == (
        2,
        "decision",
        "Nguyễn Văn Chủ",
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (ItemInput(title="   "), "title", "Nhập nội dung mục chương trình."),
        (ItemInput(title="A", kind="speech"), "kind", "Loại mục chương trình không hợp lệ."),
        (ItemInput(title="A", planned_minutes=0), "planned_minutes", "từ 1 đến 600 phút"),
        (ItemInput(title="A", planned_minutes=601), "planned_minutes", "từ 1 đến 600 phút"),
        (ItemInput(title="A", presenter_user_id=999_999), "presenter", "không tồn tại"),
        (ItemInput(title="A", presenter_unit_id=999_999), "presenter", "không tồn tại"),
    ],
)
def test_bad_input_is_refused_field_by_field(world, meeting, data, field, message):
    with pytest.raises(ValidationError) as refused:
        agenda_item_create(actor=world.organizer, meeting_id=meeting.pk, data=data)
    assert message in " ".join(refused.value.message_dict[field])
    assert not AgendaItem.objects.exists()


def test_a_person_and_a_unit_cannot_both_present(world, meeting):
    data = ItemInput(
        title="A", presenter_user_id=world.chair.pk, presenter_unit_id=world.province.pk
    )
    with pytest.raises(ValidationError) as refused:
        agenda_item_create(actor=world.organizer, meeting_id=meeting.pk, data=data)
    assert refused.value.message_dict["presenter"] == [
        "Chọn người trình bày hoặc đơn vị trình bày, không chọn cả hai."
    ]


@pytest.mark.parametrize("persona", ["chair", "secretary", "operator", "delegate"])
def test_people_who_only_attend_may_not_edit(world, meeting, persona):
    item = add_items(world.organizer, meeting, 10)[0]
    actor = getattr(world, persona)
    with pytest.raises(PermissionDenied):
        agenda_item_create(actor=actor, meeting_id=meeting.pk, data=ItemInput(title="X"))
    with pytest.raises(PermissionDenied):
        agenda_item_update(actor=actor, item_id=item.pk, data=ItemInput(title="X"))
    with pytest.raises(PermissionDenied):
        agenda_item_delete(actor=actor, item_id=item.pk)
    item.refresh_from_db()
    assert item.title == "Mục 1"


@pytest.mark.parametrize("persona", ["outsider", "other_organizer"])
def test_people_with_no_part_in_the_meeting_do_not_find_it(world, meeting, persona):
    item = add_items(world.organizer, meeting, 10)[0]
    actor = getattr(world, persona)
    with pytest.raises(Http404):
        agenda_item_create(actor=actor, meeting_id=meeting.pk, data=ItemInput(title="X"))
    with pytest.raises(Http404):
        agenda_item_delete(actor=actor, item_id=item.pk)
    assert AgendaItem.objects.count() == 1


def test_update_changes_the_fields_and_keeps_the_place(world, meeting):
    items = add_items(world.organizer, meeting, 10, 20)
    agenda_item_update(
        actor=world.organizer,
        item_id=items[0].pk,
        data=ItemInput(
            title="Thảo luận",
            kind=ItemKind.DISCUSSION,
            planned_minutes=35,
            presenter_user_id=world.delegate.pk,
        ),
    )
    items[0].refresh_from_db()
    assert (items[0].title, items[0].kind, items[0].planned_minutes, items[0].position) == (
        "Thảo luận",
        "discussion",
        35,
        1,
    )
    assert items[0].presenter_user == world.delegate


def test_delete_closes_the_gap_and_keeps_the_documents_with_the_meeting(world, meeting):
    items = add_items(world.organizer, meeting, 10, 20, 30)
    document = Document.objects.create(meeting=meeting, agenda_item=items[1], title="Tờ trình")
    agenda_item_delete(actor=world.organizer, item_id=items[1].pk)
    assert _positions(meeting) == [("Mục 1", 1), ("Mục 3", 2)]
    document.refresh_from_db()
    assert document.agenda_item is None
    assert document.meeting == meeting


@pytest.mark.parametrize("status", [Meeting.Status.ENDED, Meeting.Status.CANCELLED])
def test_a_closed_meeting_keeps_its_agenda(world, meeting, status):
    item = add_items(world.organizer, meeting, 10)[0]
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    with pytest.raises(ValidationError) as refused:
        agenda_item_create(actor=world.organizer, meeting_id=meeting.pk, data=ItemInput(title="X"))
    assert "đã kết thúc hoặc đã hủy" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        agenda_item_delete(actor=world.organizer, item_id=item.pk)
    assert AgendaItem.objects.count() == 1


def test_an_unknown_item_is_404(world, meeting):
    with pytest.raises(Http404):
        agenda_item_update(actor=world.organizer, item_id=424242, data=ItemInput(title="X"))
