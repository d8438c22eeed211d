from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from klynge.bodies.models import Body, Collaboration, Membership, Participation, Seat, Substitution
from klynge.kernel.admin import EditedInAppAdmin
from klynge.provenance.admin import SourcedAdmin, SourcedInline


class ParticipationInline(admin.TabularInline):
    model = Participation
    fields = ["party", "start", "end"]
    autocomplete_fields = ["party"]
    extra = 0


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["collaboration", "party", "start", "end"]
    list_filter = ["collaboration__kind"]
    list_select_related = ["collaboration", "party"]
    search_fields = ["collaboration__name", "party__name"]
    autocomplete_fields = ["collaboration", "party"]


class BodyInline(SourcedInline):
    model = Body
    fields = ["level", "name", "slug", "valid_from", "valid_to", "source"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Collaboration)
class CollaborationAdmin(SourcedAdmin):
    list_display = ["name", "kind", "region", "host_party", "valid_from", "valid_to"]
    list_filter = ["kind", "region"]
    list_select_related = ["region", "host_party"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = [
        "region",
        "host_party",
        "hospitals",
        "spans",
        "administrations",
        "source",
    ]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ParticipationInline, BodyInline]


class SeatInline(EditedInAppAdmin, SourcedInline):
    model = Seat
    fields = ["party", "count", "source"]
    autocomplete_fields = ["party", "source"]
    show_change_link = False


class MembershipInline(EditedInAppAdmin, SourcedInline):
    model = Membership
    fields = ["person", "party", "role", "title", "start", "end", "source"]
    autocomplete_fields = ["person", "party", "source"]


@admin.register(Body)
class BodyAdmin(SourcedAdmin):
    list_display = ["name", "collaboration", "level", "valid_from", "valid_to"]
    list_filter = ["level", "collaboration__kind"]
    list_select_related = ["collaboration"]
    search_fields = ["name", "collaboration__name"]
    autocomplete_fields = ["collaboration", "source"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SeatInline, MembershipInline]


@admin.register(Seat)
class SeatAdmin(EditedInAppAdmin, SourcedAdmin):
    list_display = ["body", "party", "count"]
    list_filter = ["body__collaboration"]
    list_select_related = ["body", "party"]
    search_fields = ["body__name", "party__name"]
    autocomplete_fields = ["body", "party", "source"]


class SubstitutionInline(EditedInAppAdmin, SourcedInline):
    model = Substitution
    fk_name = "principal"
    fields = ["substitute", "topics", "condition", "start", "end", "source"]
    autocomplete_fields = ["substitute", "topics", "source"]
    show_change_link = False


@admin.register(Membership)
class MembershipAdmin(EditedInAppAdmin, SourcedAdmin):
    list_display = ["person", "body", "party", "role", "title", "start", "end"]
    list_filter = ["role", "body__collaboration"]
    list_select_related = ["person", "body", "party"]
    search_fields = ["person__name", "body__name", "title"]
    autocomplete_fields = ["person", "body", "party", "source"]
    inlines = [SubstitutionInline]


@admin.register(Substitution)
class SubstitutionAdmin(EditedInAppAdmin, SourcedAdmin):
    list_display = ["substitute", "principal", "condition", "start", "end"]
    list_select_related = ["substitute", "principal", "principal__person", "principal__body"]
    search_fields = ["substitute__name", "principal__person__name", "principal__body__name"]
    autocomplete_fields = ["principal", "substitute", "topics", "source"]
