"""absence_record: only a member of the meeting's body on the day, only one of that member's substitutes
on the day, only items on the meeting's agenda; refusals are Danish, by field, and save nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.attendance.services import absence_record
from klynge.bodies.services import membership_create, substitution_create
from klynge.meetings.models import AgendaItemKind, DatePrecision, MeetingStatus
from klynge.meetings.services import agenda_item_create, meeting_create
from klynge.organisation.services import person_create
from tests.attendance.conftest import Cast, saved_rows
from tests.factories import ClusterWorld, build_cluster


def test_the_members_substitute_comes_instead_for_the_whole_meeting(world: ClusterWorld, cast: Cast) -> None:
    absence = absence_record(
        meeting=world.meeting,
        membership=world.mayor_membership,
        substitute=cast.deputy,
        note="  Borgmesteren er på ferie.  ",
    )

    absence.refresh_from_db()
    assert absence.substitute == cast.deputy
    assert absence.note == "Borgmesteren er på ferie."
    assert list(absence.agenda_items.all()) == []
    assert absence.history.count() == 1


def test_an_absence_for_some_items_only_and_without_substitute(world: ClusterWorld, cast: Cast) -> None:
    absence = absence_record(meeting=world.meeting, membership=cast.doctor, agenda_items=[world.agenda_item])

    assert absence.substitute is None
    assert list(absence.agenda_items.all()) == [world.agenda_item]


def test_a_substitute_who_is_not_the_members_is_refused(world: ClusterWorld, cast: Cast) -> None:
    before = saved_rows()

    with pytest.raises(ValidationError) as exc:
        absence_record(
            meeting=world.meeting,
            membership=world.mayor_membership,
            substitute=cast.doctor_substitute,
            agenda_items=[world.agenda_item],
        )

    assert exc.value.message_dict == {
        "substitute": [
            "Lægestedfortræder Test er ikke stedfortræder for Borgmester Test den 28. november 2023. "
            "Vælg en af medlemmets stedfortrædere, eller lad feltet stå tomt."
        ]
    }
    assert saved_rows() == before


def test_a_substitution_that_ended_before_the_meeting_is_refused(world: ClusterWorld, cast: Cast) -> None:
    former = person_create(name="Tidligere stedfortræder")
    substitution_create(
        principal=world.mayor_membership,
        substitute=former,
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2023, 6, 30),
    )

    with pytest.raises(ValidationError) as exc:
        absence_record(meeting=world.meeting, membership=world.mayor_membership, substitute=former)

    assert list(exc.value.message_dict) == ["substitute"]
    assert saved_rows() == (0, 0)


def test_a_membership_of_another_body_is_refused(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    before = saved_rows()

    with pytest.raises(ValidationError) as exc:
        absence_record(meeting=world.meeting, membership=other.mayor_membership)

    assert exc.value.message_dict == {
        "membership": [
            "Borgmester Anden er ikke medlem af Politisk sundhedsklynge Test. "
            "Afbud meldes kun for medlemmer af mødets organ."
        ]
    }
    assert saved_rows() == before


def test_a_membership_that_ended_before_the_meeting_is_refused(world: ClusterWorld) -> None:
    former = membership_create(
        person=person_create(name="Tidligere medlem"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2023, 6, 30),
    )

    with pytest.raises(ValidationError) as exc:
        absence_record(meeting=world.meeting, membership=former)

    assert exc.value.message_dict == {
        "membership": [
            "Tidligere medlem er ikke medlem af Politisk sundhedsklynge Test den 28. november 2023."
        ]
    }
    assert saved_rows() == (0, 0)


def test_a_meeting_known_by_month_counts_the_members_on_its_first_day(world: ClusterWorld) -> None:
    meeting = meeting_create(
        body=world.political, date=datetime.date(2024, 6, 1), date_precision=DatePrecision.MONTH
    )
    joins_mid_month = membership_create(
        person=person_create(name="Nyt medlem"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2024, 6, 15),
    )

    with pytest.raises(ValidationError) as exc:
        absence_record(meeting=meeting, membership=joins_mid_month)

    assert "den 1. juni 2024" in exc.value.message_dict["membership"][0]
    assert absence_record(meeting=meeting, membership=world.mayor_membership).pk


def test_one_absence_per_member_and_meeting(world: ClusterWorld) -> None:
    absence_record(meeting=world.meeting, membership=world.mayor_membership)

    with pytest.raises(ValidationError) as exc:
        absence_record(meeting=world.meeting, membership=world.mayor_membership, note="Igen")

    assert exc.value.message_dict == {
        "membership": [
            "Der er allerede meldt afbud for medlemmet til mødet. Ret det eksisterende afbud i stedet."
        ]
    }
    assert saved_rows() == (1, 0)


def test_items_of_another_meeting_are_refused(world: ClusterWorld) -> None:
    later = meeting_create(body=world.political, date=datetime.date(2024, 3, 5), status=MeetingStatus.HELD)
    elsewhere = agenda_item_create(meeting=later, title="Et andet møde", kind=AgendaItemKind.ORIENTATION)

    with pytest.raises(ValidationError) as exc:
        absence_record(
            meeting=world.meeting,
            membership=world.mayor_membership,
            agenda_items=[world.agenda_item, elsewhere],
        )

    assert exc.value.message_dict == {
        "agenda_items": ["Afbuddet kan kun gælde punkter på dette mødes dagsorden."]
    }
    assert saved_rows() == (0, 0)


def test_no_absence_to_a_cancelled_meeting(world: ClusterWorld) -> None:
    cancelled = meeting_create(
        body=world.political, date=datetime.date(2024, 3, 5), status=MeetingStatus.CANCELLED
    )

    with pytest.raises(ValidationError) as exc:
        absence_record(meeting=cancelled, membership=world.mayor_membership)

    assert exc.value.message_dict == {"meeting": ["Mødet er aflyst, så der meldes ikke afbud til det."]}
    assert saved_rows() == (0, 0)
