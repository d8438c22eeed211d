from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from klynge.kernel.admin import EditedInAppAdmin
from klynge.kernel.formatting import danish_figure, danish_meeting_date
from klynge.meetings.models import AgendaItem, AgendaItemProposal, Decision, Meeting, ReportedFigure
from klynge.provenance.admin import SourcedAdmin, SourcedInline


class AgendaItemInline(EditedInAppAdmin, SourcedInline):
    model = AgendaItem
    fields = ["position", "title", "kind", "is_public", "is_tentative", "source"]


@admin.register(Meeting)
class MeetingAdmin(EditedInAppAdmin, SourcedAdmin):
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
    list_display = ["title", "meeting", "position", "kind", "is_public", "is_tentative"]
    list_filter = ["kind", "is_public", "is_tentative", "meeting__body__collaboration"]
    list_select_related = ["meeting", "meeting__body"]
    search_fields = ["title", "summary", "meeting__body__name"]
    autocomplete_fields = ["meeting", "topics", "focus_areas", "initiatives", "source"]
    ordering = ["-meeting__date", "position"]
    inlines = [DecisionInline, ReportedFigureInline]


@admin.register(Decision)
class DecisionAdmin(EditedInAppAdmin, SourcedAdmin):
    list_display = ["__str__", "kind", "agenda_item", "recommended_to", "topic"]
    list_filter = ["kind"]
    list_select_related = ["agenda_item", "recommended_to", "topic"]
    search_fields = ["text", "agenda_item__title", "agenda_item__meeting__body__name"]
    autocomplete_fields = ["agenda_item", "topic", "recommended_to", "source"]


@admin.register(ReportedFigure)
class ReportedFigureAdmin(SourcedAdmin):
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
    list_display = ["title", "meeting", "party", "status", "proposed_at"]
    list_filter = ["status"]
    list_select_related = ["meeting__body", "party"]
    search_fields = ["title", "party__name", "meeting__body__name"]
    readonly_fields = ["proposed_by", "decided_by", "agenda_item"]
    raw_id_fields = ["meeting"]
