from django.contrib import admin

from klynge.catchment.models import Area, CatchmentRule, Hospital, Specialty
from klynge.kernel.admin import EditedInAppAdmin
from klynge.provenance.admin import SourcedAdmin


@admin.register(Hospital)
class HospitalAdmin(SourcedAdmin):
    """Reference data (`klynge reference import` and here): no page or API writes it, so no command."""

    list_display = ["name", "short_name", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["region", "source"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    """Reference data, kept here only: no page or API writes it, so no command."""

    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Area)
class AreaAdmin(SourcedAdmin):
    """Reference data (`klynge reference import` and here): no page or API writes it, so no command."""

    list_display = ["name", "kind", "parent", "party"]
    list_filter = ["kind"]
    list_select_related = ["parent", "party"]
    search_fields = ["name"]
    autocomplete_fields = ["parent", "party", "source"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(CatchmentRule)
class CatchmentRuleAdmin(EditedInAppAdmin, SourcedAdmin):
    """Read-only: rules change by the revision import (`catchment_rules_import`), which ends what it replaces."""

    list_display = ["area", "hospital", "specialty", "valid_from", "valid_to"]
    list_filter = ["hospital", "specialty"]
    list_select_related = ["area", "hospital", "specialty"]
    search_fields = ["area__name", "hospital__name"]
    autocomplete_fields = ["area", "hospital", "specialty", "source"]
