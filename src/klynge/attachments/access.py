"""Who may read and who may change attachments — the one place these rules live.

An agenda item's attachment is read by those who may read the item (klynge.meetings.access); a
proposal's by those who see the proposal (its party and the secretariat); a meeting's own by everyone if
it is public, else by those who may read the meeting's closed items. Attachments are changed by those
who may prepare the meeting; a proposal's also by its party's editors while it is open.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from klynge.attachments.models import Attachment
from klynge.meetings.access import (
    access_proposal_edit,
    closed_meeting_condition,
    ensure_meeting_edit,
    proposals_visible_condition,
    visible_items_condition,
)

NOT_ALLOWED = "Du kan ikke ændre bilagene her."


def visible_attachments_condition(user: Any, *, path: str = "") -> Q:
    prefix = f"{path}__" if path else ""
    on_item = Q(**{f"{prefix}agenda_item__isnull": False}) & visible_items_condition(
        user, path=f"{prefix}agenda_item"
    )
    on_proposal = Q(**{f"{prefix}proposal__isnull": False}) & proposals_visible_condition(
        user, path=f"{prefix}proposal"
    )
    return on_item | on_proposal | meeting_own_attachments_condition(user, path=path)


def meeting_own_attachments_condition(user: Any, *, path: str = "") -> Q:
    """A meeting's own attachments (of no item or proposal) the user may read: the public ones, and the
    others if the user may read the meeting's closed items."""
    prefix = f"{path}__" if path else ""
    return Q(**{f"{prefix}agenda_item__isnull": True, f"{prefix}proposal__isnull": True}) & (
        Q(**{f"{prefix}is_public": True}) | closed_meeting_condition(user, path=f"{prefix}meeting")
    )


def visible_attachments(user: Any) -> QuerySet[Attachment]:
    return Attachment.objects.filter(visible_attachments_condition(user))


def is_public_attachment(attachment: Attachment) -> bool:
    """Does everyone see it (for caching and the agenda package's public version)?"""
    if attachment.proposal_id is not None:
        return False
    if attachment.agenda_item_id is not None:
        return attachment.agenda_item is not None and attachment.agenda_item.is_public
    return attachment.is_public


def access_attachment_edit(user: Any, attachment: Attachment) -> bool:
    try:
        ensure_attachment_edit(user, attachment)
    except PermissionDenied:
        return False
    return True


def ensure_attachment_edit(user: Any, attachment: Attachment) -> None:
    """Refuse (403) anyone who may not change, reorder or remove this attachment."""
    if attachment.proposal_id is not None:
        if attachment.proposal is None or not access_proposal_edit(user, attachment.proposal):
            raise PermissionDenied(NOT_ALLOWED)
        return
    ensure_meeting_edit(user, attachment.meeting)
