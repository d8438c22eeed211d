from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from klynge.provenance.models import Source


class SourcedAdmin(SimpleHistoryAdmin):
    """Base for records that say where they come from: the source is picked by search."""

    autocomplete_fields = ["source"]
    list_per_page = 50


class SourcedInline(admin.TabularInline):
    autocomplete_fields = ["source"]
    extra = 0
    show_change_link = True


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """Reference data (here, `klynge reference import` and the imports' services): no page or API writes a source."""

    list_display = ["title", "kind", "publisher", "date", "key"]
    list_filter = ["kind"]
    search_fields = ["title", "key", "publisher", "description"]
    prepopulated_fields = {"key": ["title"]}
    date_hierarchy = "date"
