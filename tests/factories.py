"""Builders for test data, made through the services (so every rule applies to test data too).

`build_cluster` makes one complete, self-contained cluster; call it again with another name to
grow the data (query-count tests build one, count, build ten more, count again).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from klynge.bodies.models import Body, BodyLevel, Collaboration, CollaborationKind, Membership, MembershipRole
from klynge.bodies.services import (
    body_create,
    collaboration_create,
    membership_create,
    seat_set,
    substitution_create,
)
from klynge.catchment.models import Area, AreaKind, Hospital
from klynge.catchment.services import area_create, catchment_rule_create, hospital_create
from klynge.meetings.models import AgendaItem, AgendaItemKind, Decision, DecisionKind, Meeting, MeetingStatus
from klynge.meetings.services import agenda_item_create, decision_create, meeting_create
from klynge.organisation.models import Party, PartyKind, Person, Topic
from klynge.organisation.services import (
    authority_area_create,
    committee_create,
    party_create,
    person_create,
    topic_create,
)
from klynge.provenance.models import Source, SourceKind
from klynge.provenance.services import source_create
from klynge.work.models import FocusArea, FocusAreaStatus, Fund, Initiative
from klynge.work.services import (
    agenda_item_links_set,
    allocation_create,
    focus_area_create,
    fund_create,
    initiative_approve,
    initiative_create,
    trial_action_create,
)

HELD_ON = datetime.date(2023, 11, 28)


def linked_agenda_item(
    *, focus_areas: Iterable[FocusArea] = (), initiatives: Iterable[Initiative] = (), **item: Any
) -> AgendaItem:
    """An agenda item (meetings' service) with the focus areas and initiatives it concerns (work's)."""
    agenda_item = agenda_item_create(**item)
    return agenda_item_links_set(agenda_item=agenda_item, focus_areas=focus_areas, initiatives=initiatives)


@dataclass
class ClusterWorld:
    source: Source
    region: Party
    municipality: Party
    general_practice: Party
    hospitals_topic: Topic  # the region holds the authority here
    prevention_topic: Topic  # nobody holds the authority here
    hospital: Hospital
    area: Area
    cluster: Collaboration
    political: Body
    professional: Body
    mayor: Person
    mayor_membership: Membership
    meeting: Meeting
    agenda_item: AgendaItem
    decision: Decision
    focus_area: FocusArea
    initiative: Initiative
    fund: Fund


def shared_region() -> tuple[Source, Party, Topic, Topic]:
    source = Source.objects.filter(key="test").first() or source_create(
        key="test", kind=SourceKind.EXAMPLE, title="Testdata"
    )
    region = Party.objects.filter(slug="region-test").first() or party_create(
        name="Region Test", kind=PartyKind.REGION, source=source
    )
    hospitals_topic = Topic.objects.filter(slug="sygehusbehandling").first()
    if hospitals_topic is None:
        hospitals_topic = topic_create(name="Sygehusbehandling")
        authority_area_create(topic=hospitals_topic, holder_kind=PartyKind.REGION, source=source)
    prevention_topic = Topic.objects.filter(slug="forebyggelse").first() or topic_create(name="Forebyggelse")
    return source, region, hospitals_topic, prevention_topic


def build_cluster(name: str = "Test") -> ClusterWorld:
    source, region, hospitals_topic, prevention_topic = shared_region()
    municipality = party_create(
        name=f"{name} Kommune", kind=PartyKind.MUNICIPALITY, region=region, source=source
    )
    general_practice = party_create(name=f"PLO {name}", kind=PartyKind.GENERAL_PRACTICE, source=source)
    committee_create(
        party=municipality, name=f"Sundhedsudvalget {name}", code=f"SU{name}"[:20], topics=[prevention_topic]
    )
    hospital = hospital_create(name=f"{name} Hospital", region=region, source=source)
    area = area_create(name=f"{name} Kommune", kind=AreaKind.MUNICIPALITY, party=municipality, source=source)
    catchment_rule_create(area=area, hospital=hospital, valid_from=datetime.date(2022, 7, 1), source=source)
    cluster = collaboration_create(
        name=f"Sundhedsklynge {name}",
        short_name=name,
        kind=CollaborationKind.CLUSTER,
        region=region,
        parties=[region, municipality, general_practice],
        hospitals=[hospital],
        valid_from=datetime.date(2022, 7, 1),
        valid_to=datetime.date(2026, 12, 31),
        source=source,
    )
    political = body_create(
        collaboration=cluster,
        level=BodyLevel.POLITICAL,
        name=f"Politisk sundhedsklynge {name}",
        source=source,
    )
    professional = body_create(
        collaboration=cluster,
        level=BodyLevel.PROFESSIONAL,
        name=f"Faglig sundhedsklynge {name}",
        source=source,
    )
    seat_set(body=political, party=municipality, count=2, source=source)
    mayor = person_create(name=f"Borgmester {name}", party=municipality, source=source)
    deputy = person_create(name=f"Stedfortræder {name}", party=municipality, source=source)
    mayor_membership = membership_create(
        person=mayor,
        body=political,
        party=municipality,
        role=MembershipRole.CO_CHAIR,
        title="borgmester",
        start=datetime.date(2022, 7, 1),
        source=source,
    )
    substitution_create(
        principal=mayor_membership,
        substitute=deputy,
        start=datetime.date(2022, 7, 1),
        topics=[prevention_topic],
    )
    meeting = meeting_create(body=political, date=HELD_ON, status=MeetingStatus.HELD, source=source)
    agenda_item = agenda_item_create(
        meeting=meeting,
        title=f"Forebyggelse i {name}",
        kind=AgendaItemKind.DECISION,
        topics=[prevention_topic],
    )
    decision = decision_create(
        agenda_item=agenda_item,
        kind=DecisionKind.JOINT,
        text="Klyngen godkendte indsatsen.",
        topic=prevention_topic,
    )
    focus_area = focus_area_create(
        name=f"Forebyggelse {name}",
        collaborations=[cluster],
        status=FocusAreaStatus.ADOPTED,
        topics=[prevention_topic],
        decided_at=agenda_item,
        source=source,
    )
    initiative = initiative_create(
        name=f"Indsats {name}", collaboration=cluster, focus_area=focus_area, source=source
    )
    initiative = initiative_approve(initiative=initiative, decision=decision)
    trial_action_create(focus_area=focus_area, position=1, name=f"Prøvehandling {name}", approved_by=decision)
    fund = fund_create(
        body=political, year=2023, name=f"Klyngemidler {name} 2023", amount=3_000_000, source=source
    )
    allocation_create(
        fund=fund, decision=decision, amount=Decimal(2_000_000), focus_area=focus_area, source=source
    )
    return ClusterWorld(
        source=source,
        region=region,
        municipality=municipality,
        general_practice=general_practice,
        hospitals_topic=hospitals_topic,
        prevention_topic=prevention_topic,
        hospital=hospital,
        area=area,
        cluster=cluster,
        political=political,
        professional=professional,
        mayor=mayor,
        mayor_membership=mayor_membership,
        meeting=meeting,
        agenda_item=agenda_item,
        decision=decision,
        focus_area=focus_area,
        initiative=initiative,
        fund=fund,
    )
