from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from klynge.attachments.models import Attachment
from klynge.kernel.admin import EditedInAppAdmin


@admin.register(Attachment)
class AttachmentAdmin(EditedInAppAdmin, SimpleHistoryAdmin):
    """Read-only: files are uploaded, renamed, moved and removed on the pages and in the API, by the commands."""

    list_display = ["title", "meeting", "agenda_item", "content_type", "size", "uploaded_at"]
    list_select_related = ["meeting__body", "agenda_item"]
    search_fields = ["title", "original_name", "sha256"]
    exclude = ["extracted_text"]
    raw_id_fields = ["meeting", "agenda_item", "proposal"]
    readonly_fields = ["uploaded_by"]
