"""GP coverage datasets in the admin: shown with their figures, written only by the import (all or
nothing); an administrator may delete a dataset imported by mistake (its figures go with it)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from klynge.gpcoverage.models import GpCoverageDataset, GpCoverageFigure
from klynge.provenance.admin import SourcedAdmin


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class GpCoverageFigureInline(ReadOnly, admin.TabularInline):
    model = GpCoverageFigure
    extra = 0
    fields = [
        "area",
        "year",
        "population",
        "population_is_forecast",
        "capacities",
        "capacities_60_plus",
        "expected_retirements",
        "closed_practices",
    ]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(GpCoverageDataset)
class GpCoverageDatasetAdmin(ReadOnly, SourcedAdmin):
    list_display = ["name", "is_example", "norm", "imported_at", "imported_by"]
    list_filter = ["is_example"]
    list_select_related = ["imported_by"]
    search_fields = ["name", "description", "source_note"]
    inlines = [GpCoverageFigureInline]
