"""body_create: a body's period cannot end before it starts and must lie within its collaboration's."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.bodies.models import Body, BodyLevel
from klynge.bodies.services import body_create
from tests.factories import ClusterWorld

OUTSIDE_MESSAGE = "Organets periode skal ligge inden for samarbejdets periode."
PERIOD_MESSAGE = "Slutdatoen ligger før startdatoen."


def create_administrative(
    world: ClusterWorld, valid_from: datetime.date | None, valid_to: datetime.date | None
) -> Body:
    return body_create(
        collaboration=world.cluster,
        level=BodyLevel.ADMINISTRATIVE,
        name="Administrativ sundhedsklynge Test",
        valid_from=valid_from,
        valid_to=valid_to,
    )


def test_within_the_collaborations_period_is_accepted(world: ClusterWorld) -> None:
    # The cluster runs 1 July 2022 to 31 December 2026; the body may span exactly that.
    body = create_administrative(world, datetime.date(2022, 7, 1), datetime.date(2026, 12, 31))

    assert body.collaboration == world.cluster


def test_starting_before_the_collaboration_is_refused(world: ClusterWorld) -> None:
    before = Body.objects.count()

    with pytest.raises(ValidationError) as exc:
        create_administrative(world, datetime.date(2022, 6, 30), None)

    assert exc.value.message_dict == {"valid_from": [OUTSIDE_MESSAGE]}
    assert Body.objects.count() == before


def test_ending_after_the_collaboration_is_refused(world: ClusterWorld) -> None:
    before = Body.objects.count()

    with pytest.raises(ValidationError) as exc:
        create_administrative(world, datetime.date(2023, 1, 1), datetime.date(2027, 1, 1))

    assert exc.value.message_dict == {"valid_to": [OUTSIDE_MESSAGE]}
    assert Body.objects.count() == before


def test_end_before_start_is_refused_and_nothing_is_saved(world: ClusterWorld) -> None:
    before = Body.objects.count()

    with pytest.raises(ValidationError) as exc:
        create_administrative(world, datetime.date(2024, 1, 1), datetime.date(2023, 12, 31))

    assert exc.value.messages == [PERIOD_MESSAGE]
    assert Body.objects.count() == before


def test_end_before_start_is_reported_on_valid_to(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        create_administrative(world, datetime.date(2024, 1, 1), datetime.date(2023, 12, 31))

    assert exc.value.message_dict["valid_to"] == [PERIOD_MESSAGE]
