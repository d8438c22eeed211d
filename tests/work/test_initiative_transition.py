"""initiative_transition: an initiative moves along its lifecycle only by allowed steps; completed and
stopped are final; approval goes only through initiative_approve."""

import pytest
from django.core.exceptions import ValidationError

from klynge.work.models import Initiative, InitiativeStatus
from klynge.work.services import initiative_create, initiative_transition
from tests.factories import ClusterWorld

S = InitiativeStatus


def walk(initiative: Initiative, *path: InitiativeStatus) -> Initiative:
    for status in path:
        initiative = initiative_transition(initiative=initiative, status=status)
    return initiative


def stored_status(initiative: Initiative) -> str:
    return Initiative.objects.get(pk=initiative.pk).status


@pytest.mark.parametrize(
    "path",
    [
        (S.RUNNING,),
        (S.STOPPED,),
        (S.RUNNING, S.EVALUATED),
        (S.RUNNING, S.COMPLETED),
        (S.RUNNING, S.STOPPED),
        (S.RUNNING, S.EVALUATED, S.RUNNING, S.EVALUATED, S.COMPLETED),
        (S.RUNNING, S.EVALUATED, S.STOPPED),
    ],
)
def test_allowed_steps_from_approved_are_accepted(
    world: ClusterWorld, path: tuple[InitiativeStatus, ...]
) -> None:
    initiative = walk(world.initiative, *path)

    assert initiative.status == path[-1]
    assert stored_status(world.initiative) == path[-1]


def test_a_proposed_initiative_may_be_stopped(world: ClusterWorld) -> None:
    proposed = initiative_create(name="Forslag", collaboration=world.cluster)

    assert initiative_transition(initiative=proposed, status=S.STOPPED).status == S.STOPPED


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ((), S.COMPLETED, "En indsats kan ikke gå fra »Godkendt« til »Afsluttet«."),
        ((), S.EVALUATED, "En indsats kan ikke gå fra »Godkendt« til »Evalueret«."),
        ((), S.PROPOSED, "En indsats kan ikke gå fra »Godkendt« til »Foreslået«."),
        ((S.RUNNING,), S.PROPOSED, "En indsats kan ikke gå fra »I gang« til »Foreslået«."),
        ((S.RUNNING,), S.RUNNING, "En indsats kan ikke gå fra »I gang« til »I gang«."),
    ],
)
def test_disallowed_steps_are_refused_naming_both_statuses(
    world: ClusterWorld, path: tuple[InitiativeStatus, ...], status: InitiativeStatus, message: str
) -> None:
    initiative = walk(world.initiative, *path)
    was = initiative.status

    with pytest.raises(ValidationError) as exc:
        initiative_transition(initiative=initiative, status=status)

    assert exc.value.message_dict == {"status": [message]}
    assert stored_status(initiative) == was


def test_a_proposed_initiative_cannot_start_running(world: ClusterWorld) -> None:
    proposed = initiative_create(name="Forslag", collaboration=world.cluster)

    with pytest.raises(ValidationError) as exc:
        initiative_transition(initiative=proposed, status=S.RUNNING)

    assert exc.value.message_dict == {"status": ["En indsats kan ikke gå fra »Foreslået« til »I gang«."]}
    assert stored_status(proposed) == S.PROPOSED


@pytest.mark.parametrize(
    ("path", "label"), [((S.RUNNING, S.COMPLETED), "Afsluttet"), ((S.STOPPED,), "Stoppet")]
)
@pytest.mark.parametrize("status", [S.PROPOSED, S.RUNNING, S.EVALUATED, S.COMPLETED, S.STOPPED])
def test_completed_and_stopped_are_final(
    world: ClusterWorld, path: tuple[InitiativeStatus, ...], label: str, status: InitiativeStatus
) -> None:
    initiative = walk(world.initiative, *path)

    with pytest.raises(ValidationError) as exc:
        initiative_transition(initiative=initiative, status=status)

    assert exc.value.message_dict == {
        "status": [f"En indsats kan ikke gå fra »{label}« til »{status.label}«."]
    }
    assert stored_status(initiative) == path[-1]


APPROVAL_MESSAGE = "En indsats godkendes ved en beslutning i et politisk organ."


def test_a_proposed_initiative_is_not_approved_by_a_transition(world: ClusterWorld) -> None:
    proposed = initiative_create(name="Forslag", collaboration=world.cluster)

    with pytest.raises(ValidationError) as exc:
        initiative_transition(initiative=proposed, status=S.APPROVED)

    assert exc.value.message_dict == {"status": [APPROVAL_MESSAGE]}
    assert stored_status(proposed) == S.PROPOSED


@pytest.mark.parametrize("path", [(), (S.RUNNING,), (S.RUNNING, S.EVALUATED), (S.STOPPED,)])
def test_no_transition_leads_back_to_approved(
    world: ClusterWorld, path: tuple[InitiativeStatus, ...]
) -> None:
    initiative = walk(world.initiative, *path)
    was = initiative.status

    with pytest.raises(ValidationError) as exc:
        initiative_transition(initiative=initiative, status=S.APPROVED)

    assert exc.value.message_dict == {"status": [APPROVAL_MESSAGE]}
    assert stored_status(initiative) == was
