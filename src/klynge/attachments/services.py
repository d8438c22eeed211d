"""The writes on attachments: upload, change, reorder, remove, and moving a proposal's along when it is
accepted. Each checks the file (klynge.attachments.files) and writes atomically."""

import logging
from pathlib import PurePath
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q

from klynge.attachments import files
from klynge.attachments.models import Attachment
from klynge.kernel.formatting import danish_number
from klynge.kernel.records import update_validated
from klynge.meetings.models import AgendaItem, AgendaItemProposal, Meeting

logger = logging.getLogger(__name__)

FILE_EMPTY = "Filen er tom."
FILE_NOT_ALLOWED = (
    "Filtypen er ikke tilladt (filens indhold er afgørende, ikke dens navn). Tilladte filtyper: {types}."
)


def file_too_large_message(limit: int) -> str:
    return f"Filen er for stor: højst {danish_number(round(limit / (1024 * 1024), 1))} MB."


def inspect(content: bytes) -> files.Inspected:
    """Check an upload against the limits and find what it is; a refusal names the rule it breaks."""
    limit = files.max_bytes()
    if not content:
        raise ValidationError({"file": FILE_EMPTY})
    if len(content) > limit:
        raise ValidationError({"file": file_too_large_message(limit)})
    allowed = files.allowed_types()
    content_type = files.detect_content_type(content[:16], content)
    if content_type is None or content_type not in allowed:
        raise ValidationError({"file": FILE_NOT_ALLOWED.format(types=", ".join(allowed.values()))})
    return files.Inspected(
        content_type=content_type,
        size=len(content),
        sha256=files.sha256_of(content),
        text=files.extract_text(content_type, content),
    )


def clean_file_name(name: str) -> str:
    """The uploader's file name as shown and offered on download: its last part, printable, bounded."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>|:*?')
    return base.strip(" .")[:200] or "bilag"


def _scope(*, meeting: Meeting, agenda_item: AgendaItem | None, proposal: AgendaItemProposal | None) -> Q:
    """The attachments numbered together: an item's, a proposal's, or the meeting's own."""
    if agenda_item is not None:
        return Q(agenda_item=agenda_item)
    if proposal is not None:
        return Q(proposal=proposal)
    return Q(meeting=meeting, agenda_item__isnull=True, proposal__isnull=True)


def _next_position(scope: Q) -> int:
    last = Attachment.objects.filter(scope).aggregate(last=Max("position"))["last"] or 0
    return int(last) + 1


def attachment_create(
    *,
    meeting: Meeting,
    content: bytes,
    original_name: str,
    title: str = "",
    agenda_item: AgendaItem | None = None,
    proposal: AgendaItemProposal | None = None,
    is_public: bool = True,
    uploaded_by: Any = None,
) -> Attachment:
    """Keep an uploaded file as the last attachment of its item, proposal or meeting."""
    inspected = inspect(content)
    name = clean_file_name(original_name)
    stem = PurePath(name).stem or name
    title = " ".join(title.split()) or stem[:300]
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        attachment = Attachment(
            meeting=meeting,
            agenda_item=agenda_item,
            proposal=proposal,
            original_name=name,
            content_type=inspected.content_type,
            size=inspected.size,
            sha256=inspected.sha256,
            position=_next_position(_scope(meeting=meeting, agenda_item=agenda_item, proposal=proposal)),
            title=title,
            is_public=is_public,
            uploaded_by=uploaded_by if uploaded_by is not None and uploaded_by.is_authenticated else None,
            extracted_text=inspected.text,
        )
        attachment.full_clean(exclude=["file"])
        attachment.file.save(name, ContentFile(content), save=False)
        try:
            attachment.save()
        except Exception:
            _delete_stored(attachment.file.name or "")
            raise
    # A file whose record is rolled back later by an enclosing transaction stays behind as a file no
    # record names (Django has no on_rollback); it costs disk space only, and is never served.
    return attachment


def attachment_update(*, attachment: Attachment, title: str, is_public: bool) -> Attachment:
    """Rename an attachment; a meeting's own attachment may also be made public or closed."""
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": "Skriv bilagets titel."})
    return update_validated(attachment, title=title, is_public=is_public)


def attachment_delete(*, attachment: Attachment) -> None:
    """Remove an attachment; its file goes once the removal is committed."""
    with transaction.atomic():
        attachment.delete()


def attachment_move(*, attachment: Attachment, direction: Literal["up", "down"]) -> Attachment:
    """Swap an attachment with its neighbour above or below among its item's, proposal's or meeting's."""
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=attachment.meeting_id).first()
        scope = _scope(
            meeting=attachment.meeting, agenda_item=attachment.agenda_item, proposal=attachment.proposal
        )
        siblings = list(Attachment.objects.filter(scope).order_by("position", "pk"))
        index = next(i for i, a in enumerate(siblings) if a.pk == attachment.pk)
        other = index - 1 if direction == "up" else index + 1
        if other < 0 or other >= len(siblings):
            raise ValidationError(
                {
                    "position": "Bilaget er allerede det første."
                    if direction == "up"
                    else "Bilaget er allerede det sidste."
                }
            )
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            if sibling.position != position:
                sibling.position = position
                sibling.save(update_fields=["position"])
        return next(a for a in siblings if a.pk == attachment.pk)


def attachments_move_to_item(*, proposal: AgendaItemProposal, agenda_item: AgendaItem) -> int:
    """An accepted proposal's attachments become the new item's, in their order (the count moved)."""
    moved = 0
    with transaction.atomic():
        start = _next_position(Q(agenda_item=agenda_item))
        for offset, attachment in enumerate(
            Attachment.objects.filter(proposal=proposal).order_by("position", "pk")
        ):
            attachment.proposal = None
            attachment.agenda_item = agenda_item
            attachment.position = start + offset
            attachment.full_clean(exclude=["file"])
            attachment.save()
            moved += 1
    return moved


def _delete_stored(name: str) -> None:
    from django.core.files.storage import default_storage

    try:
        default_storage.delete(name)
    except Exception:  # the record is gone either way; a leftover file is only disk space
        logger.warning("Could not delete the attachment file %s", name, exc_info=True)


def attachment_file_forget(*, name: str | None) -> None:
    """Remove a deleted attachment's file once the deletion is committed."""
    if name:
        transaction.on_commit(lambda: _delete_stored(name))
