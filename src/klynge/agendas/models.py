"""An agenda published in numbered versions, and the minutes (beslutningsprotokol) of a meeting.

An agenda version freezes the agenda package as it was published: a public PDF (the public items only)
and a closed PDF (every item, for those who may read the closed ones), kept through Django's storage API.
A version may be scheduled (`publish_at`) and is published when its time comes (`klynge agenda
publish-due`). A supplementary agenda (tillægsdagsorden) is a later version that adds items.

Minutes are drafted from the meeting's decisions and attendance, edited by the secretariat, approved at
the next meeting of the same body or by written procedure, and then published (PDF and Word, public and
closed). Each item's minutes text is as closed as its item.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from klynge.meetings.models import AgendaItem, Meeting


class AgendaVersionKind(models.TextChoices):
    ORDINARY = "ordinary", "Dagsorden"
    SUPPLEMENTARY = "supplementary", "Tillægsdagsorden"


def _package_path(version: "AgendaVersion", edition: str) -> str:
    return f"dagsordener/{version.meeting_id}/dagsorden-{version.meeting_id}-v{version.number}-{edition}.pdf"


def public_package_path(instance: "AgendaVersion", filename: str) -> str:
    return _package_path(instance, "offentlig")


def closed_package_path(instance: "AgendaVersion", filename: str) -> str:
    return _package_path(instance, "lukket")


class AgendaVersion(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name="møde", on_delete=models.CASCADE, related_name="agenda_versions"
    )
    number = models.PositiveSmallIntegerField("version")
    kind = models.CharField(
        "type", max_length=20, choices=AgendaVersionKind.choices, default=AgendaVersionKind.ORDINARY
    )
    change_note = models.TextField("ændringer", blank=True)
    publish_at = models.DateTimeField(
        "offentliggøres", null=True, blank=True, help_text="Tom: offentliggøres med det samme."
    )
    published_at = models.DateTimeField("offentliggjort", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="offentliggjort af",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    # The ids of the items on the agenda in this version (public and closed), to tell what a later
    # version added; never shown as such.
    item_ids = models.JSONField("punkter", default=list, blank=True)
    public_pdf = models.FileField("offentlig udgave", upload_to=public_package_path, blank=True)
    closed_pdf = models.FileField("lukket udgave", upload_to=closed_package_path, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "dagsordensversion"
        verbose_name_plural = "dagsordensversioner"
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_version_unique_number"),
            models.CheckConstraint(
                condition=~Q(kind="supplementary") | Q(number__gt=1),
                name="agenda_version_supplementary_follows",
                violation_error_message="En tillægsdagsorden følger en offentliggjort dagsorden.",
            ),
        ]
        indexes = [models.Index(fields=["published_at", "publish_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number} – {self.meeting}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def clean(self) -> None:
        super().clean()
        if self.kind == AgendaVersionKind.SUPPLEMENTARY and self.number == 1:
            raise ValidationError({"kind": "En tillægsdagsorden følger en offentliggjort dagsorden."})


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Udkast"
    APPROVED = "approved", "Godkendt"
    PUBLISHED = "published", "Offentliggjort"


class ApprovalKind(models.TextChoices):
    MEETING = "meeting", "Godkendt på næste møde"
    WRITTEN = "written", "Godkendt ved skriftlig procedure"


class Minutes(models.Model):
    meeting = models.OneToOneField(
        Meeting, verbose_name="møde", on_delete=models.CASCADE, related_name="minutes"
    )
    status = models.CharField(
        "status", max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    attendance = models.TextField("deltagere og afbud", blank=True)
    closing_note = models.TextField("eventuelt", blank=True)
    approval_kind = models.CharField("godkendelse", max_length=20, choices=ApprovalKind.choices, blank=True)
    approved_at_meeting = models.ForeignKey(
        Meeting,
        verbose_name="godkendt på mødet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="minutes_approved",
    )
    approved_on = models.DateField("godkendt den", null=True, blank=True)
    published_at = models.DateTimeField("offentliggjort", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "referat"
        verbose_name_plural = "referater"
        ordering = ["meeting"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_on__isnull=False),
                name="minutes_approved_has_date",
                violation_error_message="Et godkendt referat har en godkendelsesdato.",
            ),
            models.CheckConstraint(
                condition=~Q(approval_kind="meeting") | Q(approved_at_meeting__isnull=False),
                name="minutes_approved_at_meeting_names_it",
                violation_error_message="Angiv mødet, hvor referatet blev godkendt.",
            ),
        ]

    def __str__(self) -> str:
        return f"Referat – {self.meeting}"

    def clean(self) -> None:
        super().clean()
        if self.approval_kind == ApprovalKind.MEETING and self.approved_at_meeting_id is not None:
            later = self.approved_at_meeting
            if later is None:
                return
            if later.body_id != self.meeting.body_id:
                raise ValidationError(
                    {"approved_at_meeting": "Referatet godkendes på et møde i samme organ."}
                )
            if later.date <= self.meeting.date:
                raise ValidationError(
                    {
                        "approved_at_meeting": "Referatet godkendes på et senere møde end det, det er referat af."
                    }
                )


class MinutesEntry(models.Model):
    """The minutes of one agenda item: as closed as the item."""

    minutes = models.ForeignKey(
        Minutes, verbose_name="referat", on_delete=models.CASCADE, related_name="entries"
    )
    agenda_item = models.OneToOneField(
        AgendaItem, verbose_name="dagsordenspunkt", on_delete=models.CASCADE, related_name="minutes_entry"
    )
    text = models.TextField("referat", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "referat af punkt"
        verbose_name_plural = "referater af punkter"
        ordering = ["agenda_item__position"]

    def __str__(self) -> str:
        return f"Referat af {self.agenda_item}"
