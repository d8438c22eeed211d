"""The 2027 transition carries an initiative tree over to the health councils as a tree within each council:
it copies, never moves, so every successor's parent is of its own council, as the database requires
(tests/work/test_initiative_tree_rule.py), and the cluster's tree stays as it was."""

import datetime

import pytest
from django.db import connection, transaction

from klynge.bodies.models import BodyLevel, Collaboration, CollaborationKind
from klynge.bodies.services import body_create, collaboration_create
from klynge.reform.models import CarryOver
from klynge.reform.selectors import cluster_proposals
from klynge.reform.services import Choice, transition_plan_save, transition_plan_transfer
from klynge.work.models import Initiative
from klynge.work.services import initiative_create
from tests.factories import ClusterWorld


def council(world: ClusterWorld, name: str) -> Collaboration:
    created = collaboration_create(
        name=name,
        kind=CollaborationKind.HEALTH_COUNCIL,
        parties=[world.municipality],
        valid_from=datetime.date(2027, 1, 1),
    )
    body_create(collaboration=created, level=BodyLevel.POLITICAL, name=f"{name} (politisk)")
    return created


@pytest.mark.parametrize("council_count", [1, 2])
def test_a_tree_is_carried_over_as_a_tree_within_each_council(
    world: ClusterWorld, council_count: int
) -> None:
    child = initiative_create(name="Del", collaboration=world.cluster, parent=world.initiative)
    initiative_create(name="Barnebarn", collaboration=world.cluster, parent=child)
    councils = [council(world, f"Sundhedsråd {n}") for n in range(1, council_count + 1)]
    choices = {p.key: Choice(tuple(c.pk for c in councils)) for p in cluster_proposals(world.cluster)}

    with transaction.atomic():
        plan = transition_plan_save(cluster=world.cluster, choices=choices)
        transition_plan_transfer(plan=plan)
        connection.check_constraints()  # as the commit would

    for each in councils:
        carried = {
            c.original_initiative.name: c.successor_initiative  # type: ignore[union-attr]
            for c in CarryOver.objects.filter(council=each, original_initiative__isnull=False)
        }
        assert carried["Barnebarn"].parent == carried["Del"]  # type: ignore[union-attr]
        assert carried["Del"].parent == carried[world.initiative.name]  # type: ignore[union-attr]
        assert {i.collaboration_id for i in carried.values()} == {each.pk}  # type: ignore[union-attr]
    assert Initiative.objects.get(pk=child.pk).collaboration == world.cluster
    assert Initiative.objects.get(name="Barnebarn", collaboration=world.cluster).parent == child
