from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from klynge.reform.models import CarryOver, PlanEntry, TransitionPlan


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """The plan and the carry-overs are written through the reform pages (services) only."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TransitionPlan)
class TransitionPlanAdmin(ReadOnlyAdmin):
    list_display = ["cluster", "saved_by", "saved_at", "transferred_at"]


@admin.register(PlanEntry)
class PlanEntryAdmin(ReadOnlyAdmin):
    list_display = ["plan", "kind", "focus_area", "initiative", "note"]


@admin.register(CarryOver)
class CarryOverAdmin(ReadOnlyAdmin):
    list_display = ["kind", "cluster", "council", "original_focus_area", "original_initiative", "carried_at"]
