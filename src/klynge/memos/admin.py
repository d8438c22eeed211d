from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from klynge.kernel.admin import EditedInAppAdmin
from klynge.memos.models import CaseNumberKind, Memo, MemoCaseNumber


@admin.register(CaseNumberKind)
class CaseNumberKindAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "position"]
    ordering = ["position", "label"]


class MemoCaseNumberInline(EditedInAppAdmin, admin.TabularInline):
    model = MemoCaseNumber
    extra = 0


@admin.register(Memo)
class MemoAdmin(EditedInAppAdmin, SimpleHistoryAdmin):
    """Read-only here: memos are drafted, edited and finalised in the app, through the memo services."""

    list_display = ["title", "committee", "kind", "status", "memo_date", "version"]
    list_filter = ["kind", "status", "committee"]
    search_fields = ["title", "body", "case_handler", "case_numbers__number"]
    inlines = [MemoCaseNumberInline]
