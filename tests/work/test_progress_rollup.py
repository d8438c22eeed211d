"""The roll-up of initiatives' progress: a parent's progress is the average of its children's, where known."""

import pytest

from klynge.work.selectors import Progress, initiative_family, initiative_progress, rolled_up_progress
from klynge.work.services import initiative_create, initiative_set_progress
from tests.factories import ClusterWorld


def test_a_leaf_keeps_its_own_progress() -> None:
    assert rolled_up_progress({1: (None, 30), 2: (None, None)}) == {
        1: Progress(30, rolled_up=False),
        2: Progress(None, rolled_up=False),
    }


def test_a_parent_is_the_average_of_its_known_children() -> None:
    result = rolled_up_progress({1: (None, 90), 2: (1, 20), 3: (1, 40), 4: (1, None)})
    assert result[1] == Progress(30, rolled_up=True)  # the parent's own 90 and the unknown child are ignored


def test_a_parent_without_known_children_keeps_its_own() -> None:
    assert rolled_up_progress({1: (None, 70), 2: (1, None)})[1] == Progress(70, rolled_up=False)
    assert rolled_up_progress({1: (None, None), 2: (1, None)})[1] == Progress(None, rolled_up=False)


def test_grandchildren_roll_up_through_their_parent() -> None:
    # 1 ← 2 ← (4: 10, 5: 30) ; 1 ← 3: 80  →  2 = 20, 1 = (20 + 80) / 2 = 50
    result = rolled_up_progress({1: (None, None), 2: (1, 99), 3: (1, 80), 4: (2, 10), 5: (2, 30)})
    assert result[2] == Progress(20, rolled_up=True)
    assert result[1] == Progress(50, rolled_up=True)


def test_averages_are_exact_until_rounded_half_up() -> None:
    assert rolled_up_progress({1: (None, None), 2: (1, 40), 3: (1, 61)})[1].value == 51  # 50.5
    # Child 2 is (0 + 1) / 2 = 0.5, shown as 1; the parent is (0.5 + 0) / 2 = 0.25 → 0, not (1 + 0) / 2 → 1.
    nodes = {1: (None, None), 2: (1, None), 3: (1, 0), 4: (2, 0), 5: (2, 1)}
    assert rolled_up_progress(nodes)[2].value == 1
    assert rolled_up_progress(nodes)[1].value == 0


def test_a_parent_outside_the_set_is_ignored_and_a_cycle_does_not_loop() -> None:
    assert rolled_up_progress({2: (1, 25)})[2] == Progress(25)
    result = rolled_up_progress({1: (2, 10), 2: (1, 30)})
    assert set(result) == {1, 2}


@pytest.mark.django_db
def test_progress_from_the_database(world: ClusterWorld) -> None:
    children = [
        initiative_create(name=f"Del {n}", collaboration=world.cluster, parent=world.initiative)
        for n in range(3)
    ]
    initiative_set_progress(initiative=children[0], progress=40)
    initiative_set_progress(initiative=children[1], progress=61)
    progress = initiative_progress()
    assert progress[world.initiative.pk] == Progress(51, rolled_up=True)
    assert progress[children[2].pk] == Progress(None)
    family = initiative_family(initiative=children[0])
    assert [a.name for a in family.ancestors] == ["Indsats Test"]
    assert family.progress == Progress(40)
    parent_family = initiative_family(initiative=world.initiative)
    assert [d.name for d in parent_family.descendants] == ["Del 0", "Del 1", "Del 2"]
