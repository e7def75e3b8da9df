"""Admin for the agenda app. Files and receipts are evidence: read-only here."""

from django.contrib import admin

from agenda.models import (
    AgendaItem,
    AgendaTemplate,
    AgendaTemplateItem,
    Comment,
    Document,
    DocumentVersion,
    Notice,
    PersonalNote,
    Receipt,
)


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ("meeting", "position", "title", "kind", "planned_minutes")
    list_select_related = ("meeting",)
    search_fields = ("title", "meeting__title")
    raw_id_fields = ("meeting", "presenter_user", "presenter_unit")


class AgendaTemplateItemInline(admin.TabularInline):
    model = AgendaTemplateItem
    extra = 0


@admin.register(AgendaTemplateItem)
class AgendaTemplateItemAdmin(admin.ModelAdmin):
    list_display = ("template", "position", "title", "planned_minutes")
    list_select_related = ("template",)


@admin.register(AgendaTemplate)
class AgendaTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "owner_unit", "created_at")
    search_fields = ("name",)
    inlines = (AgendaTemplateItemInline,)


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    can_delete = False
    fields = (
        "number",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "page_count",
        "uploaded_by",
        "uploaded_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # uploads go through the checks in agenda.services.documents


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "agenda_item", "is_confidential", "created_at")
    list_filter = ("is_confidential",)
    search_fields = ("title", "meeting__title")
    raw_id_fields = ("meeting", "agenda_item", "created_by")
    filter_horizontal = ("readers",)
    inlines = (DocumentVersionInline,)


@admin.register(DocumentVersion)
class DocumentVersionAdmin(admin.ModelAdmin):
    list_display = ("document", "number", "original_name", "content_type", "size", "uploaded_at")
    search_fields = ("original_name", "sha256", "document__title")
    readonly_fields = [f.name for f in DocumentVersion._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Receipt)
class ReceiptAdmin(admin.ModelAdmin):
    list_display = ("document", "user", "sent_at", "opened_at", "downloaded_at")
    list_select_related = ("document", "user")
    readonly_fields = ("document", "user", "sent_at", "opened_at", "downloaded_at")

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("user", "text", "created_at", "read_at")
    list_select_related = ("user",)
    raw_id_fields = ("user", "meeting")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("document", "author", "page", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("document", "author")
    raw_id_fields = ("document", "version", "author", "bridge_point", "replied_by")


@admin.register(PersonalNote)
class PersonalNoteAdmin(admin.ModelAdmin):
    """Only the owner may read a personal note, administrators included: nothing to list."""

    def has_module_permission(self, request) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return False

    has_change_permission = has_delete_permission = has_view_permission

    def has_add_permission(self, request) -> bool:
        return False


from agenda import admin_minutes  # noqa: E402, F401  (registers the minutes, tasks and certificates)
