"""Changing a meeting: its time, place and status, never losing a colleague's change."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.kernel.records import record_version
from klynge.meetings.models import DatePrecision, Meeting, MeetingStatus
from klynge.meetings.services import meeting_update
from tests.factories import ClusterWorld


def change(world: ClusterWorld, seen: int | None = None, **fields: object) -> Meeting:
    meeting = world.meeting
    arguments: dict[str, object] = {
        "date": meeting.date,
        "status": MeetingStatus(meeting.status),
        "date_precision": DatePrecision(meeting.date_precision),
        "start_time": meeting.start_time,
        "is_extra": meeting.is_extra,
        "title": meeting.title,
        "location": meeting.location,
    }
    arguments.update(fields)
    return meeting_update(meeting=meeting, seen_version=seen, **arguments)  # type: ignore[arg-type]


def test_time_and_place_are_saved(world: ClusterWorld) -> None:
    meeting = change(world, start_time=datetime.time(14, 0), location="Rådhuset, Udvalgsværelse 1")
    meeting.refresh_from_db()
    assert (meeting.start_time, meeting.location) == (datetime.time(14, 0), "Rådhuset, Udvalgsværelse 1")


def test_a_held_meeting_cannot_move_into_the_future(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as error:
        change(world, date=datetime.date(2026, 12, 10))
    assert "Et møde i fremtiden kan ikke være afholdt." in error.value.message_dict["status"]
    world.meeting.refresh_from_db()
    assert world.meeting.date == datetime.date(2023, 11, 28)


def test_a_save_from_an_outdated_copy_is_refused(world: ClusterWorld) -> None:
    seen = record_version(world.meeting)
    change(world, seen, location="Første sted")
    with pytest.raises(ValidationError, match="mens du redigerede"):
        change(world, seen, location="Andet sted")
    world.meeting.refresh_from_db()
    assert world.meeting.location == "Første sted"
