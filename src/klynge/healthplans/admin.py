from django.contrib import admin

from klynge.healthplans.models import HealthPlanGoal, LocalHealthPlan
from klynge.kernel.admin import EditedInAppAdmin
from klynge.provenance.admin import SourcedAdmin


class GoalInline(EditedInAppAdmin, admin.TabularInline):
    model = HealthPlanGoal
    extra = 0
    fields = ["position", "title", "description"]


@admin.register(LocalHealthPlan)
class LocalHealthPlanAdmin(EditedInAppAdmin, SourcedAdmin):
    """Read-only here: plans and their goals are written in the app (pages and API), through the commands."""

    list_display = ["name", "council", "status", "valid_from", "valid_to"]
    list_filter = ["status", "council"]
    list_select_related = ["council"]
    search_fields = ["name", "description"]
    inlines = [GoalInline]
