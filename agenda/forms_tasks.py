"""Forms of the task pages. They parse what was typed; the services decide what is allowed.

Fields stay lenient on purpose: a deadline that is not a date reaches task_assign as None,
so the host sees every reason at once (units, text and deadline) rather than one at a time.
"""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agenda import task_rules
from agenda.models import AgendaItem
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, User
from meetings.views.common import int_param


class IdListField(forms.Field):
    """The ids of checked boxes; a value that is not a number is dropped, not refused."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def to_python(self, value: Any) -> list[int]:
        return [int(v) for v in value or [] if isinstance(v, str) and v.isdigit()]


class TypedForm(forms.Form):
    def typed(self) -> dict[str, Any]:
        """Each field as typed (trimmed where the field trims), to show again when refused."""
        return {name: field.to_python(self[name].data) for name, field in self.fields.items()}


class TaskAssignForm(TypedForm):
    """One conclusion given to units; an empty agenda item means the general conclusion."""

    agenda_item = forms.CharField(required=False, strip=False)
    conclusion = forms.CharField(required=False, strip=False)
    unit_ids = IdListField()
    deadline = forms.CharField(required=False)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_agenda_item(self) -> AgendaItem | None:
        value = self.cleaned_data["agenda_item"]
        if not value:
            return None
        item = (
            AgendaItem.objects.filter(meeting=self.meeting, pk=value).first()
            if value.isdigit()
            else None
        )
        if item is None:
            raise ValidationError(_("Nội dung này không thuộc chương trình cuộc họp."))
        return item

    def deadline_date(self) -> date | None:
        return task_rules.parse_deadline(self.cleaned_data["deadline"])


class CarryOverForm(TypedForm):
    """Chosen unfinished tasks and the later meeting whose agenda takes them."""

    task_ids = IdListField()
    target = forms.CharField(required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def target_id(self) -> int | None:
        return int_param(self.data.get("target"))

    def clean_target(self) -> Meeting:
        target_id = self.target_id()
        target = (
            meeting_selectors.meetings_visible_to(self.user).filter(pk=target_id).first()
            if target_id
            else None
        )
        if target is None:
            raise ValidationError(_("Chọn cuộc họp sau để đưa nhiệm vụ vào chương trình."))
        return target


class TaskCompleteForm(TypedForm):
    report = forms.CharField(required=False, strip=False)


class TaskUpdateForm(TypedForm):
    conclusion = forms.CharField(required=False, strip=False)
    deadline = forms.CharField(required=False)

    def clean_deadline(self) -> date:
        deadline = task_rules.parse_deadline(self.cleaned_data["deadline"])
        if deadline is None:
            raise ValidationError(_("Nhập hạn hoàn thành theo dạng dd/mm/yyyy."))
        return deadline


class TaskReopenForm(TypedForm):
    reason = forms.CharField(required=False, strip=False)
