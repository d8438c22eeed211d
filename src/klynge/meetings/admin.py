from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from klynge.kernel.admin import CommandAdmin, EditedInAppAdmin
from klynge.kernel.formatting import danish_figure, danish_meeting_date
from klynge.meetings import commands
from klynge.meetings.models import (
    AgendaItem,
    AgendaItemProposal,
    Decision,
    Meeting,
    RecommendationResponse,
    ReportedFigure,
    ResponseOutcome,
)
from klynge.provenance.admin import SourcedAdmin, SourcedInline


class AgendaItemInline(EditedInAppAdmin, SourcedInline):
    model = AgendaItem
    fields = ["position", "title", "kind", "is_public", "is_tentative", "source"]


@admin.register(Meeting)
class MeetingAdmin(CommandAdmin, SourcedAdmin):
    """Meetings are added and changed here through the same commands as the meeting pages and the API
    (`meetings.commands.meeting_create` / `meeting_update`): the same rights, rules and refusals."""

    fields = ["body", "date", "date_precision", "start_time", "status", "is_extra", "title", "location"]
    list_display = ["body", "when", "status", "is_extra", "title"]
    list_filter = ["status", "date_precision", "is_extra", "body__collaboration"]
    list_select_related = ["body"]
    search_fields = ["body__name", "title", "location"]
    autocomplete_fields = ["body", "source"]
    date_hierarchy = "date"
    ordering = ["-date"]
    inlines = [AgendaItemInline]

    @admin.display(description="dato", ordering="date")
    def when(self, meeting: Meeting) -> str:
        return danish_meeting_date(meeting.date, meeting.date_precision)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["body"] if obj is not None else []  # a meeting stays with its body

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> Meeting:
        values = commands.meeting_fields(data)
        if record is None:
            create = commands.MeetingCreate(body_id=data["body"].pk, **values)
            return commands.meeting_create(actor=request.user, command=create)
        change = commands.MeetingChange(meeting_id=record.pk, **values)
        return commands.meeting_update(actor=request.user, command=change)


class DecisionInline(EditedInAppAdmin, SourcedInline):
    model = Decision
    fields = ["kind", "text", "topic", "recommended_to", "source"]
    autocomplete_fields = ["topic", "recommended_to", "source"]


class ReportedFigureInline(SourcedInline):
    model = ReportedFigure
    fields = ["metric", "label", "value", "unit", "area", "year", "source"]
    autocomplete_fields = ["area", "source"]
    show_change_link = False


@admin.register(AgendaItem)
class AgendaItemAdmin(EditedInAppAdmin, SourcedAdmin):
    """Read-only: items are written on the meeting page and in the API (work's commands, with their links)."""

    list_display = ["title", "meeting", "position", "kind", "is_public", "is_tentative"]
    list_filter = ["kind", "is_public", "is_tentative", "meeting__body__collaboration"]
    list_select_related = ["meeting", "meeting__body"]
    search_fields = ["title", "summary", "meeting__body__name"]
    autocomplete_fields = ["meeting", "topics", "source"]
    ordering = ["-meeting__date", "position"]
    inlines = [DecisionInline, ReportedFigureInline]


@admin.register(Decision)
class DecisionAdmin(EditedInAppAdmin, SourcedAdmin):
    """Read-only: decisions are recorded with their allocation and approvals by `work.commands.decision_record`."""

    list_display = ["__str__", "kind", "agenda_item", "recommended_to", "topic"]
    list_filter = ["kind"]
    list_select_related = ["agenda_item", "recommended_to", "topic"]
    search_fields = ["text", "agenda_item__title", "agenda_item__meeting__body__name"]
    autocomplete_fields = ["agenda_item", "topic", "recommended_to", "source"]


@admin.register(ReportedFigure)
class ReportedFigureAdmin(SourcedAdmin):
    """Kept here only (no page or API writes a reported figure), so it has no command."""

    list_display = ["__str__", "metric", "shown_value", "area", "year"]
    list_filter = ["metric", "year"]
    list_select_related = ["area"]
    search_fields = ["label", "explanation", "area__name"]
    autocomplete_fields = ["agenda_item", "area", "source"]

    @admin.display(description="værdi", ordering="value")
    def shown_value(self, figure: ReportedFigure) -> str:
        """With its unit; an amount in kroner by the amount rule."""
        return danish_figure(figure.value, figure.unit)


@admin.register(AgendaItemProposal)
class AgendaItemProposalAdmin(EditedInAppAdmin, SimpleHistoryAdmin):
    """Read-only: proposals are made, decided and withdrawn on the pages and in the API, by the commands."""

    list_display = ["title", "meeting", "party", "status", "proposed_at"]
    list_filter = ["status"]
    list_select_related = ["meeting__body", "party"]
    search_fields = ["title", "party__name", "meeting__body__name"]
    readonly_fields = ["proposed_by", "decided_by", "agenda_item"]
    raw_id_fields = ["meeting"]


@admin.register(RecommendationResponse)
class RecommendationResponseAdmin(CommandAdmin, SourcedAdmin):
    """The recipient's decision is recorded, corrected and removed here by the commands of the meeting
    page and the API (`recommendation_response_record` / `_remove`): the same rights and refusals."""

    fields = ["decision", "outcome", "decided_on", "text", "reference"]
    list_display = ["decision", "outcome", "decided_on"]
    list_filter = ["outcome"]
    list_select_related = ["decision"]
    search_fields = ["text", "decision__text"]
    autocomplete_fields = ["decision"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["decision"] if obj is not None else []  # a response stays with its recommendation

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> RecommendationResponse:
        decision_id = record.decision_id if record is not None else data["decision"].pk
        values = {key: data[key] for key in ["decided_on", "text", "reference"]}
        outcome = ResponseOutcome(data["outcome"])
        command = commands.RecommendationResponseRecord(decision_id=decision_id, outcome=outcome, **values)
        return commands.recommendation_response_record(actor=request.user, command=command)

    def admin_delete(self, request: HttpRequest, record: RecommendationResponse) -> None:
        command = commands.RecommendationResponseRemove(decision_id=record.decision_id)
        commands.recommendation_response_remove(actor=request.user, command=command)
