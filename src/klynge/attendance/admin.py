from django.contrib import admin

from klynge.attendance.models import Absence
from klynge.kernel.admin import EditedInAppAdmin
from klynge.provenance.admin import SourcedAdmin


@admin.register(Absence)
class AbsenceAdmin(EditedInAppAdmin, SourcedAdmin):
    """Absences are announced, changed and withdrawn on the meeting's attendance page (the services hold the
    rules that span rows: the items on the meeting's agenda, one absence per member); here they are shown."""

    list_display = ["membership", "meeting", "substitute"]
    list_filter = ["meeting__body__collaboration"]
    list_select_related = [
        "membership",
        "membership__person",
        "membership__body",
        "meeting",
        "meeting__body",
        "substitute",
    ]
    search_fields = ["membership__person__name", "substitute__name", "meeting__body__name", "note"]
    autocomplete_fields = ["meeting", "membership", "substitute", "agenda_items", "source"]
    ordering = ["-meeting__date"]
