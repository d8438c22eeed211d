from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from klynge.healthplans import commands
from klynge.healthplans.models import HealthPlanGoal, LocalHealthPlan, LocalHealthPlanStatus
from klynge.kernel.admin import CommandAdmin, EditedInAppAdmin
from klynge.provenance.admin import SourcedAdmin


class GoalInline(EditedInAppAdmin, admin.TabularInline):
    model = HealthPlanGoal
    extra = 0
    fields = ["position", "title", "description"]


@admin.register(LocalHealthPlan)
class LocalHealthPlanAdmin(CommandAdmin, SourcedAdmin):
    """Plans are added and changed here by the commands of the plan pages and the API
    (`local_health_plan_create` / `_update`); their goals are shown, written in the app."""

    fields = [
        "council",
        "name",
        "description",
        "status",
        "valid_from",
        "valid_to",
        "adopted_on",
        "document_url",
    ]
    autocomplete_fields = ["council"]
    list_display = ["name", "council", "status", "valid_from", "valid_to"]
    list_filter = ["status", "council"]
    list_select_related = ["council"]
    search_fields = ["name", "description"]
    inlines = [GoalInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["council"] if obj is not None else []  # a plan stays with its council

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> LocalHealthPlan:
        values = {key: data[key] for key in self.fields if key != "council"}
        values["status"] = LocalHealthPlanStatus(values["status"])
        if record is None:
            create = commands.LocalHealthPlanCreate(council_id=data["council"].pk, **values)
            return commands.local_health_plan_create(actor=request.user, command=create)
        change = commands.LocalHealthPlanChange(plan_id=record.pk, **values)
        return commands.local_health_plan_update(actor=request.user, command=change)
