"""seat_set: a party's seats can never be fewer than the members it has in the body at the same time."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.bodies.models import Seat
from klynge.bodies.services import membership_create, seat_set, seats_version
from klynge.organisation.services import person_create
from tests.factories import ClusterWorld


def seats_of(world: ClusterWorld, party_name: str) -> int | None:
    seat = Seat.objects.filter(body=world.political, party__name=party_name).first()
    return None if seat is None else seat.count


def add_member(
    world: ClusterWorld, name: str, start: datetime.date, end: datetime.date | None = None
) -> None:
    membership_create(
        person=person_create(name=name), body=world.political, party=world.municipality, start=start, end=end
    )


def test_raising_the_count_is_accepted(world: ClusterWorld) -> None:
    seat = seat_set(body=world.political, party=world.municipality, count=3)

    assert seat.count == 3
    assert Seat.objects.filter(body=world.political, party=world.municipality).count() == 1


def test_lowering_to_the_number_of_concurrent_members_is_accepted(world: ClusterWorld) -> None:
    # Only the mayor sits for the municipality.
    seat_set(body=world.political, party=world.municipality, count=1)

    assert seats_of(world, "Test Kommune") == 1


def test_lowering_below_the_concurrent_members_is_refused(world: ClusterWorld) -> None:
    add_member(world, "Næstformand", datetime.date(2023, 1, 1))

    with pytest.raises(ValidationError) as exc:
        seat_set(body=world.political, party=world.municipality, count=1)

    assert exc.value.message_dict == {
        "count": ["Parten har 2 medlemmer på samme tid i organet; antallet kan ikke være lavere."]
    }
    assert seats_of(world, "Test Kommune") == 2


def test_first_seat_row_is_accepted_when_the_members_sat_one_after_the_other(world: ClusterWorld) -> None:
    # Two members in total, but never at once.
    membership_create(
        person=person_create(name="Læge A"),
        body=world.political,
        party=world.general_practice,
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2023, 12, 31),
    )
    membership_create(
        person=person_create(name="Læge B"),
        body=world.political,
        party=world.general_practice,
        start=datetime.date(2024, 1, 1),
    )

    seat_set(body=world.political, party=world.general_practice, count=1)

    assert seats_of(world, "PLO Test") == 1


def test_first_seat_row_below_the_concurrent_members_is_refused(world: ClusterWorld) -> None:
    # General practice has no Seat row, so any number of members was allowed until now.
    for name in ("Læge A", "Læge B"):
        membership_create(
            person=person_create(name=name),
            body=world.political,
            party=world.general_practice,
            start=datetime.date(2023, 1, 1),
        )
    before = Seat.objects.count()

    with pytest.raises(ValidationError) as exc:
        seat_set(body=world.political, party=world.general_practice, count=1)

    assert exc.value.message_dict == {
        "count": ["Parten har 2 medlemmer på samme tid i organet; antallet kan ikke være lavere."]
    }
    assert Seat.objects.count() == before


def test_zero_seats_is_refused_and_nothing_is_saved(world: ClusterWorld) -> None:
    before = Seat.objects.count()

    with pytest.raises(ValidationError):
        seat_set(body=world.political, party=world.general_practice, count=0)

    assert Seat.objects.count() == before


def test_zero_seats_is_reported_clearly_on_count(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        seat_set(body=world.political, party=world.general_practice, count=0)

    assert "count" in exc.value.message_dict
    assert not any("seat_count_positive" in message for message in exc.value.messages)


def test_a_save_based_on_the_seats_as_they_are_is_accepted(world: ClusterWorld) -> None:
    seen = seats_version(body=world.political)

    seat_set(body=world.political, party=world.municipality, count=3, seen_version=seen)

    assert seats_of(world, "Test Kommune") == 3


def test_a_stale_save_is_refused_and_the_other_change_is_kept(world: ClusterWorld) -> None:
    seen = seats_version(body=world.political)
    seat_set(body=world.political, party=world.municipality, count=4)

    with pytest.raises(ValidationError) as exc:
        seat_set(body=world.political, party=world.municipality, count=3, seen_version=seen)

    assert "mens du redigerede" in exc.value.messages[0] and "antal pladser" in exc.value.messages[0]
    assert seats_of(world, "Test Kommune") == 4


def test_another_partys_change_does_not_make_a_save_stale(world: ClusterWorld) -> None:
    seen = seats_version(body=world.political)
    seat_set(body=world.political, party=world.general_practice, count=1)

    seat_set(body=world.political, party=world.municipality, count=3, seen_version=seen)

    assert seats_of(world, "Test Kommune") == 3


def test_a_seat_row_created_meanwhile_makes_a_save_stale(world: ClusterWorld) -> None:
    seen = seats_version(body=world.political)
    seat_set(body=world.political, party=world.general_practice, count=2)

    with pytest.raises(ValidationError) as exc:
        seat_set(body=world.political, party=world.general_practice, count=1, seen_version=seen)

    assert "mens du redigerede" in exc.value.messages[0]
    assert seats_of(world, "PLO Test") == 2
