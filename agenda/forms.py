"""Forms of the agenda page. They parse input; the services decide what is allowed."""

from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agenda.models import AgendaItem, AgendaTemplate, ItemKind
from agenda.services.items import MAX_MINUTES, ItemInput
from meetings.models import Unit, User

# One select for the presenter keeps "a person or a unit" true by construction.
USER_PREFIX = "user:"
UNIT_PREFIX = "unit:"


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal next to the field it names, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, messages in error.message_dict.items():
        form.add_error(key if key in form.fields else None, messages)


def _presenter_value(item: AgendaItem | None) -> str:
    if item is None:
        return ""
    if item.presenter_user_id:
        return f"{USER_PREFIX}{item.presenter_user_id}"
    if item.presenter_unit_id:
        return f"{UNIT_PREFIX}{item.presenter_unit_id}"
    return ""


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label=pgettext_lazy("agenda item", "Nội dung"),
        max_length=300,
        error_messages={"required": _("Nhập nội dung mục chương trình.")},
    )
    kind = forms.ChoiceField(label=_("Loại"), choices=ItemKind.choices, initial=ItemKind.REPORT)
    planned_minutes = forms.IntegerField(
        label=_("Thời lượng (phút)"),
        min_value=1,
        max_value=MAX_MINUTES,
        initial=15,
        error_messages={"required": _("Nhập thời lượng dự kiến.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    presenter = forms.ChoiceField(
        label=_("Người / đơn vị trình bày"),
        required=False,
        error_messages={"invalid_choice": _("Chọn người hoặc đơn vị trình bày trong danh sách.")},
    )

    def __init__(
        self,
        *args,
        people: Iterable[User],
        units: Iterable[Unit],
        item: AgendaItem | None = None,
        **kwargs,
    ) -> None:
        if item is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": item.title,
                    "kind": item.kind,
                    "planned_minutes": item.planned_minutes,
                    "presenter": _presenter_value(item),
                },
            )
        super().__init__(*args, **kwargs)
        people, units = list(people), list(units)
        # Keep an item's current presenter choosable even if they are no longer invited.
        if item is not None and item.presenter_user_id and item.presenter_user not in people:
            people.append(item.presenter_user)
        if item is not None and item.presenter_unit_id and item.presenter_unit not in units:
            units.append(item.presenter_unit)
        self.fields["presenter"].choices = [
            ("", _("— Chưa xác định —")),
            (_("Người trình bày"), [(f"{USER_PREFIX}{u.pk}", _person_label(u)) for u in people]),
            (_("Đơn vị trình bày"), [(f"{UNIT_PREFIX}{u.pk}", u.name) for u in units]),
        ]

    def item_input(self) -> ItemInput:
        data = self.cleaned_data
        presenter = data.get("presenter") or ""
        return ItemInput(
            title=data["title"],
            kind=data["kind"],
            planned_minutes=data["planned_minutes"],
            presenter_user_id=_id_after(presenter, USER_PREFIX),
            presenter_unit_id=_id_after(presenter, UNIT_PREFIX),
        )


def _id_after(value: str, prefix: str) -> int | None:
    return int(value.removeprefix(prefix)) if value.startswith(prefix) else None


def _person_label(user: User) -> str:
    return f"{user.display_name} — {user.position}" if user.position else user.display_name


class TemplateSaveForm(forms.Form):
    name = forms.CharField(
        label=_("Tên mẫu"),
        max_length=200,
        error_messages={"required": _("Nhập tên mẫu chương trình.")},
    )


class TemplateApplyForm(forms.Form):
    template = forms.TypedChoiceField(
        label=_("Mẫu chương trình"),
        coerce=int,
        error_messages={"required": _("Chọn một mẫu chương trình.")},
    )
    append = forms.BooleanField(label=_("Thêm vào sau các mục hiện có"), required=False)

    def __init__(self, *args, templates: Iterable[AgendaTemplate], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [
            ("", _("— Chọn mẫu —")),
            *((t.pk, f"{t.name} ({t.owner_unit.name})") for t in templates),
        ]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])

    @property
    def offset(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1
