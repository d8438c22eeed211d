"""initiative_set_progress: progress is a percentage from 0 to 100, or unknown."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from klynge.work.models import Initiative
from klynge.work.services import initiative_set_progress
from tests.factories import ClusterWorld


def stored_progress(initiative: Initiative) -> int | None:
    return Initiative.objects.get(pk=initiative.pk).progress


@pytest.mark.parametrize("progress", [0, 55, 100, None])
def test_a_percentage_or_unknown_is_accepted(world: ClusterWorld, progress: int | None) -> None:
    initiative_set_progress(initiative=world.initiative, progress=progress)

    assert stored_progress(world.initiative) == progress


def test_above_100_is_refused(world: ClusterWorld) -> None:
    initiative_set_progress(initiative=world.initiative, progress=40)

    with pytest.raises(ValidationError) as exc:
        initiative_set_progress(initiative=world.initiative, progress=101)

    assert exc.value.message_dict == {"progress": ["Fremdriften er en procent mellem 0 og 100."]}
    assert stored_progress(world.initiative) == 40


def test_below_0_is_refused(world: ClusterWorld) -> None:
    initiative_set_progress(initiative=world.initiative, progress=40)

    with pytest.raises(ValidationError) as exc:
        initiative_set_progress(initiative=world.initiative, progress=-1)

    # Django's own Danish message for a positive integer field.
    assert exc.value.message_dict == {"progress": ["Denne værdi skal være større end eller lig 0."]}
    assert stored_progress(world.initiative) == 40


def test_the_database_refuses_progress_above_100_that_skips_clean(world: ClusterWorld) -> None:
    initiative = Initiative.objects.get(pk=world.initiative.pk)
    initiative.progress = 101

    with pytest.raises(IntegrityError), transaction.atomic():
        initiative.save()

    assert stored_progress(world.initiative) is None
