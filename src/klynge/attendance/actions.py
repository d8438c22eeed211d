"""The named writes on absences, shared by the attendance pages and the API.

Each write is one path whatever the caller: the Danish form (in `forms.py`) turns input into arguments,
the function here calls the service with them, and the service holds the rules. The pages and the API
differ only in how input arrives and how the answer is shown.
"""

from typing import Any

from klynge.attendance.models import Absence
from klynge.attendance.selectors import (
    ExpectedMember,
    MeetingAttendance,
    attendance_agenda_items,
    meeting_attendance,
)
from klynge.attendance.services import absence_record, absence_update
from klynge.kernel.records import record_version
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.models import Meeting


def attendance_seen_by(user: Any, meeting: Meeting) -> MeetingAttendance:
    """The meeting's attendance with the agenda items the user may see (closed ones only if they may)."""
    items = attendance_agenda_items(meeting=meeting, visible=visible_agenda_items(user))
    return meeting_attendance(meeting=meeting, agenda_items=items)


def absence_members(attendance: MeetingAttendance, absence: Absence) -> list[ExpectedMember]:
    """The member an absence is for, whose substitutes its form offers."""
    return [member for member in attendance.members if member.membership.pk == absence.membership_id]


def absence_initial(absence: Absence) -> dict[str, Any]:
    """An absence's current values as its form takes them (the starting point of a change)."""
    return {
        "substitute": absence.substitute_id,
        "agenda_items": [item.pk for item in absence.agenda_items.all()],
        "note": absence.note,
        "seen_version": record_version(absence),
    }


def absence_record_from(meeting: Meeting, data: dict[str, Any]) -> Absence:
    return absence_record(
        meeting=meeting,
        membership=data["membership"],
        substitute=data["substitute"],
        agenda_items=data["agenda_items"],
        note=data["note"],
    )


def absence_update_from(absence: Absence, data: dict[str, Any]) -> Absence:
    return absence_update(
        absence=absence,
        seen_version=data["seen_version"],
        substitute=data["substitute"],
        agenda_items=data["agenda_items"],
        note=data["note"],
    )
