from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from klynge.memos.models import CaseNumberKind, Memo, MemoCaseNumber


@admin.register(CaseNumberKind)
class CaseNumberKindAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "position"]
    ordering = ["position", "label"]


class MemoCaseNumberInline(admin.TabularInline):
    model = MemoCaseNumber
    extra = 0

    def has_change_permission(self, request: HttpRequest, obj: Memo | None = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest, obj: Memo | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Memo | None = None) -> bool:
        return False


@admin.register(Memo)
class MemoAdmin(SimpleHistoryAdmin):
    """Read-only here: memos are drafted, edited and finalised in the app, through the memo services."""

    list_display = ["title", "committee", "kind", "status", "memo_date", "version"]
    list_filter = ["kind", "status", "committee"]
    search_fields = ["title", "body", "case_handler", "case_numbers__number"]
    inlines = [MemoCaseNumberInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Memo | None = None) -> bool:
        return False
