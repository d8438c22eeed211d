"""Listens to the meetings domain's events (klynge.meetings.signals) and queues the e-mails."""

from typing import Any

from django.dispatch import receiver
from django.utils import timezone

from klynge.meetings.models import Meeting
from klynge.meetings.signals import agenda_published
from klynge.notifications.models import AgendaPublication


@receiver(agenda_published, dispatch_uid="klynge.notifications.agenda_published")
def on_agenda_published(
    sender: Any,
    *,
    meeting: Meeting,
    version: Any = None,
    supplementary: bool = False,
    changed: bool = False,
    **kwargs: Any,
) -> None:
    """Record the publication (the digest and the feeds list it) and queue its e-mails. A version
    announced twice is recorded and e-mailed once."""
    from klynge.notifications.tasks import send_agenda

    version_id = getattr(version, "pk", None)
    if version_id is not None:
        publication, created = AgendaPublication.objects.get_or_create(
            meeting=meeting,
            version_id=version_id,
            defaults={"published_at": timezone.now(), "changed": changed, "supplementary": supplementary},
        )
        if not created:
            return
    else:
        publication = AgendaPublication.objects.create(
            meeting=meeting, published_at=timezone.now(), changed=changed, supplementary=supplementary
        )
    # The signal comes after the agenda's transaction has committed (see its docstring): queue at once.
    send_agenda.enqueue(publication_id=publication.pk)
