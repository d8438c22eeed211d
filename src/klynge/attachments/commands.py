"""The writes on attachments, one typed command each, whoever calls (pages, API).

Each finds the records among those the actor may see (else 404), checks the actor's right (else 403)
and calls the service, which checks the file itself (type from its bytes, size) with Danish refusals.
"""

from dataclasses import dataclass
from typing import Literal

from django.core.exceptions import PermissionDenied

from klynge.attachments import services
from klynge.attachments.access import ensure_attachment_edit, visible_attachments
from klynge.attachments.models import Attachment
from klynge.kernel.commands import Actor, record_or_404, refuse
from klynge.meetings.access import (
    access_proposal_edit,
    ensure_meeting_edit,
    visible_agenda_items,
    visible_proposals,
)
from klynge.meetings.models import AgendaItem, AgendaItemProposal, Meeting
from klynge.meetings.selectors import meetings_to_edit

TITLE_REQUIRED = "Skriv bilagets titel."
NOT_ON_PROPOSAL = "Du kan ikke lægge bilag på dette forslag."


@dataclass(frozen=True)
class AttachmentUpload:
    """A file for a meeting (no item, no proposal), one of its agenda items, or a proposal."""

    meeting_id: int
    content: bytes
    file_name: str
    title: str = ""
    agenda_item_id: int | None = None
    proposal_id: int | None = None
    is_public: bool = True  # for the meeting's own attachments; an item's follows the item


@dataclass(frozen=True)
class AttachmentChange:
    attachment_id: int
    title: str
    is_public: bool | None = None  # None: as it is


@dataclass(frozen=True)
class AttachmentMove:
    attachment_id: int
    direction: Literal["up", "down"]


@dataclass(frozen=True)
class AttachmentRemove:
    attachment_id: int


def attachment_upload(*, actor: Actor, command: AttachmentUpload) -> Attachment:
    """Keep a file as the last attachment of a meeting, an agenda item or a proposal."""
    if command.agenda_item_id is not None and command.proposal_id is not None:
        refuse("agenda_item", "Et bilag hører til et punkt eller et forslag, ikke begge.")
    item: AgendaItem | None = None
    proposal: AgendaItemProposal | None = None
    if command.proposal_id is not None:
        proposal = record_or_404(
            visible_proposals(actor).select_related("meeting__body__collaboration"), command.proposal_id
        )
        if proposal.meeting_id != command.meeting_id:
            refuse("proposal", "Forslaget hører ikke til mødet.")
        if not access_proposal_edit(actor, proposal):
            raise PermissionDenied(NOT_ON_PROPOSAL)
        meeting: Meeting = proposal.meeting
    else:
        meeting = record_or_404(meetings_to_edit(), command.meeting_id)
        if command.agenda_item_id is not None:
            item = record_or_404(
                AgendaItem.objects.filter(pk__in=visible_agenda_items(actor), meeting=meeting),
                command.agenda_item_id,
            )
        ensure_meeting_edit(actor, meeting)
    return services.attachment_create(
        meeting=meeting,
        agenda_item=item,
        proposal=proposal,
        content=command.content,
        original_name=command.file_name,
        title=command.title,
        is_public=command.is_public if item is None and proposal is None else True,
        uploaded_by=actor,
    )


def _attachment(actor: Actor, attachment_id: int) -> Attachment:
    attachment = record_or_404(
        visible_attachments(actor).select_related("meeting__body__collaboration", "agenda_item", "proposal"),
        attachment_id,
    )
    ensure_attachment_edit(actor, attachment)
    return attachment


def attachment_update(*, actor: Actor, command: AttachmentChange) -> Attachment:
    """Rename an attachment, or make a meeting's own public or closed."""
    attachment = _attachment(actor, command.attachment_id)
    is_public = attachment.is_public
    if command.is_public is not None and attachment.belongs_to_meeting:
        is_public = command.is_public
    return services.attachment_update(attachment=attachment, title=command.title, is_public=is_public)


def attachment_move(*, actor: Actor, command: AttachmentMove) -> Attachment:
    attachment = _attachment(actor, command.attachment_id)
    return services.attachment_move(attachment=attachment, direction=command.direction)


def attachment_remove(*, actor: Actor, command: AttachmentRemove) -> Attachment:
    attachment = _attachment(actor, command.attachment_id)
    services.attachment_delete(attachment=attachment)
    return attachment
