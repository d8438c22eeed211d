"""Attachments (bilag): files on a meeting, an agenda item or a proposal for one.

An attachment is as open or closed as what it belongs to: an agenda item's follows the item, a
proposal's is seen only by those who see the proposal, and one on the meeting itself carries its own
`is_public` (klynge.attachments.access). The file lives in Django's default storage (local disk or
S3-compatible, see settings) under a name of its own, never the uploader's file name; its type is found
from its bytes, not from what the upload claimed (klynge.attachments.files).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from klynge.meetings.models import AgendaItem, AgendaItemProposal, Meeting


def storage_name(instance: "Attachment", filename: str) -> str:
    """A name of our own: the uploader's file name never reaches the storage (nor a path through it)."""
    today = timezone.now()
    return f"bilag/{today:%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name="møde", on_delete=models.CASCADE, related_name="attachments"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name="dagsordenspunkt",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    proposal = models.ForeignKey(
        AgendaItemProposal,
        verbose_name="forslag",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField("fil", upload_to=storage_name, max_length=255)
    original_name = models.CharField("filnavn", max_length=255)
    content_type = models.CharField("filtype", max_length=100)
    size = models.PositiveBigIntegerField("størrelse (bytes)")
    sha256 = models.CharField("SHA-256", max_length=64)
    position = models.PositiveSmallIntegerField("rækkefølge", default=1)
    title = models.CharField("titel", max_length=300)
    is_public = models.BooleanField(
        "offentligt bilag",
        default=True,
        help_text="Gælder bilag til selve mødet; et punkts bilag er åbent eller lukket som punktet.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lagt op af",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("lagt op", default=timezone.now)
    extracted_text = models.TextField("tekst fra filen", blank=True)
    history = HistoricalRecords(excluded_fields=["extracted_text"])

    class Meta:
        verbose_name = "bilag"
        verbose_name_plural = "bilag"
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agenda_item__isnull=True) | models.Q(proposal__isnull=True),
                name="attachment_item_or_proposal",
                violation_error_message="Et bilag hører til et punkt eller et forslag, ikke begge.",
            ),
            models.CheckConstraint(condition=models.Q(size__gte=0), name="attachment_size_not_negative"),
        ]
        indexes = [
            models.Index(fields=["agenda_item", "position"]),
            models.Index(fields=["meeting", "position"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("attachments:download", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.agenda_item_id is not None and self.proposal_id is not None:
            raise ValidationError(
                {"agenda_item": "Et bilag hører til et punkt eller et forslag, ikke begge."}
            )
        if self.agenda_item is not None and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError({"agenda_item": "Punktet hører ikke til mødet."})
        if self.proposal is not None and self.proposal.meeting_id != self.meeting_id:
            raise ValidationError({"proposal": "Forslaget hører ikke til mødet."})

    @property
    def belongs_to_meeting(self) -> bool:
        """On the meeting itself, not on an item or a proposal."""
        return self.agenda_item_id is None and self.proposal_id is None
