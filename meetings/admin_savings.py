"""Admin of the savings ledger: read-only, since every write has a rule in its service
(rate limits, history kept by copying the rates). Imported at the end of meetings/admin.py.
"""

from django.contrib import admin

from meetings.admin import ViewOnlyInline, ViewOnlyMixin
from meetings.models import Ledger, LedgerLine, RateSet


@admin.register(RateSet)
class RateSetAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("host_unit", "valid_from", "petrol_price", "daily_allowance", "note")
    list_select_related = ("host_unit",)
    search_fields = ("host_unit__name", "note")


class LedgerLineInline(ViewOnlyInline):
    model = LedgerLine
    fields = ("bridge_point", "joined", "people", "person_km", "person_hours", "total")
    readonly_fields = fields


@admin.register(Ledger)
class LedgerAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("meeting", "meeting_date", "host_unit", "joins", "people", "total")
    list_filter = ("held", "kind", "attendance_source")
    list_select_related = ("meeting", "host_unit")
    date_hierarchy = "meeting_date"
    search_fields = ("meeting__title",)
    inlines = [LedgerLineInline]


@admin.register(LedgerLine)
class LedgerLineAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("ledger", "bridge_point", "joined", "people", "total")
    list_filter = ("joined", "distance_known")
    list_select_related = ("ledger__meeting", "bridge_point__unit")
    search_fields = ("ledger__meeting__title", "bridge_point__name", "bridge_point__unit__name")
