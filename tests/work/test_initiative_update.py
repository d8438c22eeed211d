"""initiative_update: what an initiative is — name, description, focus area, parent, responsible parties,
period — changed in one checked save. It can never become part of itself, stays within its own
collaboration, and a save based on an outdated copy is refused. initiative_create takes the period too."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from klynge.kernel.records import record_version
from klynge.work.models import Initiative, InitiativeStatus
from klynge.work.services import initiative_create, initiative_update
from tests.factories import ClusterWorld, build_cluster


def update(world: ClusterWorld, initiative: Initiative | None = None, **changes: Any) -> Initiative:
    initiative = initiative or world.initiative
    fields: dict[str, Any] = {
        "initiative": initiative,
        "seen_version": record_version(initiative),
        "name": initiative.name,
        "description": "Opsporing af KOL i almen praksis.",
        "focus_area": world.focus_area,
        "parent": None,
        "responsible_parties": [world.municipality, world.general_practice],
        "start": datetime.date(2024, 1, 1),
        "end": datetime.date(2025, 6, 30),
    }
    fields.update(changes)
    return initiative_update(**fields)


def stored(initiative: Initiative) -> Initiative:
    return Initiative.objects.get(pk=initiative.pk)


def test_the_descriptive_fields_change_and_where_it_stands_does_not(world: ClusterWorld) -> None:
    update(world, name="Tidlig opsporing af KOL")

    initiative = stored(world.initiative)
    assert initiative.name == "Tidlig opsporing af KOL"
    assert initiative.slug == world.initiative.slug
    assert (initiative.start, initiative.end) == (datetime.date(2024, 1, 1), datetime.date(2025, 6, 30))
    assert set(initiative.responsible_parties.all()) == {world.municipality, world.general_practice}
    assert (initiative.status, initiative.approved_by) == (InitiativeStatus.APPROVED, world.decision)


def test_it_may_become_part_of_another_initiative(world: ClusterWorld) -> None:
    larger = initiative_create(name="Samlet KOL-indsats", collaboration=world.cluster)

    update(world, parent=larger)

    assert stored(world.initiative).parent == larger


@pytest.mark.parametrize("depth", [1, 2])
def test_it_cannot_become_part_of_its_own_descendant(world: ClusterWorld, depth: int) -> None:
    descendant = world.initiative
    for n in range(depth):
        descendant = initiative_create(name=f"Delindsats {n}", collaboration=world.cluster, parent=descendant)

    with pytest.raises(ValidationError) as exc:
        update(world, parent=descendant, name="Ny titel")

    assert exc.value.message_dict["parent"] == ["En indsats kan ikke være en del af sig selv."]
    assert stored(world.initiative).parent is None
    assert stored(world.initiative).name == "Indsats Test"


def test_it_cannot_become_part_of_itself(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        update(world, parent=world.initiative)

    assert exc.value.message_dict["parent"] == ["En indsats kan ikke være en del af sig selv."]


def test_a_parent_or_focus_area_of_another_collaboration_is_refused(world: ClusterWorld) -> None:
    other = build_cluster("Anden")

    with pytest.raises(ValidationError) as exc:
        update(world, parent=other.initiative, focus_area=other.focus_area)

    assert exc.value.message_dict == {
        "parent": ["En indsats kan kun være en del af en indsats i samme samarbejde."],
        "focus_area": ["Fokusområdet hører ikke til indsatsens samarbejde."],
    }
    assert stored(world.initiative).focus_area == world.focus_area


def test_a_period_ending_before_it_starts_is_refused_and_nothing_changes(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        update(world, start=datetime.date(2025, 1, 1), end=datetime.date(2024, 1, 1), name="Ny titel")

    assert exc.value.message_dict == {"end": ["Slutdatoen ligger før startdatoen."]}
    assert stored(world.initiative).name == "Indsats Test"
    assert not stored(world.initiative).responsible_parties.exists()


def test_a_stale_save_is_refused_and_the_newer_change_is_kept(world: ClusterWorld) -> None:
    seen = record_version(world.initiative)
    update(world, name="Først gemt")

    with pytest.raises(ValidationError) as exc:
        update(world, seen_version=seen, name="Gemt på en gammel kopi")

    assert "mens du redigerede" in exc.value.messages[0]
    assert stored(world.initiative).name == "Først gemt"


def test_a_new_initiative_takes_its_period(world: ClusterWorld) -> None:
    initiative = initiative_create(
        name="Sammenhængende forløb",
        collaboration=world.cluster,
        start=datetime.date(2024, 3, 1),
        end=datetime.date(2026, 2, 28),
    )

    assert (initiative.status, initiative.start) == (InitiativeStatus.PROPOSED, datetime.date(2024, 3, 1))


def test_a_new_initiative_under_a_focus_area_of_another_collaboration_is_refused(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    before = Initiative.objects.count()

    with pytest.raises(ValidationError) as exc:
        initiative_create(name="Skæv indsats", collaboration=world.cluster, focus_area=other.focus_area)

    assert exc.value.message_dict == {"focus_area": ["Fokusområdet hører ikke til indsatsens samarbejde."]}
    assert Initiative.objects.count() == before


def test_ny_is_never_a_slug_as_it_is_the_create_page(world: ClusterWorld) -> None:
    initiative = initiative_create(name="Ny", collaboration=world.cluster)

    assert initiative.slug != "ny"
