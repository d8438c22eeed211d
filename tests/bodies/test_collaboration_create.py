"""collaboration_create: a collaboration's period cannot end before it starts, and a refused
collaboration leaves nothing behind, not even its many-to-many links."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.bodies.models import Collaboration, CollaborationKind
from klynge.bodies.services import collaboration_create
from tests.factories import ClusterWorld

PERIOD_MESSAGE = "Slutdatoen ligger før startdatoen."


def saved_rows() -> tuple[int, int, int]:
    return (
        Collaboration.objects.count(),
        Collaboration.parties.through.objects.count(),
        Collaboration.hospitals.through.objects.count(),
    )


def create_reversed(world: ClusterWorld) -> Collaboration:
    return collaboration_create(
        name="Sundhedsklynge Baglæns",
        kind=CollaborationKind.CLUSTER,
        region=world.region,
        parties=[world.region, world.municipality, world.general_practice],
        hospitals=[world.hospital],
        valid_from=datetime.date(2023, 1, 1),
        valid_to=datetime.date(2022, 12, 31),
    )


def test_end_before_start_is_refused_and_nothing_is_saved(world: ClusterWorld) -> None:
    before = saved_rows()

    with pytest.raises(ValidationError) as exc:
        create_reversed(world)

    assert exc.value.messages == [PERIOD_MESSAGE]
    assert saved_rows() == before


def test_end_before_start_is_reported_on_valid_to(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        create_reversed(world)

    assert exc.value.message_dict["valid_to"] == [PERIOD_MESSAGE]


def test_one_day_period_is_accepted(world: ClusterWorld) -> None:
    collaboration = collaboration_create(
        name="Endagsforum",
        kind=CollaborationKind.COORDINATION_FORUM,
        parties=[world.region, world.municipality],
        valid_from=datetime.date(2023, 1, 1),
        valid_to=datetime.date(2023, 1, 1),
    )

    assert set(collaboration.parties.all()) == {world.region, world.municipality}


def test_a_long_name_within_the_name_limit_is_accepted(world: ClusterWorld) -> None:
    name = "Koordinationsforum for Københavns Kommune og Region Hovedstaden om ensartede hospitalstilbud"
    assert 80 < len(name) <= 200  # longer than the slug allows, within the name limit

    collaboration = collaboration_create(name=name, kind=CollaborationKind.COORDINATION_FORUM)

    assert collaboration.name == name
