"""The writes on absences (afbud), one typed command each, whoever calls (the attendance page, the API).

Each function finds the records (else 404), checks the actor's right (`access.py`, else 403), refuses
members, substitutes and agenda items the actor may not choose (Danish messages per field, as the
page's choices say) and calls the service, which holds the rules. See `klynge.kernel.commands`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from klynge.attendance import services
from klynge.attendance.access import ensure_attendance_edit
from klynge.attendance.models import Absence
from klynge.attendance.selectors import (
    ExpectedMember,
    MeetingAttendance,
    absence_members,
    absences_to_edit,
    attendance_seen_by,
    substitutes_of,
)
from klynge.bodies.models import Membership
from klynge.kernel.commands import UNSET, Actor, Unset, merged, record_by_id, record_or_404, records_by_ids
from klynge.meetings.commands import refused_together
from klynge.meetings.models import AgendaItem
from klynge.meetings.selectors import meetings_to_edit
from klynge.organisation.models import Person

MEMBERSHIP_REQUIRED = "Vælg det medlem, der melder afbud."
MEMBERSHIP_NOT_ALLOWED = "Vælg et af de medlemmer, der forventes til stede og ikke allerede har meldt afbud."
SUBSTITUTE_NOT_ALLOWED = "Vælg en af medlemmets stedfortrædere fra listen."
AGENDA_ITEMS_NOT_ALLOWED = "Vælg punkter på dette mødes dagsorden."


@dataclass(frozen=True)
class AbsenceRecord:
    meeting_id: int
    membership_id: int
    substitute_id: int | None = None  # who comes instead; None: nobody
    agenda_item_ids: tuple[int, ...] = ()  # none: the whole meeting
    note: str = ""


@dataclass(frozen=True)
class AbsenceChange:
    absence_id: int
    seen_version: int | None = None  # the version the caller saw; None: overwrite
    substitute_id: int | Unset | None = UNSET
    agenda_item_ids: tuple[int, ...] | Unset = UNSET
    note: str | Unset = UNSET


@dataclass(frozen=True)
class AbsenceWithdraw:
    absence_id: int


def absence_values(absence: Absence) -> dict[str, Any]:
    """An absence's current values as a change takes them."""
    return {
        "substitute_id": absence.substitute_id,
        "agenda_item_ids": tuple(item.pk for item in absence.agenda_items.all()),
        "note": absence.note,
    }


def _choices(
    attendance: MeetingAttendance, values: dict[str, Any], members: Sequence[ExpectedMember]
) -> dict[str, Callable[[], Any]]:
    """Who comes instead and which items, among those the actor may choose (refused otherwise)."""
    return {
        "substitute": lambda: record_by_id(
            Person.objects.filter(pk__in=[person.pk for person in substitutes_of(members)]),
            values["substitute_id"],
            field="substitute",
            message=SUBSTITUTE_NOT_ALLOWED,
        ),
        "agenda_items": lambda: records_by_ids(
            AgendaItem.objects.filter(pk__in=[row.item.pk for row in attendance.items]).order_by("position"),
            values["agenda_item_ids"],
            field="agenda_items",
            message=AGENDA_ITEMS_NOT_ALLOWED,
        ),
    }


def absence_record(*, actor: Actor, command: AbsenceRecord) -> Absence:
    """Record that a member will not come (to the whole meeting or only some items) and who comes instead."""
    meeting = record_or_404(meetings_to_edit(), command.meeting_id)
    ensure_attendance_edit(actor, meeting)
    attendance = attendance_seen_by(actor, meeting)
    expected = [member.membership.pk for member in attendance.members_without_absence]
    values = {"substitute_id": command.substitute_id, "agenda_item_ids": command.agenda_item_ids}
    found = refused_together(
        {
            "membership": lambda: record_by_id(
                Membership.objects.filter(pk__in=expected),
                command.membership_id,
                field="membership",
                message=MEMBERSHIP_NOT_ALLOWED,
            ),
            **_choices(attendance, values, attendance.members),
        }
    )
    return services.absence_record(meeting=meeting, note=command.note, **found)


def absence_update(*, actor: Actor, command: AbsenceChange) -> Absence:
    """Change who comes instead, which items the absence concerns and the note (only the fields sent)."""
    absence = record_or_404(absences_to_edit(), command.absence_id)
    ensure_attendance_edit(actor, absence.meeting)
    attendance = attendance_seen_by(actor, absence.meeting)
    values = merged(absence_values(absence), command, exclude=("absence_id", "seen_version"))
    return services.absence_update(
        absence=absence,
        seen_version=command.seen_version,
        note=values["note"],
        **refused_together(_choices(attendance, values, absence_members(attendance, absence))),
    )


def absence_withdraw(*, actor: Actor, command: AbsenceWithdraw) -> Absence:
    """The member comes after all: the absence is withdrawn (its history is kept); the withdrawn absence."""
    absence = record_or_404(absences_to_edit(), command.absence_id)
    ensure_attendance_edit(actor, absence.meeting)
    services.absence_withdraw(absence=absence)
    return absence
