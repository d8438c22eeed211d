"""decision_create: a cluster is no authority. A joint decision on a topic where a participating party
holds the authority is refused; the cluster records a recommendation to that party instead. Decisions
come only from held meetings."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from klynge.bodies.models import BodyLevel, Collaboration, CollaborationKind
from klynge.bodies.services import body_create, collaboration_create
from klynge.meetings.models import AgendaItem, AgendaItemKind, Decision, DecisionKind, MeetingStatus
from klynge.meetings.services import agenda_item_create, decision_create, meeting_create
from klynge.organisation.models import Party, PartyKind, Topic
from klynge.organisation.services import authority_area_create, party_create, topic_create
from tests.factories import HELD_ON, ClusterWorld

# In the world, the region holds the authority for »Sygehusbehandling«; nobody for »Forebyggelse«.
REGION_HOLDS_MESSAGE = (
    "Sundhedsklynge Test er ikke myndighed: Region Test har myndighedsansvaret for »Sygehusbehandling«. "
    "Registrér beslutningen som en anbefaling til parten i stedet."
)


def held_item(collaboration: Collaboration, name: str) -> AgendaItem:
    """An agenda item at a held meeting of a new political body of `collaboration`."""
    body = body_create(collaboration=collaboration, level=BodyLevel.POLITICAL, name=name)
    meeting = meeting_create(body=body, date=HELD_ON, status=MeetingStatus.HELD)
    return agenda_item_create(meeting=meeting, title="Beslutningspunkt", kind=AgendaItemKind.DECISION)


def joint(agenda_item: AgendaItem, topic: Topic | None) -> Decision:
    return decision_create(
        agenda_item=agenda_item, kind=DecisionKind.JOINT, text="Klyngen beslutter.", topic=topic
    )


def assert_joint_refused(agenda_item: AgendaItem, topic: Topic, message: str) -> None:
    before = Decision.objects.count()

    with pytest.raises(ValidationError) as exc:
        joint(agenda_item, topic)

    assert exc.value.message_dict == {"kind": [message]}
    assert Decision.objects.count() == before


@pytest.fixture
def other_municipality(world: ClusterWorld) -> Party:
    return party_create(name="Anden Kommune", kind=PartyKind.MUNICIPALITY, region=world.region)


def test_joint_decision_where_a_participating_party_holds_the_authority_is_refused(
    world: ClusterWorld,
) -> None:
    assert_joint_refused(world.agenda_item, world.hospitals_topic, REGION_HOLDS_MESSAGE)


def test_the_same_as_a_recommendation_to_the_authority_is_accepted(world: ClusterWorld) -> None:
    decision = decision_create(
        agenda_item=world.agenda_item,
        kind=DecisionKind.RECOMMENDATION,
        text="Klyngen anbefaler regionen at udvide tilbuddet.",
        topic=world.hospitals_topic,
        recommended_to=world.region,
    )

    assert decision.recommended_to == world.region


def test_a_recommendation_without_recipient_is_refused(world: ClusterWorld) -> None:
    before = Decision.objects.count()

    with pytest.raises(ValidationError) as exc:
        decision_create(
            agenda_item=world.agenda_item,
            kind=DecisionKind.RECOMMENDATION,
            text="Klyngen anbefaler.",
            topic=world.hospitals_topic,
        )

    assert exc.value.message_dict == {"recommended_to": ["En anbefaling skal have en modtager."]}
    assert Decision.objects.count() == before


def test_joint_decision_on_a_topic_nobody_holds_authority_for_is_accepted(world: ClusterWorld) -> None:
    decision = joint(world.agenda_item, world.prevention_topic)

    assert decision.kind == DecisionKind.JOINT


def test_joint_decision_without_a_topic_is_accepted(world: ClusterWorld) -> None:
    assert joint(world.agenda_item, None).topic is None


def test_authority_held_by_a_kind_of_party_that_does_not_participate_does_not_block(
    world: ClusterWorld,
) -> None:
    home_nursing = topic_create(name="Hjemmesygepleje")
    authority_area_create(topic=home_nursing, holder_kind=PartyKind.MUNICIPALITY)
    # A forum of the region and general practice only: no municipality takes part.
    forum = collaboration_create(
        name="Praksisforum Test",
        kind=CollaborationKind.COORDINATION_FORUM,
        parties=[world.region, world.general_practice],
    )

    decision = joint(held_item(forum, "Praksisforum Test, politisk"), home_nursing)

    assert decision.topic == home_nursing
    # In the cluster, where the municipality takes part, the same decision is refused.
    assert_joint_refused(
        world.agenda_item,
        home_nursing,
        "Sundhedsklynge Test er ikke myndighed: Test Kommune har myndighedsansvaret for »Hjemmesygepleje«. "
        "Registrér beslutningen som en anbefaling til parten i stedet.",
    )


def test_authority_of_one_specific_party_does_not_block_when_it_does_not_participate(
    world: ClusterWorld, other_municipality: Party
) -> None:
    dental = topic_create(name="Socialtandpleje")
    authority_area_create(topic=dental, holder_kind=PartyKind.MUNICIPALITY, party=other_municipality)

    assert joint(world.agenda_item, dental).topic == dental


def test_authority_of_one_specific_party_blocks_when_it_participates(
    world: ClusterWorld, other_municipality: Party
) -> None:
    dental = topic_create(name="Socialtandpleje")
    authority_area_create(topic=dental, holder_kind=PartyKind.MUNICIPALITY, party=world.municipality)

    assert_joint_refused(
        world.agenda_item,
        dental,
        "Sundhedsklynge Test er ikke myndighed: Test Kommune har myndighedsansvaret for »Socialtandpleje«. "
        "Registrér beslutningen som en anbefaling til parten i stedet.",
    )


def test_authority_held_by_several_participants_names_them_all(
    world: ClusterWorld, other_municipality: Party
) -> None:
    home_nursing = topic_create(name="Hjemmesygepleje")
    authority_area_create(topic=home_nursing, holder_kind=PartyKind.MUNICIPALITY)
    cluster = collaboration_create(
        name="Sundhedsklynge To Kommuner",
        kind=CollaborationKind.CLUSTER,
        parties=[world.region, world.municipality, other_municipality],
    )

    assert_joint_refused(
        held_item(cluster, "Politisk sundhedsklynge To Kommuner"),
        home_nursing,
        "Sundhedsklynge To Kommuner er ikke myndighed: Anden Kommune, Test Kommune har "
        "myndighedsansvaret for »Hjemmesygepleje«. "
        "Registrér beslutningen som en anbefaling til parterne i stedet.",
    )


@pytest.mark.parametrize("status", [MeetingStatus.PLANNED, MeetingStatus.CANCELLED])
def test_decision_at_a_meeting_that_was_not_held_is_refused(
    world: ClusterWorld, status: MeetingStatus
) -> None:
    meeting = meeting_create(body=world.political, date=datetime.date(2024, 3, 1), status=status)
    agenda_item = agenda_item_create(meeting=meeting, title="Godkendelse", kind=AgendaItemKind.DECISION)
    before = Decision.objects.count()

    with pytest.raises(ValidationError) as exc:
        joint(agenda_item, world.prevention_topic)

    assert exc.value.message_dict == {
        "agenda_item": ["Der kan kun registreres beslutninger fra afholdte møder."]
    }
    assert Decision.objects.count() == before


def test_the_database_refuses_a_recommendation_without_recipient_that_skips_clean(
    world: ClusterWorld,
) -> None:
    before = Decision.objects.count()

    with pytest.raises(IntegrityError), transaction.atomic():
        Decision(
            agenda_item=world.agenda_item, kind=DecisionKind.RECOMMENDATION, text="Uden modtager."
        ).save()

    assert Decision.objects.count() == before


def test_a_joint_decision_needs_a_topic_when_its_item_has_none(world: ClusterWorld) -> None:
    item = agenda_item_create(meeting=world.meeting, title="Uden emne", kind=AgendaItemKind.DECISION)
    with pytest.raises(ValidationError) as error:
        decision_create(agenda_item=item, kind=DecisionKind.JOINT, text="Noget.")
    assert error.value.message_dict["topic"][0].startswith("Angiv emnet for en fælles beslutning")
    assert not item.decisions.exists()


def test_only_a_recommendation_has_a_recipient(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as error:
        decision_create(
            agenda_item=world.agenda_item,
            kind=DecisionKind.COORDINATION,
            text="Koordinering.",
            recommended_to=world.region,
        )
    assert error.value.message_dict["recommended_to"] == ["Kun en anbefaling har en modtager."]
