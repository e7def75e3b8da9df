"""Admin for the live room: a record of what happened, so read-only.

Votes of secret polls hold no choice (see realtime/models/votes.py); the admin cannot show one.
"""

from django.contrib import admin

from realtime.models import (
    CheckIn,
    HandledMessage,
    ItemSession,
    LiveNote,
    LiveState,
    MeetingEvent,
    OptionCount,
    Poll,
    RollCallEntry,
    SpeakerRequest,
    VideoSession,
    Vote,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LiveState)
class LiveStateAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "started_at", "ended_at", "last_seq", "quorum_percent")
    list_select_related = ("meeting",)


@admin.register(MeetingEvent)
class MeetingEventAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "seq", "type", "created_at")
    list_filter = ("type",)
    list_select_related = ("meeting",)


@admin.register(ItemSession)
class ItemSessionAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "item", "started_at", "ended_at")
    list_select_related = ("meeting", "item")


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = (
        "meeting",
        "bridge_point",
        "technician_present",
        "video_tested",
        "connection_quality",
        "headcount",
        "checked_in_at",
    )
    list_select_related = ("meeting", "bridge_point")


@admin.register(RollCallEntry)
class RollCallEntryAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "user", "bridge_point", "status", "reason", "marked_at")
    list_filter = ("status",)
    list_select_related = ("meeting", "user", "bridge_point")


@admin.register(VideoSession)
class VideoSessionAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "user", "bridge_point", "joined_at", "left_at")
    list_select_related = ("meeting", "user", "bridge_point")


@admin.register(SpeakerRequest)
class SpeakerRequestAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "user", "status", "topic", "requested_at", "started_at", "ended_at")
    list_filter = ("status",)
    list_select_related = ("meeting", "user")


@admin.register(Poll)
class PollAdmin(ReadOnlyAdmin):
    list_display = ("question", "meeting", "secret", "electorate", "rule", "status", "passed")
    list_filter = ("status", "secret")
    list_select_related = ("meeting",)


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ("poll", "voter", "bridge_point", "option", "cast_by", "cast_at")
    list_select_related = ("poll", "voter", "bridge_point", "cast_by")


@admin.register(OptionCount)
class OptionCountAdmin(ReadOnlyAdmin):
    list_display = ("poll", "option", "count")
    list_select_related = ("poll",)


@admin.register(LiveNote)
class LiveNoteAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "item", "kind", "version", "updated_by", "updated_at")
    list_select_related = ("meeting", "item", "updated_by")


@admin.register(HandledMessage)
class HandledMessageAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "user", "type", "message_id", "created_at")
    list_select_related = ("meeting", "user")
