"""Admin of the minutes' records, the conclusion tasks and the units' signing certificates.

Minutes, versions, reviews, PDFs and tasks are read-only here: every write has its rules in
agenda.services (approval by the chair, frozen versions, validated uploads). A unit's
certificate is uploaded here: the .p12 is opened with its password before anything is
stored, the password is kept encrypted and never shown again. Imported at the end of
agenda/admin.py.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.models import (
    ConclusionTask,
    Minutes,
    MinutesDocument,
    MinutesReview,
    MinutesVersion,
    SigningCertificate,
)
from agenda.signing_keys import (
    MAX_P12_BYTES,
    CertificateRejected,
    SigningIdentity,
    password_encrypt,
    read_p12,
)
from meetings.admin import ViewOnlyMixin


class SigningCertificateForm(forms.ModelForm):
    p12_file = forms.FileField(
        label=_("Tệp chứng thư số (.p12 / .pfx)"),
        help_text=_("Tệp PKCS#12 chứa khóa riêng và chứng thư số của đơn vị."),
    )
    password = forms.CharField(
        label=_("Mật khẩu của tệp"),
        required=False,
        strip=False,
        # Never sent back to the browser, not even after a refused attempt.
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Được lưu ở dạng mã hóa và không bao giờ hiển thị lại."),
    )

    class Meta:
        model = SigningCertificate
        fields = ("unit",)

    def clean(self) -> dict:
        cleaned = super().clean()
        upload = cleaned.get("p12_file")
        if upload is None:
            return cleaned
        if upload.size > MAX_P12_BYTES:
            raise ValidationError(
                {"p12_file": _("Tệp quá lớn: không phải chứng thư số PKCS#12 (.p12/.pfx).")}
            )
        data = upload.read()
        try:
            self.identity: SigningIdentity = read_p12(data, cleaned.get("password") or "")
        except CertificateRejected as refused:
            field = "password" if refused.field == "password" else "p12_file"
            raise ValidationError({field: str(refused)}) from None
        self.p12_bytes = data
        return cleaned

    def save(self, commit: bool = True) -> SigningCertificate:
        certificate = super().save(commit=False)
        certificate.p12 = self.p12_bytes
        certificate.password_encrypted = password_encrypt(self.cleaned_data.get("password") or "")
        certificate.subject = self.identity.subject[:300]
        certificate.not_after = self.identity.not_after
        if commit:
            certificate.save()
        return certificate


@admin.register(SigningCertificate)
class SigningCertificateAdmin(admin.ModelAdmin):
    form = SigningCertificateForm
    list_display = ("unit", "subject", "not_after", "in_force", "uploaded_by", "uploaded_at")
    list_select_related = ("unit", "uploaded_by")
    search_fields = ("unit__name", "unit__code", "subject")
    autocomplete_fields = ("unit",)
    readonly_fields = ("subject", "not_after", "uploaded_by", "uploaded_at")
    fieldsets = (
        (None, {"fields": ("unit", "p12_file", "password")}),
        (_("Chứng thư đang dùng"), {"fields": readonly_fields}),
    )

    @admin.display(boolean=True, description=_("còn hạn"))
    def in_force(self, certificate: SigningCertificate) -> bool:
        return certificate.not_after > timezone.now()

    def save_model(
        self,
        request: HttpRequest,
        obj: SigningCertificate,
        form: SigningCertificateForm,
        change: bool,
    ) -> None:
        obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Minutes)
class MinutesAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("meeting", "status", "published_at", "updated_at")
    list_filter = ("status",)
    list_select_related = ("meeting",)
    search_fields = ("meeting__title",)
    exclude = ("search_text",)  # the whole text of the minutes: long, and shown in the PDF


@admin.register(MinutesVersion)
class MinutesVersionAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("minutes", "number", "author", "created_at", "verification_code", "approved_at")
    list_select_related = ("minutes__meeting", "author")
    search_fields = ("verification_code", "minutes__meeting__title")


@admin.register(MinutesReview)
class MinutesReviewAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("version", "decision", "by", "at")
    list_filter = ("decision",)
    list_select_related = ("version__minutes__meeting", "by")
    search_fields = ("version__minutes__meeting__title", "comment")


@admin.register(MinutesDocument)
class MinutesDocumentAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("version", "kind", "size", "sha256", "created_by", "created_at")
    list_filter = ("kind",)
    list_select_related = ("version__minutes__meeting", "created_by")
    search_fields = ("sha256", "version__verification_code", "version__minutes__meeting__title")


@admin.register(ConclusionTask)
class ConclusionTaskAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("meeting", "assignee_unit", "deadline", "status", "done_at")
    list_filter = ("status",)
    list_select_related = ("meeting", "assignee_unit")
    search_fields = ("conclusion", "meeting__title", "assignee_unit__name")
    date_hierarchy = "deadline"
