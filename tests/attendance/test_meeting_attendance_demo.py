"""The memo's rule in the demo: the health mayor sits in Byen's political body, and the social mayor or the
children and youth mayor may come instead when the agenda is more relevant to them."""

import datetime

import pytest

from klynge.attendance.models import Absence
from klynge.attendance.selectors import attendance_agenda_items, meeting_attendance
from klynge.meetings.models import Meeting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]


def byen_meeting(day: datetime.date) -> Meeting:
    return Meeting.objects.select_related("body").get(body__name="Politisk sundhedsklynge Byen", date=day)


def test_on_28_november_2023_the_social_mayor_is_more_relevant_to_socially_vulnerable_citizens() -> None:
    meeting = byen_meeting(datetime.date(2023, 11, 28))

    attendance = meeting_attendance(meeting=meeting, agenda_items=attendance_agenda_items(meeting=meeting))

    assert [m.person.name for m in attendance.members] == ["Line Ervolder", "Sisse Marie Welling"]
    first, training, *_ = attendance.items
    assert first.item.title == "Socialt udsatte borgeres somatiske sygdom"
    assert [(r.substitution.substitute.name, r.member.person.name) for r in first.relevant] == [
        ("Karina Vestergård Madsen", "Sisse Marie Welling")
    ]
    assert training.relevant == []
    assert not Absence.objects.exists()  # the demo invents no absences


def test_on_10_january_2023_the_children_and_youth_mayor_is_more_relevant_to_the_birth_area() -> None:
    meeting = byen_meeting(datetime.date(2023, 1, 10))

    attendance = meeting_attendance(meeting=meeting, agenda_items=attendance_agenda_items(meeting=meeting))

    assert [r.substitution.substitute.name for r in attendance.items[0].relevant] == ["Jakob Næsager"]
