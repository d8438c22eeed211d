"""Agenda versions and minutes in the admin, written through the same commands as the agenda page and the
API (klynge.agendas.commands), or shown read-only where no command writes them.

- An agenda version is added here as on the page: published now, or scheduled (`publish_at`); its
  packages are built by the command. A published version is frozen (its PDFs are the record), so it is
  only shown; a scheduled one is withdrawn by publishing it or on the page, not deleted here.
- Minutes are drafted here from a held meeting's decisions and attendance (`minutes_draft`), and their
  attendance and closing note changed while a draft (`minutes_update`); approving and publishing take
  the page's choices (the meeting that approved them), so the admin offers only "Offentliggør" for the
  approved ones, through `minutes_publish`. An item's minutes text is edited on the agenda page: in the
  admin the entries are shown read-only (the admin is for administrators, who read every closed item).
"""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from klynge.agendas import commands
from klynge.agendas.models import AgendaVersion, Minutes, MinutesEntry, MinutesStatus
from klynge.kernel.admin import CommandAdmin, EditedInAppAdmin


@admin.register(AgendaVersion)
class AgendaVersionAdmin(CommandAdmin, SimpleHistoryAdmin):
    """Adds a version through `agendas.commands.agenda_version_create` (the page's and the API's
    command: the secretariat's right, the refusals, the packages, the e-mails); a version is never
    changed or deleted here."""

    list_display = ["meeting", "number", "kind", "publish_at", "published_at", "published_by"]
    list_filter = ["kind", "meeting__body__collaboration"]
    list_select_related = ["meeting__body", "published_by"]
    search_fields = ["meeting__body__name", "meeting__title", "change_note"]
    autocomplete_fields = ["meeting"]
    ordering = ["-meeting__date", "-number"]
    add_fields = ["meeting", "kind", "publish_at", "change_note"]
    shown_fields = [
        "meeting",
        "number",
        "kind",
        "change_note",
        "publish_at",
        "published_at",
        "published_by",
        "public_pdf",
        "closed_pdf",
        "created_at",
    ]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.add_fields if obj is None else self.shown_fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if obj is None else self.shown_fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # published versions are frozen; the list and each version stay readable

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> AgendaVersion:
        command = commands.AgendaVersionCreate(
            meeting_id=data["meeting"].pk,
            kind=data["kind"],
            publish_at=data.get("publish_at"),
            change_note=data.get("change_note", ""),
        )
        return commands.agenda_version_create(actor=request.user, command=command)


class MinutesEntryInline(EditedInAppAdmin, admin.TabularInline):
    model = MinutesEntry
    fields = ["agenda_item", "text"]
    readonly_fields = ["agenda_item", "text"]
    extra = 0


@admin.register(Minutes)
class MinutesAdmin(CommandAdmin, SimpleHistoryAdmin):
    """Drafts through `minutes_draft`, changes a draft's attendance and closing note through
    `minutes_update`, publishes the approved ones through `minutes_publish`."""

    list_display = ["meeting", "status", "approval_kind", "approved_on", "published_at"]
    list_filter = ["status", "approval_kind", "meeting__body__collaboration"]
    list_select_related = ["meeting__body"]
    search_fields = ["meeting__body__name", "meeting__title"]
    autocomplete_fields = ["meeting"]
    ordering = ["-meeting__date"]
    inlines = [MinutesEntryInline]
    actions = ["publish_selected"]
    shown_fields = [
        "meeting",
        "status",
        "attendance",
        "closing_note",
        "approval_kind",
        "approved_at_meeting",
        "approved_on",
        "published_at",
    ]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["meeting"] if obj is None else self.shown_fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return []
        editable = ["attendance", "closing_note"] if obj.status == MinutesStatus.DRAFT else []
        return [field for field in self.shown_fields if field not in editable]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or obj.status == MinutesStatus.DRAFT  # approved minutes are only shown

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.inlines if obj is not None else []

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> Minutes:
        if record is None:
            draft = commands.MinutesDraft(meeting_id=data["meeting"].pk)
            return commands.minutes_draft(actor=request.user, command=draft)
        change = commands.MinutesChange(
            meeting_id=record.meeting_id,
            attendance=data.get("attendance", ""),
            closing_note=data.get("closing_note", ""),
            entries={},
        )
        return commands.minutes_update(actor=request.user, command=change)

    @admin.action(description="Offentliggør de valgte godkendte referater")
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Minutes]) -> None:
        published = 0
        for minutes in queryset.select_related("meeting"):
            try:
                commands.minutes_publish(
                    actor=request.user, command=commands.MinutesPublish(meeting_id=minutes.meeting_id)
                )
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{minutes}: {text}", level=messages.ERROR)
            else:
                published += 1
        if published:
            self.message_user(request, f"{published} referat(er) er offentliggjort.", level=messages.SUCCESS)
