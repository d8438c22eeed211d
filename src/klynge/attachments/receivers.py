"""What attachments do when other records change: follow an accepted proposal to its new agenda item, and
take their files along when they are deleted (also when their meeting or item is)."""

from typing import Any

from django.db.models.signals import post_delete

from klynge.attachments.models import Attachment
from klynge.attachments.services import attachment_file_forget, attachments_move_to_item
from klynge.meetings.signals import proposal_accepted


def _proposal_accepted(sender: Any, *, proposal: Any, agenda_item: Any, **_: Any) -> None:
    attachments_move_to_item(proposal=proposal, agenda_item=agenda_item)


def _deleted(sender: Any, instance: Attachment, **kwargs: Any) -> None:
    attachment_file_forget(name=instance.file.name)


def connect() -> None:
    proposal_accepted.connect(_proposal_accepted, dispatch_uid="attachments-proposal-accepted")
    post_delete.connect(_deleted, sender=Attachment, dispatch_uid="attachments-file-delete")
