from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from klynge.kernel.admin import EditedInAppAdmin
from klynge.reform.models import CarryOver, PlanEntry, TransitionPlan


class ReadOnlyAdmin(EditedInAppAdmin, SimpleHistoryAdmin):
    """The plan and the carry-overs are written through the reform pages (services) only; a deleted
    carry-over would cut a successor off from what it continues."""


@admin.register(TransitionPlan)
class TransitionPlanAdmin(ReadOnlyAdmin):
    list_display = ["cluster", "saved_by", "saved_at", "transferred_at"]


@admin.register(PlanEntry)
class PlanEntryAdmin(ReadOnlyAdmin):
    list_display = ["plan", "kind", "focus_area", "initiative", "note"]


@admin.register(CarryOver)
class CarryOverAdmin(ReadOnlyAdmin):
    list_display = ["kind", "cluster", "council", "original_focus_area", "original_initiative", "carried_at"]
