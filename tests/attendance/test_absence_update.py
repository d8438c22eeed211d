"""absence_update: change who comes instead, the items and the note; a save based on an outdated copy is
refused, and so is a substitute who is not the member's."""

import pytest
from django.core.exceptions import ValidationError

from klynge.attendance.models import Absence
from klynge.attendance.services import absence_record, absence_update
from klynge.kernel.records import record_version
from tests.attendance.conftest import Cast
from tests.factories import ClusterWorld


@pytest.fixture
def absence(world: ClusterWorld, cast: Cast) -> Absence:
    return absence_record(meeting=world.meeting, membership=world.mayor_membership)


def test_the_substitute_items_and_note_change(world: ClusterWorld, cast: Cast, absence: Absence) -> None:
    updated = absence_update(
        absence=absence,
        seen_version=record_version(absence),
        substitute=cast.deputy,
        agenda_items=[world.agenda_item],
        note="Kommer kun til punkt 2.",
    )

    updated.refresh_from_db()
    assert updated.substitute == cast.deputy
    assert list(updated.agenda_items.all()) == [world.agenda_item]
    assert updated.note == "Kommer kun til punkt 2."
    assert updated.history.count() == 2


def test_a_save_based_on_an_outdated_copy_is_refused(
    world: ClusterWorld, cast: Cast, absence: Absence
) -> None:
    seen = record_version(absence)
    absence_update(absence=absence, seen_version=seen, substitute=cast.deputy, agenda_items=[], note="Først")

    with pytest.raises(ValidationError) as exc:
        absence_update(absence=absence, seen_version=seen, substitute=None, agenda_items=[], note="Senere")

    assert "mens du redigerede" in exc.value.messages[0]
    absence.refresh_from_db()
    assert absence.note == "Først" and absence.substitute == cast.deputy


def test_a_substitute_who_is_not_the_members_is_refused(
    world: ClusterWorld, cast: Cast, absence: Absence
) -> None:
    with pytest.raises(ValidationError) as exc:
        absence_update(
            absence=absence,
            seen_version=record_version(absence),
            substitute=cast.doctor_substitute,
            agenda_items=[world.agenda_item],
            note="",
        )

    assert list(exc.value.message_dict) == ["substitute"]
    absence.refresh_from_db()
    assert absence.substitute is None and list(absence.agenda_items.all()) == []
