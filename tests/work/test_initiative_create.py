"""initiative_create: a new initiative is proposed; only one decided before it was recorded may be
created as approved, and then by a political body."""

import pytest
from django.core.exceptions import ValidationError

from klynge.bodies.models import Body
from klynge.work.models import Initiative, InitiativeStatus
from klynge.work.services import initiative_create
from tests.factories import ClusterWorld, build_cluster


def saved_rows() -> tuple[int, int]:
    return Initiative.objects.count(), Initiative.responsible_parties.through.objects.count()


def create(world: ClusterWorld, status: InitiativeStatus, approved_by_body: Body | None) -> Initiative:
    return initiative_create(
        name="Tværsektoriel indsats om overvægt",
        collaboration=world.cluster,
        focus_area=world.focus_area,
        responsible_parties=[world.municipality, world.region],
        status=status,
        approved_by_body=approved_by_body,
    )


def test_a_proposed_initiative_is_accepted_with_its_responsible_parties(world: ClusterWorld) -> None:
    initiative = create(world, InitiativeStatus.PROPOSED, None)

    assert initiative.status == InitiativeStatus.PROPOSED
    assert set(initiative.responsible_parties.all()) == {world.municipality, world.region}


def test_approved_by_a_political_body_is_accepted(world: ClusterWorld) -> None:
    initiative = create(world, InitiativeStatus.APPROVED, world.political)

    assert (initiative.status, initiative.approved_by_body) == (InitiativeStatus.APPROVED, world.political)


@pytest.mark.parametrize("status", [InitiativeStatus.APPROVED, InitiativeStatus.RUNNING])
def test_not_proposed_without_an_approving_body_is_refused(
    world: ClusterWorld, status: InitiativeStatus
) -> None:
    before = saved_rows()

    with pytest.raises(ValidationError) as exc:
        create(world, status, None)

    assert exc.value.message_dict == {
        "status": ["En ny indsats oprettes som foreslået og godkendes ved en beslutning."]
    }
    assert saved_rows() == before


def test_approved_by_a_professional_body_is_refused(world: ClusterWorld) -> None:
    before = saved_rows()

    with pytest.raises(ValidationError) as exc:
        create(world, InitiativeStatus.APPROVED, world.professional)

    assert exc.value.message_dict == {
        "approved_by_body": ["En indsats kan kun godkendes af et politisk organ."]
    }
    assert saved_rows() == before


def test_approved_by_the_political_body_of_another_collaboration_is_refused(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    before = saved_rows()

    with pytest.raises(ValidationError) as exc:
        create(world, InitiativeStatus.APPROVED, other.political)

    assert "approved_by_body" in exc.value.message_dict
    assert saved_rows() == before
