"""Forms for comments (góp ý) and personal notes. They parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agenda.models import Comment
from agenda.services.comments import ANSWERS
from meetings.models import BridgePoint

PAGE_WIDGET = forms.NumberInput(attrs={"inputmode": "numeric", "min": 1})
PAGE_ERRORS = {"invalid": _("Nhập số trang."), "min_value": _("Số trang phải từ 1 trở lên.")}


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung góp ý"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Nhập nội dung góp ý.")},
    )
    page = forms.IntegerField(
        label=_("Trang (nếu có)"),
        required=False,
        min_value=1,
        widget=PAGE_WIDGET,
        error_messages=PAGE_ERRORS,
    )
    bridge_point_id = forms.TypedChoiceField(
        label=_("Góp ý với tư cách"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, rooms: list[BridgePoint], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if rooms:
            self.fields["bridge_point_id"].choices = [
                ("", _("Cá nhân tôi")),
                *((room.pk, _("Thay mặt điểm cầu %(room)s") % {"room": room}) for room in rooms),
            ]
            # An operator usually speaks for the room they run.
            self.initial.setdefault("bridge_point_id", rooms[0].pk)
        else:
            del self.fields["bridge_point_id"]


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[(value, label) for value, label in Comment.Status.choices if value in ANSWERS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn tiếp thu, giải trình hoặc không tiếp thu.")},
    )
    reply = forms.CharField(
        label=_("Trả lời"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoteForm(forms.Form):
    """Where the note sits (hidden on the page) and what it says."""

    text = forms.CharField(
        label=_("Ghi chú"),
        required=False,  # the service says "write something", in the same words as the API
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agenda_item_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    document_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    page = forms.IntegerField(
        label=pgettext_lazy("page number", "Trang"),
        required=False,
        min_value=1,
        widget=PAGE_WIDGET,
        error_messages=PAGE_ERRORS,
    )
