from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from klynge.kernel.admin import EditedInAppAdmin
from klynge.memos.models import CaseNumberKind, CommitteeReferral, Memo, MemoCaseNumber, MemoTemplate


@admin.register(CaseNumberKind)
class CaseNumberKindAdmin(admin.ModelAdmin):
    """Reference data, kept here only: no page or API writes it, so no command."""

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


@admin.register(CommitteeReferral)
class CommitteeReferralAdmin(EditedInAppAdmin, SimpleHistoryAdmin):
    """Read-only here: items are flagged on the meeting page (or by the API) and included by memos."""

    list_display = ["agenda_item", "committee", "decision", "flagged_at", "included_in"]
    list_filter = ["committee"]
    search_fields = ["agenda_item__title", "note", "committee__name"]


@admin.register(MemoTemplate)
class MemoTemplateAdmin(EditedInAppAdmin, SimpleHistoryAdmin):
    """Read-only here: a party's template is uploaded on its page (/notater/skabeloner/<part>/), which
    tries it on a sample memo first."""

    list_display = ["party", "template", "logo", "updated_at"]
    search_fields = ["party__name"]
