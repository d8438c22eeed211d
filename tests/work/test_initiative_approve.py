"""initiative_approve: an initiative is approved only while proposed, and only by a decision of a
political body of its own collaboration."""

import pytest
from django.core.exceptions import ValidationError

from klynge.meetings.models import AgendaItemKind, Decision, DecisionKind, MeetingStatus
from klynge.meetings.services import agenda_item_create, decision_create, meeting_create
from klynge.work.models import Initiative, InitiativeStatus
from klynge.work.services import initiative_approve, initiative_create, initiative_transition
from tests.factories import HELD_ON, ClusterWorld, build_cluster


@pytest.fixture
def proposed(world: ClusterWorld) -> Initiative:
    return initiative_create(
        name="Den gode overgang", collaboration=world.cluster, focus_area=world.focus_area
    )


@pytest.fixture
def professional_decision(world: ClusterWorld) -> Decision:
    meeting = meeting_create(body=world.professional, date=HELD_ON, status=MeetingStatus.HELD)
    agenda_item = agenda_item_create(meeting=meeting, title="Indstilling", kind=AgendaItemKind.DECISION)
    return decision_create(
        agenda_item=agenda_item,
        kind=DecisionKind.JOINT,
        text="Fagligt niveau indstiller.",
        topic=world.prevention_topic,
    )


def assert_still_proposed(initiative: Initiative) -> None:
    stored = Initiative.objects.get(pk=initiative.pk)
    assert (stored.status, stored.approved_by) == (InitiativeStatus.PROPOSED, None)


def test_a_decision_of_the_political_body_approves(world: ClusterWorld, proposed: Initiative) -> None:
    approved = initiative_approve(initiative=proposed, decision=world.decision)

    stored = Initiative.objects.get(pk=proposed.pk)
    assert (approved.status, stored.status, stored.approved_by) == (
        InitiativeStatus.APPROVED,
        InitiativeStatus.APPROVED,
        world.decision,
    )


def test_a_decision_of_a_professional_body_is_refused(
    proposed: Initiative, professional_decision: Decision
) -> None:
    with pytest.raises(ValidationError) as exc:
        initiative_approve(initiative=proposed, decision=professional_decision)

    assert exc.value.message_dict == {
        "approved_by": ["En indsats kan kun godkendes ved en beslutning i et politisk organ."]
    }
    assert_still_proposed(proposed)


def test_a_decision_of_another_collaboration_is_refused(proposed: Initiative) -> None:
    other = build_cluster("Anden")

    with pytest.raises(ValidationError) as exc:
        initiative_approve(initiative=proposed, decision=other.decision)

    assert exc.value.message_dict == {
        "approved_by": ["Beslutningen er truffet i et andet samarbejde end indsatsens."]
    }
    assert_still_proposed(proposed)


def test_an_approved_initiative_cannot_be_approved_again(world: ClusterWorld) -> None:
    first_decision = world.initiative.approved_by
    again = decision_create(agenda_item=world.agenda_item, kind=DecisionKind.JOINT, text="Igen.")

    with pytest.raises(ValidationError) as exc:
        initiative_approve(initiative=world.initiative, decision=again)

    assert exc.value.message_dict == {"status": ["Kun en foreslået indsats kan godkendes; den er godkendt."]}
    assert Initiative.objects.get(pk=world.initiative.pk).approved_by == first_decision


def test_a_stopped_initiative_cannot_be_approved(world: ClusterWorld, proposed: Initiative) -> None:
    initiative_transition(initiative=proposed, status=InitiativeStatus.STOPPED)

    with pytest.raises(ValidationError) as exc:
        initiative_approve(initiative=proposed, decision=world.decision)

    assert exc.value.message_dict == {"status": ["Kun en foreslået indsats kan godkendes; den er stoppet."]}
    stored = Initiative.objects.get(pk=proposed.pk)
    assert (stored.status, stored.approved_by) == (InitiativeStatus.STOPPED, None)
