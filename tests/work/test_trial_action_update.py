"""Trial actions added in the app take the next free number under their focus area; trial_action_update
changes name, description and initiative in one checked save."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from klynge.kernel.records import record_version
from klynge.work.models import TrialAction
from klynge.work.services import trial_action_create, trial_action_update
from tests.factories import ClusterWorld

# The world's focus area already has trial action no. 1.


def first(world: ClusterWorld) -> TrialAction:
    return TrialAction.objects.get(focus_area=world.focus_area, position=1)


def update(trial_action: TrialAction, **changes: Any) -> TrialAction:
    fields: dict[str, Any] = {
        "trial_action": trial_action,
        "seen_version": record_version(trial_action),
        "name": trial_action.name,
        "description": trial_action.description,
        "initiative": trial_action.initiative,
    }
    fields.update(changes)
    return trial_action_update(**fields)


def test_without_a_number_it_takes_the_next_free_one(world: ClusterWorld) -> None:
    trial_action_create(focus_area=world.focus_area, position=5, named_in_source=False)

    added = trial_action_create(focus_area=world.focus_area, name="Direkte henvisning")

    assert added.position == 6


def test_the_first_of_a_focus_area_is_number_one(world: ClusterWorld) -> None:
    from klynge.work.models import FocusAreaStatus
    from klynge.work.services import focus_area_create

    new = focus_area_create(
        name="Psykiatri", collaborations=[world.cluster], status=FocusAreaStatus.DISCUSSED
    )

    assert trial_action_create(focus_area=new, name="Fælles visitation").position == 1


def test_name_description_and_initiative_change(world: ClusterWorld) -> None:
    update(
        first(world),
        name="Opsporing i praksis",
        description="Tre praksis deltager.",
        initiative=world.initiative,
    )

    changed = first(world)
    assert (changed.name, changed.description, changed.initiative) == (
        "Opsporing i praksis",
        "Tre praksis deltager.",
        world.initiative,
    )
    assert changed.approved_by == world.decision  # untouched


def test_a_named_trial_action_keeps_a_name(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        update(first(world), name="", description="Uden navn")

    assert exc.value.message_dict == {"name": ["En navngivet prøvehandling skal have et navn."]}
    assert first(world).name == "Prøvehandling Test"
    assert first(world).description == ""


def test_a_stale_save_is_refused_and_the_newer_change_is_kept(world: ClusterWorld) -> None:
    seen_copy = first(world)
    update(first(world), name="Først gemt")

    with pytest.raises(ValidationError) as exc:
        update(seen_copy, seen_version=record_version(seen_copy) - 1, name="Gammel kopi")

    assert "mens du redigerede" in exc.value.messages[0]
    assert first(world).name == "Først gemt"
