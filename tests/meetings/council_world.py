"""A health council of the test world whose political body held a meeting that recommended (indstillede)
to the regional council: the records the recipient's-decision tests start from."""

import datetime
from dataclasses import dataclass

from klynge.bodies.models import BodyLevel, Collaboration, CollaborationKind
from klynge.bodies.services import body_create, collaboration_create
from klynge.meetings.models import AgendaItem, AgendaItemKind, Decision, DecisionKind, MeetingStatus
from klynge.meetings.services import agenda_item_create, decision_create, meeting_create
from tests.factories import ClusterWorld

HELD = datetime.date(2026, 3, 4)
RECOMMENDATION = "Sundhedsrådet indstiller, at regionen driver akutsygeplejen fra 2027."


@dataclass
class Council:
    world: ClusterWorld
    council: Collaboration
    recommendation: Decision  # an indstilling to the region's regional council
    joint: Decision  # a joint decision of the cluster (no recipient, so no response)


def build_council(world: ClusterWorld, *, is_public: bool = True) -> Council:
    """The council, its political body, a held meeting and an item (public or closed) with the indstilling."""
    council = collaboration_create(
        name="Sundhedsråd Test",
        kind=CollaborationKind.HEALTH_COUNCIL,
        region=world.region,
        parties=[world.region, world.municipality],
        source=world.source,
    )
    body = body_create(collaboration=council, level=BodyLevel.POLITICAL, name="Sundhedsråd Test (politisk)")
    meeting = meeting_create(body=body, date=HELD, status=MeetingStatus.HELD)
    item = agenda_item_create(
        meeting=meeting, title="Opgavefordeling fra 2027", kind=AgendaItemKind.DECISION, is_public=is_public
    )
    recommendation = recommend(item)
    return Council(world=world, council=council, recommendation=recommendation, joint=world.decision)


def recommend(item: AgendaItem, text: str = RECOMMENDATION) -> Decision:
    """An indstilling on the item (of a health council's meeting) to the council's regional council."""
    return decision_create(
        agenda_item=item,
        kind=DecisionKind.COUNCIL_RECOMMENDATION,
        text=text,
        recommended_to=item.meeting.body.collaboration.region,
    )
