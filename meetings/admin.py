"""The Django admin: a back office for superusers.

Writes that carry a rule go through the services, never around them:
- meetings are booked, moved and cancelled only in the app (or the API), where the
  booking rule runs and invitees are told; here their time, status, people and rooms
  are read-only, only the wording (title, description, kind) can be corrected, and
  there is no add or delete;
- bookings, invitations and participants are read-only records;
- API tokens are issued by `manage.py issue_token` and revoked with the service.
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meetings.models import (
    ApiToken,
    Booking,
    BridgePoint,
    BridgePointGroup,
    Invitation,
    Meeting,
    MeetingSeries,
    Membership,
    Participant,
    Unit,
    User,
)
from meetings.services.tokens import api_token_revoke

admin.site.site_header = _("Điểm Cầu — quản trị")
admin.site.site_title = _("Điểm Cầu")
admin.site.index_title = _("Quản trị hệ thống")


class ViewOnlyMixin:
    """Shown, never added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ViewOnlyInline(ViewOnlyMixin, admin.TabularInline):
    extra = 0


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent")
    list_filter = ("kind", ("parent", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("parent",)
    search_fields = ("name", "code")
    autocomplete_fields = ("parent",)


@admin.register(BridgePoint)
class BridgePointAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "unit",
        "distance_km",
        "travel_minutes",
        "is_hardship",
        "technician_name",
        "technician_phone",
        "capacity",
        "is_active",
    )
    list_filter = ("is_active", "is_hardship", ("unit__parent", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("unit",)
    search_fields = ("name", "unit__name", "address", "technician_name")
    autocomplete_fields = ("unit",)


@admin.register(BridgePointGroup)
class BridgePointGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "owner_unit", "size")
    list_select_related = ("owner_unit",)
    search_fields = ("name", "owner_unit__name")
    autocomplete_fields = ("owner_unit",)
    filter_horizontal = ("bridge_points",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[BridgePointGroup]:
        return super().get_queryset(request).annotate(size=Count("bridge_points"))

    @admin.display(description=_("số điểm cầu"), ordering="size")
    def size(self, group: BridgePointGroup) -> int:
        return group.size

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "bridge_points":
            # Each option's label names the unit: fetch them in the same query.
            kwargs["queryset"] = BridgePoint.objects.select_related("unit")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("unit", "bridge_point")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "position", "phone", "email")}),
        (
            _("Quyền"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "full_name",
                    "position",
                    "phone",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    list_display = ("username", "full_name", "position", "email", "phone", "is_staff", "is_active")
    search_fields = ("username", "full_name", "email", "phone")
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit", "bridge_point")
    list_filter = ("role",)
    list_select_related = ("user", "unit", "bridge_point__unit")
    search_fields = ("user__username", "user__full_name", "unit__name")
    autocomplete_fields = ("user", "unit", "bridge_point")


class InvitationInline(ViewOnlyInline):
    model = Invitation
    fields = (
        "bridge_point",
        "response",
        "expected_attendees",
        "decline_reason",
        "responded_at",
        "responded_by",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Invitation]:
        return super().get_queryset(request).select_related("bridge_point__unit", "responded_by")


class ParticipantInline(ViewOnlyInline):
    model = Participant
    fields = ("user", "role", "bridge_point")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Participant]:
        return super().get_queryset(request).select_related("user", "bridge_point__unit")


class BookingInline(ViewOnlyInline):
    model = Booking
    fields = ("bridge_point", "starts_at", "ends_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Booking]:
        return super().get_queryset(request).select_related("bridge_point__unit")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Correct the wording of a meeting; anything the booking rule checks is read-only."""

    list_display = ("title", "start", "end", "host_unit", "chair", "kind", "status")
    list_filter = ("status", "kind", ("host_unit", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("host_unit", "chair")
    date_hierarchy = "start"
    search_fields = ("title", "description", "host_unit__name")
    fields = (
        "title",
        "description",
        "kind",
        "host_unit",
        "main_bridge_point",
        "chair",
        "secretary",
        "start",
        "end",
        "status",
        "cancel_reason",
        "series",
        "sequence",
        "uid",
        "created_by",
        "created_at",
        "updated_at",
    )
    # Everything the booking rule depends on stays with the services.
    readonly_fields = fields[3:]
    inlines = (InvitationInline, ParticipantInline, BookingInline)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # booked in the app, where the booking rule runs

    def has_delete_permission(self, request: HttpRequest, obj: Meeting | None = None) -> bool:
        return False  # cancelled in the app, with a reason, so that invitees are told


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ("title", "frequency", "interval", "count", "created_by", "created_at")
    list_filter = ("frequency",)
    search_fields = ("title",)
    fields = ("title", "frequency", "interval", "count", "created_by", "created_at")
    readonly_fields = ("frequency", "interval", "count", "created_by", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # series_schedule books every occurrence at once


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "name", "user", "created_at", "last_used_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    list_select_related = ("user",)
    search_fields = ("prefix", "name", "user__username", "user__full_name")
    fields = ("user", "name", "prefix", "key_hash", "created_at", "last_used_at", "revoked_at")
    readonly_fields = fields
    actions = ("revoke",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the raw token exists only when `manage.py issue_token` prints it

    @admin.action(description=_("Thu hồi các mã đã chọn"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        for token_id in ids:
            api_token_revoke(token_id=token_id)
        self.message_user(
            request,
            gettext("Đã thu hồi %(n)d mã truy cập.") % {"n": len(ids)},
            messages.SUCCESS,
        )


@admin.register(Booking)
class BookingAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("bridge_point", "meeting", "starts_at", "ends_at")
    list_select_related = ("bridge_point__unit", "meeting")
    date_hierarchy = "starts_at"
    search_fields = ("bridge_point__name", "bridge_point__unit__name", "meeting__title")


@admin.register(Invitation)
class InvitationAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("meeting", "bridge_point", "response", "expected_attendees", "responded_at")
    list_filter = ("response",)
    list_select_related = ("meeting", "bridge_point__unit")
    search_fields = ("meeting__title", "bridge_point__name", "bridge_point__unit__name")


@admin.register(Participant)
class ParticipantAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("meeting", "user", "role", "bridge_point")
    list_filter = ("role",)
    list_select_related = ("meeting", "user", "bridge_point__unit")
    search_fields = ("meeting__title", "user__username", "user__full_name")


from meetings import admin_savings  # noqa: E402, F401  (registers the ledger's models)
