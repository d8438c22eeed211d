from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from klynge.kernel.admin import CommandAdmin, EditedInAppAdmin
from klynge.kernel.formatting import danish_amount
from klynge.meetings.access import visible_agenda_items
from klynge.provenance.admin import SourcedAdmin
from klynge.work import commands
from klynge.work.models import (
    Allocation,
    FocusArea,
    FollowUpResearch,
    FollowUpResearchStatus,
    Fund,
    FundKind,
    HealthAgreement,
    Initiative,
    TrialAction,
)
from klynge.work.selectors import fund_queryset, with_remaining_in_database


@admin.register(HealthAgreement)
class HealthAgreementAdmin(SourcedAdmin):
    """Reference data, kept here only: no page or API writes it, so no command."""

    list_display = ["name", "region", "valid_from", "valid_to"]
    list_select_related = ["region"]
    search_fields = ["name"]
    autocomplete_fields = ["region", "source"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FocusArea)
class FocusAreaAdmin(EditedInAppAdmin, SourcedAdmin):
    """Read-only: focus areas are written on their pages and in the API, by the commands."""

    list_display = ["name", "status", "decided_at", "period_start", "period_end"]
    list_filter = ["status", "collaborations"]
    list_select_related = ["decided_at"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["collaborations", "topics", "decided_at", "health_agreement", "source"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Initiative)
class InitiativeAdmin(EditedInAppAdmin, SourcedAdmin):
    """Read-only: initiatives move along their lifecycle on their pages and in the API, by the commands."""

    list_display = ["name", "collaboration", "focus_area", "status", "progress", "parent"]
    list_filter = ["status", "collaboration"]
    list_select_related = ["collaboration", "focus_area", "parent"]
    search_fields = ["name", "description"]
    autocomplete_fields = [
        "collaboration",
        "focus_area",
        "parent",
        "approved_by",
        "approved_by_body",
        "responsible_parties",
        "source",
    ]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(TrialAction)
class TrialActionAdmin(CommandAdmin, SourcedAdmin):
    """Trial actions are added and changed here by the commands of the focus area's pages and the API
    (`trial_action_create` / `_update`, numbered by the service): the same rights and refusals."""

    fields = ["focus_area", "name", "description", "initiative"]

    list_display = ["display_name", "focus_area", "position", "initiative", "named_in_source"]
    list_filter = ["named_in_source", "focus_area"]
    list_select_related = ["focus_area", "initiative"]
    search_fields = ["name", "description", "focus_area__name"]
    autocomplete_fields = ["focus_area", "initiative"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["focus_area"] if obj is not None else []  # a trial action stays with its focus area

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> TrialAction:
        initiative = data["initiative"].pk if data["initiative"] is not None else None
        values = {"name": data["name"], "description": data["description"], "initiative": initiative}
        if record is None:
            create = commands.TrialActionCreate(focus_area_id=data["focus_area"].pk, **values)
            return commands.trial_action_create(actor=request.user, command=create)
        change = commands.TrialActionChange(trial_action_id=record.pk, **values)
        return commands.trial_action_update(actor=request.user, command=change)


@admin.register(FollowUpResearch)
class FollowUpResearchAdmin(CommandAdmin, SourcedAdmin):
    """Follow-up research is added and changed here by the commands of the focus area's and initiative's
    pages and the API (`follow_up_research_create` / `_update`): the same rights and refusals."""

    fields = ["focus_area", "initiative", "title", "status", "description"]

    list_display = ["title", "status", "focus_area", "initiative"]
    list_filter = ["status"]
    list_select_related = ["focus_area", "initiative"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["focus_area", "initiative"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["focus_area", "initiative"] if obj is not None else []  # what it follows stays

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> FollowUpResearch:
        values = {
            "title": data["title"],
            "status": FollowUpResearchStatus(data["status"]),
            "description": data["description"],
        }
        if record is None:
            attached = {
                key: data[key].pk if data[key] is not None else None for key in ["focus_area", "initiative"]
            }
            create = commands.FollowUpResearchCreate(
                focus_area_id=attached["focus_area"], initiative_id=attached["initiative"], **values
            )
            return commands.follow_up_research_create(actor=request.user, command=create)
        change = commands.FollowUpResearchChange(research_id=record.pk, **values)
        return commands.follow_up_research_update(actor=request.user, command=change)


@admin.register(Fund)
class FundAdmin(CommandAdmin, SourcedAdmin):
    """Funds are added and changed here by the commands of /puljer/ and the API (`fund_create` /
    `fund_update`, never below what is allocated): the same rights, rules and refusals."""

    fields = ["body", "year", "kind", "name", "amount", "description"]
    list_display = ["name", "body", "year", "shown_amount", "shown_allocated", "shown_remaining"]
    list_filter = ["year", "body__collaboration"]
    search_fields = ["name", "body__name"]
    autocomplete_fields = ["body"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Fund]:
        return with_remaining_in_database(fund_queryset(visible_agenda_items(request.user)))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["body", "year"] if obj is not None else []  # a fund stays with its body and year

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> Fund:
        values = {key: data[key] for key in ["name", "amount", "description"]}
        values["kind"] = FundKind(data["kind"])
        if record is None:
            create = commands.FundCreate(body=data["body"].pk, year=data["year"], **values)
            return commands.fund_create(actor=request.user, command=create)
        return commands.fund_update(
            actor=request.user, command=commands.FundChange(fund_id=record.pk, **values)
        )

    @admin.display(description="ramme", ordering="amount")
    def shown_amount(self, fund: Fund) -> str:
        return "ikke oplyst" if fund.amount is None else danish_amount(fund.amount)

    @admin.display(description="bevilget", ordering="allocated")
    def shown_allocated(self, fund: Any) -> str:
        return danish_amount(fund.allocated)

    @admin.display(description="rest", ordering="remaining")
    def shown_remaining(self, fund: Any) -> str:
        return "ikke oplyst" if fund.remaining is None else danish_amount(fund.remaining)


@admin.register(Allocation)
class AllocationAdmin(EditedInAppAdmin, SourcedAdmin):
    """Read-only: an allocation is made with its decision by `work.commands.decision_record`."""

    list_display = ["fund", "shown_amount", "focus_area", "initiative", "decision"]
    list_filter = ["fund__year", "fund"]
    list_select_related = ["fund", "focus_area", "initiative", "decision"]
    search_fields = ["fund__name", "focus_area__name", "initiative__name"]
    autocomplete_fields = ["fund", "decision", "focus_area", "initiative", "source"]

    @admin.display(description="beløb", ordering="amount")
    def shown_amount(self, allocation: Allocation) -> str:
        return danish_amount(allocation.amount)
