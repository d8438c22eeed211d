"""Reads for attachments, filtered by who may read them (klynge.attachments.access)."""

from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet

from klynge.attachments.access import (
    meeting_own_attachments_condition,
    visible_attachments,
    visible_attachments_condition,
)
from klynge.attachments.models import Attachment
from klynge.meetings.models import AgendaItem, AgendaItemProposal, Meeting


def _listed(queryset: QuerySet[Attachment]) -> QuerySet[Attachment]:
    """What a list of attachments shows, without the extracted text (it can be long)."""
    return queryset.defer("extracted_text").order_by("position", "pk")


def attachments_of_meeting(
    *, meeting: Meeting, user: Any, agenda: list[AgendaItem] | None = None
) -> tuple[list[Attachment], dict[int, list[Attachment]]]:
    """The meeting's own attachments and those of its items, each list in order, as the user may read
    them (one query; a proposal's attachments are shown with the proposal).

    `agenda`, if given, is the meeting's agenda as the user may see it (`meetings.selectors.meeting_agenda`
    with their visibility): an item's attachment is as closed as its item, so those of its items are the
    ones kept, and only the meeting's own are filtered by the query (`meeting_own_attachments_condition`)."""
    if agenda is None:
        visible = visible_attachments_condition(user)
    else:
        visible = Q(agenda_item__isnull=False) | meeting_own_attachments_condition(user)
        shown = {item.pk for item in agenda}
    rows = _listed(Attachment.objects.filter(visible, meeting=meeting, proposal__isnull=True))
    own: list[Attachment] = []
    by_item: dict[int, list[Attachment]] = defaultdict(list)
    for attachment in rows:
        if attachment.agenda_item_id is None:
            own.append(attachment)
        elif agenda is None or attachment.agenda_item_id in shown:
            by_item[attachment.agenda_item_id].append(attachment)
    return own, dict(by_item)


def attachments_of_proposal(*, proposal: AgendaItemProposal) -> list[Attachment]:
    """A proposal's attachments (whoever sees the proposal sees them)."""
    return list(_listed(Attachment.objects.filter(proposal=proposal)))


def attachment_for_user(*, pk: int, user: Any) -> Attachment | None:
    """An attachment the user may read, with what its access check needs, or None."""
    return (
        visible_attachments(user)
        .select_related("meeting__body__collaboration", "agenda_item", "proposal")
        .filter(pk=pk)
        .first()
    )


def attachments_listed(
    *, user: Any, meeting_id: int | None = None, agenda_item_id: int | None = None
) -> QuerySet[Attachment]:
    """Attachments the user may read, of a meeting or an item (for the API's lists)."""
    rows = visible_attachments(user)
    if meeting_id is not None:
        rows = rows.filter(meeting=meeting_id)
    if agenda_item_id is not None:
        rows = rows.filter(agenda_item=agenda_item_id)
    return _listed(rows).order_by("meeting", "agenda_item", "proposal", "position", "pk")
