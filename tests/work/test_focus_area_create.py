"""focus_area_create: a focus area belongs to at least one collaboration, its period does not end before
it starts, and a refused focus area leaves no links behind."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.bodies.models import Collaboration
from klynge.work.models import FocusArea, FocusAreaStatus
from klynge.work.services import focus_area_create
from tests.factories import ClusterWorld, build_cluster

PERIOD_MESSAGE = "Slutdatoen ligger før startdatoen."


def saved_rows() -> tuple[int, int, int]:
    return (
        FocusArea.objects.count(),
        FocusArea.collaborations.through.objects.count(),
        FocusArea.topics.through.objects.count(),
    )


def create(world: ClusterWorld, collaborations: list[Collaboration], start: datetime.date) -> FocusArea:
    return focus_area_create(
        name="Børn og unge i mistrivsel",
        collaborations=collaborations,
        status=FocusAreaStatus.ADOPTED,
        topics=[world.prevention_topic],
        period_start=start,
        period_end=datetime.date(2023, 12, 31),
    )


def test_without_collaboration_is_refused(world: ClusterWorld) -> None:
    before = saved_rows()

    with pytest.raises(ValidationError) as exc:
        create(world, [], datetime.date(2023, 1, 1))

    assert exc.value.message_dict == {"collaborations": ["Et fokusområde hører til mindst ét samarbejde."]}
    assert saved_rows() == before


def test_end_before_start_is_refused_and_leaves_no_links(world: ClusterWorld) -> None:
    before = saved_rows()

    with pytest.raises(ValidationError) as exc:
        create(world, [world.cluster], datetime.date(2024, 1, 1))

    assert exc.value.messages == [PERIOD_MESSAGE]
    assert saved_rows() == before


def test_end_before_start_is_reported_on_period_end(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        create(world, [world.cluster], datetime.date(2024, 1, 1))

    assert exc.value.message_dict["period_end"] == [PERIOD_MESSAGE]


def test_shared_by_two_collaborations_is_accepted(world: ClusterWorld) -> None:
    other = build_cluster("Syd")

    focus_area = create(world, [world.cluster, other.cluster], datetime.date(2023, 1, 1))

    assert set(focus_area.collaborations.all()) == {world.cluster, other.cluster}
