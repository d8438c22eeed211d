"""Who may record and change absences from a meeting — the one place this rule lives.

Those who may prepare the meeting (`klynge.meetings.access`: editors of a participating party,
administrators) keep its attendance; everyone sees it, with the agenda items they may see.
"""

from typing import Any

from klynge.bodies.access import access_collaboration_edit
from klynge.meetings.access import ensure_meeting_edit
from klynge.meetings.models import Meeting


def access_attendance_edit(user: Any, meeting: Meeting) -> bool:
    """May the user record absences from the meeting (to offer the form)?"""
    return access_collaboration_edit(user, meeting.body.collaboration)


def ensure_attendance_edit(user: Any, meeting: Meeting) -> None:
    """Refuse (403, in Danish) anyone who may not record absences from the meeting."""
    ensure_meeting_edit(user, meeting)
