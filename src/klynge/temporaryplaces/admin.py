from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from klynge.kernel.admin import EditedInAppAdmin
from klynge.provenance.admin import SourcedAdmin
from klynge.temporaryplaces.models import PlaceCapacity, PlaceCount, PlaceTrade


class PlaceCapacityInline(EditedInAppAdmin, admin.TabularInline):
    model = PlaceCapacity
    fields = ["municipality", "period_start", "period_end", "places", "place_days_used"]
    extra = 0


class PlaceTradeInline(EditedInAppAdmin, admin.TabularInline):
    model = PlaceTrade
    fields = ["buyer", "seller", "period_start", "period_end", "place_days", "price_per_day"]
    extra = 0


@admin.register(PlaceCount)
class PlaceCountAdmin(EditedInAppAdmin, SourcedAdmin):
    """Counts are imported (klynge temporaryplaces import, or /midlertidige-pladser/import/); here they are read."""

    list_display = ["name", "region", "is_example", "created_at"]
    list_filter = ["is_example", "region"]
    list_select_related = ["region"]
    search_fields = ["name"]
    inlines = [PlaceCapacityInline, PlaceTradeInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """A wrong import is removed here, all its rows with it, and imported again."""
        return admin.ModelAdmin.has_delete_permission(self, request, obj)
