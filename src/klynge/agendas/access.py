"""Who may publish agendas, read their closed package, and write minutes — the one place these rules live.

The meeting's secretariat (klynge.meetings.access) publishes agenda versions and drafts, edits, approves
and publishes the minutes. A version's public package is read by everyone once it is published; its closed
package, and the closed version of the minutes, by those who may read the meeting's closed items. Draft
minutes are read only by those who may prepare the meeting.
"""

from typing import Any

from django.core.exceptions import PermissionDenied

from klynge.bodies.access import access_collaboration_edit
from klynge.meetings.access import (
    access_meeting_secretariat,
    closed_meeting_condition,
    ensure_meeting_secretariat,
)
from klynge.meetings.models import Meeting

NOT_PUBLISHED = "Dagsordenen er ikke offentliggjort endnu."


def ensure_agenda_publish(user: Any, meeting: Meeting) -> None:
    """Refuse (403) anyone but the meeting's secretariat."""
    ensure_meeting_secretariat(user, meeting)


def access_agenda_publish(user: Any, meeting: Meeting) -> bool:
    return access_meeting_secretariat(user, meeting)


def access_closed_package(user: Any, meeting: Meeting) -> bool:
    """May the user read the meeting's closed items (and so its closed package and minutes)?"""
    return Meeting.objects.filter(closed_meeting_condition(user, path="pk"), pk=meeting.pk).exists()


def access_meeting_prepare(user: Any, meeting: Meeting) -> bool:
    """May the user see the meeting's unpublished agenda, scheduled versions and draft minutes?"""
    return access_collaboration_edit(user, meeting.body.collaboration)


def ensure_minutes_edit(user: Any, meeting: Meeting) -> None:
    ensure_meeting_secretariat(user, meeting)


def access_minutes_edit(user: Any, meeting: Meeting) -> bool:
    return access_meeting_secretariat(user, meeting)


def ensure_visible(condition: bool) -> None:
    if not condition:
        raise PermissionDenied(NOT_PUBLISHED)
