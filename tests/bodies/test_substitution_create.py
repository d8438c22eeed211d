"""substitution_create: a substitute is someone else than the member, within the member's period, and a
refused substitution leaves no topic links behind."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.bodies.models import Membership, Substitution
from klynge.bodies.services import membership_create, substitution_create
from klynge.organisation.models import Person
from klynge.organisation.services import person_create
from tests.factories import ClusterWorld

OUTSIDE_MESSAGE = "Stedfortræderperioden skal ligge inden for medlemskabets periode."
PERIOD_MESSAGE = "Slutdatoen ligger før startdatoen."


def saved_rows() -> tuple[int, int]:
    return Substitution.objects.count(), Substitution.topics.through.objects.count()


@pytest.fixture
def substitute(db: None) -> Person:
    return person_create(name="Socialborgmester")


@pytest.fixture
def member_2023(world: ClusterWorld) -> Membership:
    """A membership for 2023 only."""
    return membership_create(
        person=person_create(name="Praktiserende læge"),
        body=world.political,
        party=world.general_practice,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )


def test_within_the_members_period_is_accepted_with_its_topics(
    world: ClusterWorld, substitute: Person, member_2023: Membership
) -> None:
    substitution = substitution_create(
        principal=member_2023,
        substitute=substitute,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
        topics=[world.prevention_topic],
    )

    assert list(substitution.topics.all()) == [world.prevention_topic]


def test_substitute_for_oneself_is_refused(world: ClusterWorld) -> None:
    before = saved_rows()

    with pytest.raises(ValidationError) as exc:
        substitution_create(
            principal=world.mayor_membership,
            substitute=world.mayor,
            start=datetime.date(2023, 1, 1),
            topics=[world.prevention_topic],
        )

    assert exc.value.message_dict == {"substitute": ["En person kan ikke være stedfortræder for sig selv."]}
    assert saved_rows() == before


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (datetime.date(2022, 12, 31), datetime.date(2023, 6, 30), "start"),
        (datetime.date(2023, 1, 1), datetime.date(2024, 1, 1), "end"),
    ],
)
def test_outside_the_members_period_is_refused(
    world: ClusterWorld,
    substitute: Person,
    member_2023: Membership,
    start: datetime.date,
    end: datetime.date,
    field: str,
) -> None:
    before = saved_rows()

    with pytest.raises(ValidationError) as exc:
        substitution_create(
            principal=member_2023,
            substitute=substitute,
            start=start,
            end=end,
            topics=[world.prevention_topic],
        )

    assert exc.value.message_dict == {field: [OUTSIDE_MESSAGE]}
    assert saved_rows() == before


def test_end_before_start_is_refused_and_nothing_is_saved(world: ClusterWorld, substitute: Person) -> None:
    before = saved_rows()

    with pytest.raises(ValidationError) as exc:
        substitution_create(
            principal=world.mayor_membership,
            substitute=substitute,
            start=datetime.date(2023, 6, 1),
            end=datetime.date(2023, 5, 31),
            topics=[world.prevention_topic],
        )

    assert exc.value.messages == [PERIOD_MESSAGE]
    assert saved_rows() == before


def test_end_before_start_is_reported_on_end(world: ClusterWorld, substitute: Person) -> None:
    with pytest.raises(ValidationError) as exc:
        substitution_create(
            principal=world.mayor_membership,
            substitute=substitute,
            start=datetime.date(2023, 6, 1),
            end=datetime.date(2023, 5, 31),
        )

    assert exc.value.message_dict["end"] == [PERIOD_MESSAGE]


def test_an_open_end_for_a_member_who_leaves_is_refused(
    world: ClusterWorld, substitute: Person, member_2023: Membership
) -> None:
    before = saved_rows()

    with pytest.raises(ValidationError) as exc:
        substitution_create(principal=member_2023, substitute=substitute, start=datetime.date(2023, 1, 1))

    assert exc.value.message_dict == {"end": [OUTSIDE_MESSAGE]}
    assert saved_rows() == before
