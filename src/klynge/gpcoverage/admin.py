"""GP coverage datasets in the admin: shown with their figures, written only by the import (all or
nothing); an administrator may delete a dataset imported by mistake (its figures go with it)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from klynge.gpcoverage.models import GpCoverageDataset, GpCoverageFigure
from klynge.kernel.admin import EditedInAppAdmin
from klynge.provenance.admin import SourcedAdmin


class GpCoverageFigureInline(EditedInAppAdmin, admin.TabularInline):
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


@admin.register(GpCoverageDataset)
class GpCoverageDatasetAdmin(EditedInAppAdmin, SourcedAdmin):
    list_display = ["name", "is_example", "norm", "imported_at", "imported_by"]
    list_filter = ["is_example"]
    list_select_related = ["imported_by"]
    search_fields = ["name", "description", "source_note"]
    inlines = [GpCoverageFigureInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A dataset imported by mistake may go, with its figures: nothing else rests on it.
        return admin.ModelAdmin.has_delete_permission(self, request, obj)
