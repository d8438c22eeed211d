"""Announce, change and withdraw a member's absence from a meeting (afbud)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from klynge.attendance.models import DUPLICATE_MESSAGE, Absence, validate_absence_items
from klynge.bodies.models import Membership
from klynge.kernel.records import create_validated, update_checked
from klynge.meetings.models import AgendaItem, Meeting
from klynge.organisation.models import Person
from klynge.provenance.models import Source


def absence_record(
    *,
    meeting: Meeting,
    membership: Membership,
    substitute: Person | None = None,
    agenda_items: Iterable[AgendaItem] = (),
    note: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> Absence:
    """Record that a member will not come (to the whole meeting, or only to some items) and who, of the
    member's substitutes on the day, comes instead. Refused with Danish messages by field."""
    items = list(agenda_items)
    try:
        with transaction.atomic():
            validate_absence_items(meeting=meeting, agenda_items=items)
            return create_validated(
                Absence,
                meeting=meeting,
                membership=membership,
                substitute=substitute,
                note=note.strip(),
                source=source,
                source_note=source_note,
                m2m={"agenda_items": items},
            )
    except IntegrityError as error:
        # Two editors recorded the same member's absence at the same moment: the database refuses one.
        raise ValidationError({"membership": DUPLICATE_MESSAGE}) from error


def absence_update(
    *,
    absence: Absence,
    seen_version: int | None,
    substitute: Person | None,
    agenda_items: Iterable[AgendaItem],
    note: str,
) -> Absence:
    """Change who comes instead, which items the absence concerns and the note. Refused if someone else
    saved the absence after the editor opened it (seen_version)."""
    items = list(agenda_items)
    with transaction.atomic():
        validate_absence_items(meeting=absence.meeting, agenda_items=items)
        return update_checked(
            absence,
            seen_version=seen_version,
            substitute=substitute,
            note=note.strip(),
            m2m={"agenda_items": items},
        )


def absence_withdraw(*, absence: Absence) -> None:
    """The member comes after all: the absence is removed (its history is kept). Withdrawing an absence
    that is already withdrawn does nothing."""
    with transaction.atomic():
        locked = Absence.objects.select_for_update().filter(pk=absence.pk).first()
        if locked is not None:
            locked.delete()
