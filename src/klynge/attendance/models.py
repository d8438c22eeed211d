"""Who is expected at a meeting: announced absences (afbud) and which substitute comes instead."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from klynge.bodies.models import Membership
from klynge.kernel.formatting import danish_date
from klynge.kernel.validity import active_on, contains
from klynge.meetings.models import AgendaItem, Meeting, MeetingStatus
from klynge.organisation.models import Person
from klynge.provenance.models import Sourced

DUPLICATE_MESSAGE = (
    "Der er allerede meldt afbud for medlemmet til mødet. Ret det eksisterende afbud i stedet."
)


def attendance_day(meeting: Meeting) -> datetime.date:
    """The day members and substitutes are looked up on: the meeting's date. For a meeting known only by
    month or half-year, `date` holds the period's first day, so that is the day used."""
    return meeting.date


class Absence(Sourced):
    """A member's announced absence from a meeting (afbud), and the substitute who comes instead.

    With agenda items, the absence (and the substitute) concerns only those items; without, the whole
    meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="møde", on_delete=models.CASCADE, related_name="absences"
    )
    membership = models.ForeignKey(
        Membership, verbose_name="medlem", on_delete=models.CASCADE, related_name="absences"
    )
    substitute = models.ForeignKey(
        Person,
        verbose_name="i stedet kommer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances_as_substitute",
        help_text="En af medlemmets stedfortrædere. Tom, hvis ingen kommer i stedet.",
    )
    agenda_items = models.ManyToManyField(
        AgendaItem,
        verbose_name="gælder kun punkterne",
        blank=True,
        related_name="absences",
        help_text="Tom: afbuddet gælder hele mødet.",
    )
    note = models.TextField("bemærkning", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "afbud"
        verbose_name_plural = "afbud"
        ordering = ["meeting__date", "membership__person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                name="absence_one_per_member_and_meeting",
                violation_error_message=DUPLICATE_MESSAGE,
            )
        ]

    def __str__(self) -> str:
        return f"Afbud fra {self.membership.person} til {self.meeting}"

    def clean(self) -> None:
        super().clean()
        if self.meeting_id is None or self.membership_id is None:
            return
        meeting, membership = self.meeting, self.membership
        day = attendance_day(meeting)
        if meeting.status == MeetingStatus.CANCELLED:
            raise ValidationError({"meeting": "Mødet er aflyst, så der meldes ikke afbud til det."})
        if membership.body_id != meeting.body_id:
            raise ValidationError(
                {
                    "membership": f"{membership.person} er ikke medlem af {meeting.body}. "
                    "Afbud meldes kun for medlemmer af mødets organ."
                }
            )
        if not contains(membership.start, membership.end, day):
            raise ValidationError(
                {
                    "membership": f"{membership.person} er ikke medlem af {meeting.body} den {danish_date(day)}."
                }
            )
        if (
            Absence.objects.filter(meeting_id=self.meeting_id, membership_id=self.membership_id)
            .exclude(pk=self.pk or 0)
            .exists()
        ):
            raise ValidationError({"membership": DUPLICATE_MESSAGE})
        if (
            self.substitute_id is not None
            and not (
                membership.substitutions.filter(
                    active_on(day, "start", "end"), substitute_id=self.substitute_id
                )
            ).exists()
        ):
            raise ValidationError(
                {
                    "substitute": f"{self.substitute} er ikke stedfortræder for {membership.person} "
                    f"den {danish_date(day)}. Vælg en af medlemmets stedfortrædere, eller lad feltet stå tomt."
                }
            )


def validate_absence_items(*, meeting: Meeting, agenda_items: Iterable[AgendaItem]) -> None:
    """The items an absence is limited to must be on the meeting's agenda (the m2m half of clean())."""
    if any(item.meeting_id != meeting.pk for item in agenda_items):
        raise ValidationError({"agenda_items": "Afbuddet kan kun gælde punkter på dette mødes dagsorden."})
