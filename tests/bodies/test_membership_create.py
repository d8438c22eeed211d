"""membership_create: a party never has more members at once than it has seats, and a membership lies
within its own dates, the body's period and the collaboration's period."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.bodies.models import Body, BodyLevel, Membership
from klynge.bodies.services import body_create, membership_create, seat_set
from klynge.organisation.models import Person
from klynge.organisation.services import person_create
from tests.factories import ClusterWorld

# The world's municipality holds 2 seats on the political level; the mayor has one since 1 July 2022.
FULL_MESSAGE = "Test Kommune har 2 pladser i Politisk sundhedsklynge Test, og de er besat i perioden."
OUTSIDE_BODY_MESSAGE = "Medlemskabet skal ligge inden for organets periode."


def person(name: str) -> Person:
    return person_create(name=name)


def test_second_concurrent_member_of_a_two_seat_party_is_accepted(world: ClusterWorld) -> None:
    membership = membership_create(
        person=person("Næstformand"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2022, 7, 1),
    )

    assert membership.pk is not None


def test_third_concurrent_member_of_a_two_seat_party_is_refused(world: ClusterWorld) -> None:
    membership_create(
        person=person("Næstformand"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2022, 7, 1),
    )
    before = Membership.objects.count()

    with pytest.raises(ValidationError) as exc:
        membership_create(
            person=person("Tredje"),
            body=world.political,
            party=world.municipality,
            start=datetime.date(2024, 1, 1),
        )

    assert exc.value.message_dict == {"party": [FULL_MESSAGE]}
    assert Membership.objects.count() == before


def test_one_seat_message_is_singular(world: ClusterWorld) -> None:
    seat_set(body=world.political, party=world.general_practice, count=1)
    membership_create(
        person=person("Læge A"),
        body=world.political,
        party=world.general_practice,
        start=datetime.date(2023, 1, 1),
    )

    with pytest.raises(ValidationError) as exc:
        membership_create(
            person=person("Læge B"),
            body=world.political,
            party=world.general_practice,
            start=datetime.date(2023, 1, 1),
        )

    assert exc.value.message_dict == {
        "party": ["PLO Test har 1 plads i Politisk sundhedsklynge Test, og de er besat i perioden."]
    }


def test_successive_members_that_do_not_overlap_are_accepted(world: ClusterWorld) -> None:
    membership_create(
        person=person("Første næstformand"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2023, 12, 31),
    )
    membership_create(
        person=person("Anden næstformand"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2024, 1, 1),
    )

    assert Membership.objects.filter(body=world.political, party=world.municipality).count() == 3


def test_successive_members_that_share_one_day_are_refused(world: ClusterWorld) -> None:
    membership_create(
        person=person("Første næstformand"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2023, 12, 31),
    )
    before = Membership.objects.count()

    with pytest.raises(ValidationError) as exc:
        membership_create(
            person=person("Anden næstformand"),
            body=world.political,
            party=world.municipality,
            start=datetime.date(2023, 12, 31),
        )

    assert exc.value.message_dict == {"party": [FULL_MESSAGE]}
    assert Membership.objects.count() == before


def test_a_party_without_a_seat_row_is_not_limited(world: ClusterWorld) -> None:
    for name in ("Læge A", "Læge B", "Læge C"):
        membership_create(
            person=person(name),
            body=world.political,
            party=world.general_practice,
            start=datetime.date(2023, 1, 1),
        )

    assert Membership.objects.filter(body=world.political, party=world.general_practice).count() == 3


def test_end_before_start_is_refused(world: ClusterWorld) -> None:
    before = Membership.objects.count()

    with pytest.raises(ValidationError) as exc:
        membership_create(
            person=person("Baglæns"),
            body=world.political,
            party=world.general_practice,
            start=datetime.date(2023, 1, 1),
            end=datetime.date(2022, 12, 31),
        )

    assert exc.value.message_dict == {"end": ["Slutdatoen ligger før startdatoen."]}
    assert Membership.objects.count() == before


@pytest.fixture
def dated_body(world: ClusterWorld) -> Body:
    return body_create(
        collaboration=world.cluster,
        level=BodyLevel.ADMINISTRATIVE,
        name="Administrativ sundhedsklynge Test",
        valid_from=datetime.date(2023, 1, 1),
        valid_to=datetime.date(2024, 12, 31),
    )


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (datetime.date(2022, 12, 31), None, "start"),
        (datetime.date(2023, 1, 1), datetime.date(2025, 1, 1), "end"),
    ],
)
def test_outside_the_bodys_period_is_refused(
    world: ClusterWorld, dated_body: Body, start: datetime.date, end: datetime.date | None, field: str
) -> None:
    before = Membership.objects.count()

    with pytest.raises(ValidationError) as exc:
        membership_create(
            person=person("Udenfor"), body=dated_body, party=world.municipality, start=start, end=end
        )

    assert exc.value.message_dict == {field: [OUTSIDE_BODY_MESSAGE]}
    assert Membership.objects.count() == before


def test_within_the_bodys_period_is_accepted(world: ClusterWorld, dated_body: Body) -> None:
    membership = membership_create(
        person=person("Indenfor"),
        body=dated_body,
        party=world.municipality,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2024, 12, 31),
    )

    assert membership.body == dated_body


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        # The political body has no dates of its own; the cluster runs 1 July 2022 to 31 December 2026.
        (datetime.date(2022, 6, 30), None, "start"),
        (datetime.date(2023, 1, 1), datetime.date(2027, 1, 1), "end"),
    ],
)
def test_outside_the_collaborations_period_is_refused(
    world: ClusterWorld, start: datetime.date, end: datetime.date | None, field: str
) -> None:
    before = Membership.objects.count()

    with pytest.raises(ValidationError) as exc:
        membership_create(
            person=person("Før klyngen"),
            body=world.political,
            party=world.general_practice,
            start=start,
            end=end,
        )

    assert field in exc.value.message_dict
    assert Membership.objects.count() == before
