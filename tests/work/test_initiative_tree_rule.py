"""A part of an initiative belongs to its parent's collaboration, and the database holds it too, whatever
writes: a composite foreign key (parent, collaboration) → (id, collaboration), checked at commit as
Django's foreign keys are. The services refuse such a write first, with their clear error; bulk_create,
update() and raw SQL, which skip them, are refused by the database. A valid tree saves, and a whole tree
may move to another collaboration in one transaction."""

from collections.abc import Callable, Iterator

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from klynge.work.models import PARENT_COLLABORATION_MESSAGE, Initiative
from klynge.work.services import initiative_create
from tests.factories import ClusterWorld, build_cluster


def refused_at_commit(write: Callable[[], object]) -> None:
    """`write` is refused when its transaction commits (the deferred check, made now as a commit would)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        write()
        connection.check_constraints()


def saved_at_commit(write: Callable[[], object]) -> None:
    with transaction.atomic():
        write()
        connection.check_constraints()


@pytest.fixture
def other(world: ClusterWorld) -> ClusterWorld:
    return build_cluster("Anden")


def part(world: ClusterWorld, name: str, parent: Initiative) -> Initiative:
    return Initiative(
        name=name, slug=name.lower().replace(" ", "-"), collaboration=world.cluster, parent=parent
    )


def test_the_service_refuses_a_parent_of_another_collaboration_with_its_message(
    world: ClusterWorld, other: ClusterWorld
) -> None:
    with pytest.raises(ValidationError) as exc:
        initiative_create(name="Del", collaboration=world.cluster, parent=other.initiative)

    assert exc.value.message_dict == {"parent": [PARENT_COLLABORATION_MESSAGE]}
    assert not Initiative.objects.filter(name="Del").exists()


def test_the_constraint_reports_it_on_the_parent_when_validated(
    world: ClusterWorld, other: ClusterWorld
) -> None:
    initiative = part(world, "Del", other.initiative)

    with pytest.raises(ValidationError) as exc:
        initiative.validate_constraints()

    assert exc.value.message_dict == {"parent": [PARENT_COLLABORATION_MESSAGE]}
    part(world, "Egen del", world.initiative).validate_constraints()


def test_bulk_create_of_a_part_under_another_collaborations_initiative_is_refused(
    world: ClusterWorld, other: ClusterWorld
) -> None:
    refused_at_commit(lambda: Initiative.objects.bulk_create([part(world, "Del", other.initiative)]))

    assert not Initiative.objects.filter(name="Del").exists()


def test_a_valid_tree_written_in_bulk_is_saved(world: ClusterWorld) -> None:
    def write() -> None:
        (child,) = Initiative.objects.bulk_create([part(world, "Del", world.initiative)])
        Initiative.objects.bulk_create([part(world, "Barnebarn", child)])

    saved_at_commit(write)

    assert Initiative.objects.get(name="Barnebarn").parent.parent == world.initiative  # type: ignore[union-attr]


def test_moving_a_part_alone_to_another_collaboration_is_refused(
    world: ClusterWorld, other: ClusterWorld
) -> None:
    child = initiative_create(name="Del", collaboration=world.cluster, parent=world.initiative)

    refused_at_commit(lambda: Initiative.objects.filter(pk=child.pk).update(collaboration=other.cluster))
    refused_at_commit(lambda: Initiative.objects.filter(pk=child.pk).update(parent=other.initiative))

    assert Initiative.objects.get(pk=child.pk).collaboration == world.cluster


def test_moving_a_parent_without_its_parts_is_refused(world: ClusterWorld, other: ClusterWorld) -> None:
    initiative_create(name="Del", collaboration=world.cluster, parent=world.initiative)

    refused_at_commit(
        lambda: Initiative.objects.filter(pk=world.initiative.pk).update(collaboration=other.cluster)
    )


def test_raw_sql_is_refused_too(world: ClusterWorld, other: ClusterWorld) -> None:
    child = initiative_create(name="Del", collaboration=world.cluster, parent=world.initiative)
    table = connection.ops.quote_name(Initiative._meta.db_table)

    def write() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET parent_id = %s WHERE id = %s", [other.initiative.pk, child.pk]
            )

    refused_at_commit(write)


def test_a_whole_tree_moves_to_another_collaboration_in_one_transaction(
    world: ClusterWorld, other: ClusterWorld
) -> None:
    child = initiative_create(name="Del", collaboration=world.cluster, parent=world.initiative)
    grandchild = initiative_create(name="Barnebarn", collaboration=world.cluster, parent=child)
    tree = [world.initiative.pk, child.pk, grandchild.pk]

    saved_at_commit(lambda: Initiative.objects.filter(pk__in=tree).update(collaboration=other.cluster))

    assert set(Initiative.objects.filter(pk__in=tree).values_list("collaboration", flat=True)) == {
        other.cluster.pk
    }


@pytest.fixture
def committed_worlds(transactional_db: None) -> Iterator[tuple[ClusterWorld, ClusterWorld]]:
    yield build_cluster("Commit"), build_cluster("Anden")


@pytest.mark.django_db(transaction=True)
def test_the_commit_itself_refuses_it(committed_worlds: tuple[ClusterWorld, ClusterWorld]) -> None:
    world, other = committed_worlds

    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.bulk_create([part(world, "Del", other.initiative)])

    assert not Initiative.objects.filter(name="Del").exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_reverses_and_applies_again(
    committed_worlds: tuple[ClusterWorld, ClusterWorld],
) -> None:
    world, other = committed_worlds
    stray = part(world, "Del", other.initiative)

    call_command("migrate", "work", "0003_agenda_item_links", verbosity=0)
    try:
        with transaction.atomic():  # without the rule, the database takes it
            Initiative.objects.bulk_create([stray])
        Initiative.objects.filter(pk=stray.pk).delete()
    finally:
        call_command("migrate", "work", verbosity=0)

    refused_at_commit(lambda: Initiative.objects.bulk_create([part(world, "Del", other.initiative)]))
