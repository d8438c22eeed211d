"""Recording a decision with what it does in work — an allocation, approved initiatives — all or nothing
(work's service, which records the decision itself by meetings' service)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from klynge.meetings.models import Decision, DecisionKind
from klynge.work.models import Allocation, InitiativeStatus
from klynge.work.services import AllocationRequest, decision_record, initiative_create
from tests.factories import ClusterWorld, build_cluster


def test_a_decision_with_an_allocation_and_an_approval(world: ClusterWorld) -> None:
    proposed = initiative_create(name="Ny indsats", collaboration=world.cluster, focus_area=world.focus_area)
    decision = decision_record(
        agenda_item=world.agenda_item,
        kind=DecisionKind.JOINT,
        text="Klyngen afsætter midler og godkender indsatsen.",
        topic=world.prevention_topic,
        allocation=AllocationRequest(fund=world.fund, amount=Decimal(600_000), initiative=proposed),
        approves=[proposed],
    )
    proposed.refresh_from_db()
    assert proposed.status == InitiativeStatus.APPROVED and proposed.approved_by == decision
    assert decision.allocations.get().amount == Decimal(600_000)


def test_an_over_allocation_saves_nothing(world: ClusterWorld) -> None:
    decisions, allocations = Decision.objects.count(), Allocation.objects.count()
    with pytest.raises(ValidationError) as error:
        decision_record(
            agenda_item=world.agenda_item,
            kind=DecisionKind.JOINT,
            text="For meget.",
            topic=world.prevention_topic,
            allocation=AllocationRequest(
                fund=world.fund, amount=Decimal(1_500_000), focus_area=world.focus_area
            ),
        )
    assert "overstiger puljens restbeløb på 1.000.000 kr." in error.value.message_dict["amount"][0]
    assert (Decision.objects.count(), Allocation.objects.count()) == (decisions, allocations)


def test_a_fund_of_another_collaboration_is_refused_on_the_fund(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    with pytest.raises(ValidationError) as error:
        decision_record(
            agenda_item=world.agenda_item,
            kind=DecisionKind.JOINT,
            text="Fra den forkerte pulje.",
            topic=world.prevention_topic,
            allocation=AllocationRequest(fund=other.fund, amount=Decimal(1), focus_area=world.focus_area),
        )
    assert "som ejer puljen" in error.value.message_dict["fund"][0]


def test_an_initiative_that_cannot_be_approved_saves_nothing(world: ClusterWorld) -> None:
    decisions = Decision.objects.count()
    with pytest.raises(ValidationError) as error:
        decision_record(
            agenda_item=world.agenda_item,
            kind=DecisionKind.JOINT,
            text="Godkend igen.",
            topic=world.prevention_topic,
            approves=[world.initiative],  # already approved
        )
    assert error.value.message_dict["approves"][0].startswith(world.initiative.name)
    assert Decision.objects.count() == decisions


def test_a_joint_decision_without_a_topic_is_checked_against_the_items_topics(world: ClusterWorld) -> None:
    world.agenda_item.topics.add(world.hospitals_topic)  # the region holds the authority here
    with pytest.raises(ValidationError) as error:
        decision_record(agenda_item=world.agenda_item, kind=DecisionKind.JOINT, text="Uden emne.")
    assert "er ikke myndighed" in error.value.message_dict["kind"][0]
