"""Building the agenda: items, their order, and templates to start an agenda from.

Every write locks the meeting row first, so two organizers editing one agenda at once
take turns and positions stay 1..n without gaps or repeats.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from agenda import selectors
from agenda.models import AgendaItem, AgendaTemplate, AgendaTemplateItem, ItemKind
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, Unit, User
from meetings.services.errors import PermissionDenied

# An agenda can still change while the meeting runs (the chair adds a point), not after.
CLOSED = (Meeting.Status.ENDED, Meeting.Status.CANCELLED)
MAX_MINUTES = 600


@dataclass(frozen=True)
class ItemInput:
    """One agenda item as an organizer describes it; the presenter is a person or a unit."""

    title: str
    kind: str = ItemKind.REPORT
    planned_minutes: int = 15
    presenter_user_id: int | None = None
    presenter_unit_id: int | None = None


def _managed_meeting(actor: User, meeting_id: int) -> Meeting:
    """The meeting, locked; 404 for people with no part in it, 403 for those who cannot edit."""
    if not meeting_selectors.meetings_visible_to(actor).filter(pk=meeting_id).exists():
        raise Http404(_("Không tìm thấy cuộc họp."))
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if not selectors.agenda_manageable_by(actor, meeting):
        raise PermissionDenied(_("Chỉ văn phòng đơn vị chủ trì được soạn chương trình họp."))
    return meeting


def _editable_agenda(actor: User, meeting_id: int) -> Meeting:
    meeting = _managed_meeting(actor, meeting_id)
    if meeting.status in CLOSED:
        raise ValidationError(_("Không thể sửa chương trình của cuộc họp đã kết thúc hoặc đã hủy."))
    return meeting


def _locked_item(actor: User, item_id: int) -> AgendaItem:
    meeting_id = AgendaItem.objects.filter(pk=item_id).values_list("meeting_id", flat=True).first()
    if meeting_id is None:
        raise Http404(_("Không tìm thấy mục chương trình."))
    meeting = _editable_agenda(actor, meeting_id)
    item = AgendaItem.objects.get(pk=item_id)
    item.meeting = meeting
    return item


def _items(meeting: Meeting) -> list[AgendaItem]:
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))


def _renumber(items: Sequence[AgendaItem]) -> list[AgendaItem]:
    """Positions 1..n in the given order; only rows whose position changed are written."""
    changed = []
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["position"])
    return list(items)


def _item_errors(data: ItemInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not data.title.strip():
        errors["title"] = [_("Nhập nội dung mục chương trình.")]
    elif len(data.title.strip()) > 300:
        errors["title"] = [_("Nội dung mục chương trình dài quá 300 ký tự.")]
    if data.kind not in ItemKind.values:
        errors["kind"] = [_("Loại mục chương trình không hợp lệ.")]
    if not 1 <= data.planned_minutes <= MAX_MINUTES:
        errors["planned_minutes"] = [
            _("Thời lượng dự kiến phải từ 1 đến %(max)s phút.") % {"max": MAX_MINUTES}
        ]
    if data.presenter_user_id is not None and data.presenter_unit_id is not None:
        errors["presenter"] = [_("Chọn người trình bày hoặc đơn vị trình bày, không chọn cả hai.")]
    elif (
        data.presenter_user_id is not None
        and not User.objects.filter(pk=data.presenter_user_id, is_active=True).exists()
    ):
        errors["presenter"] = [_("Người trình bày không tồn tại.")]
    elif (
        data.presenter_unit_id is not None
        and not Unit.objects.filter(pk=data.presenter_unit_id).exists()
    ):
        errors["presenter"] = [_("Đơn vị trình bày không tồn tại.")]
    return errors


def _apply(item: AgendaItem, data: ItemInput) -> None:
    errors = _item_errors(data)
    if errors:
        raise ValidationError(errors)
    item.title = data.title.strip()
    item.kind = data.kind
    item.planned_minutes = data.planned_minutes
    item.presenter_user_id = data.presenter_user_id
    item.presenter_unit_id = data.presenter_unit_id


@transaction.atomic
def agenda_item_create(*, actor: User, meeting_id: int, data: ItemInput) -> AgendaItem:
    """Add an item at the end of the agenda."""
    meeting = _editable_agenda(actor, meeting_id)
    item = AgendaItem(meeting=meeting, position=len(_items(meeting)) + 1)
    _apply(item, data)
    item.save()
    return item


@transaction.atomic
def agenda_item_update(*, actor: User, item_id: int, data: ItemInput) -> AgendaItem:
    item = _locked_item(actor, item_id)
    _apply(item, data)
    item.save()
    return item


@transaction.atomic
def agenda_item_delete(*, actor: User, item_id: int) -> None:
    """Remove an item; its documents stay with the meeting, and the others close the gap."""
    item = _locked_item(actor, item_id)
    meeting = item.meeting
    item.delete()
    _renumber(_items(meeting))


@transaction.atomic
def agenda_reorder(*, actor: User, meeting_id: int, ordered_ids: Sequence[int]) -> list[AgendaItem]:
    """Put the items in the given order; the ids must be exactly the meeting's items.

    A list that does not match (an item added or removed in another tab since the page
    was loaded) is refused as a whole rather than guessed at.
    """
    meeting = _editable_agenda(actor, meeting_id)
    items = {item.pk: item for item in _items(meeting)}
    ids = list(ordered_ids)
    if len(ids) != len(set(ids)) or set(ids) != set(items):
        raise ValidationError(
            _(
                "Thứ tự gửi lên không khớp với các mục hiện có của chương trình. "
                "Tải lại trang rồi thử lại."
            ),
            code="mismatch",
        )
    return _renumber([items[pk] for pk in ids])


@transaction.atomic
def agenda_item_move(*, actor: User, item_id: int, offset: int) -> list[AgendaItem]:
    """Move one item up (offset -1) or down (+1); at either end it stays where it is."""
    item = _locked_item(actor, item_id)
    items = _items(item.meeting)
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = min(max(index + offset, 0), len(items) - 1)
    items.insert(target, items.pop(index))
    return _renumber(items)


@transaction.atomic
def agenda_template_save(*, actor: User, meeting_id: int, name: str) -> AgendaTemplate:
    """Keep the agenda's items as a named template of the host unit.

    People change from one meeting to the next, units do not: the template keeps the
    presenting unit and drops the presenting person.
    """
    meeting = _managed_meeting(actor, meeting_id)
    name = name.strip()
    if not name:
        raise ValidationError({"name": [_("Nhập tên mẫu chương trình.")]})
    if len(name) > 200:
        raise ValidationError({"name": [_("Tên mẫu dài quá 200 ký tự.")]})
    items = _items(meeting)
    if not items:
        raise ValidationError(_("Chương trình chưa có mục nào để lưu thành mẫu."))
    duplicate = ValidationError(
        {
            "name": [
                _("Đơn vị %(unit)s đã có mẫu tên “%(name)s”. Chọn tên khác.")
                % {"unit": meeting.host_unit.name, "name": name}
            ]
        }
    )
    if AgendaTemplate.objects.filter(owner_unit_id=meeting.host_unit_id, name=name).exists():
        raise duplicate
    try:
        with transaction.atomic():
            template = AgendaTemplate.objects.create(
                owner_unit_id=meeting.host_unit_id, name=name, created_by=actor
            )
    except IntegrityError:  # saved from another tab between the check and the insert
        raise duplicate from None
    AgendaTemplateItem.objects.bulk_create(
        AgendaTemplateItem(
            template=template,
            position=item.position,
            title=item.title,
            kind=item.kind,
            planned_minutes=item.planned_minutes,
            presenter_unit_id=item.presenter_unit_id,
        )
        for item in items
    )
    return template


@transaction.atomic
def agenda_template_apply(
    *, actor: User, meeting_id: int, template_id: int, append: bool = False
) -> list[AgendaItem]:
    """Fill the agenda from a template; an agenda that has items is refused unless `append`."""
    meeting = _editable_agenda(actor, meeting_id)
    template = (
        selectors.agenda_templates_for(actor, meeting)
        .filter(pk=template_id)
        .prefetch_related("items")
        .first()
    )
    if template is None:
        raise ValidationError({"template": [_("Không tìm thấy mẫu chương trình.")]})
    existing = len(_items(meeting))
    if existing and not append:
        raise ValidationError(
            _(
                "Chương trình đã có %(count)s mục. Chọn “Thêm vào sau các mục hiện có” "
                "hoặc xóa các mục trước khi áp dụng mẫu."
            )
            % {"count": existing}
        )
    return AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=existing + offset,
            title=source.title,
            kind=source.kind,
            planned_minutes=source.planned_minutes,
            presenter_unit_id=source.presenter_unit_id,
        )
        for offset, source in enumerate(template.items.all(), start=1)
    )
