"""A coming meeting of a collaboration with a secretariat, for the tests of proposals for the agenda.

The test cluster's municipality hosts the collaboration (its secretariat); general practice and the
region take part. The meeting lies ahead whatever day the tests run (the collaboration has no end)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from klynge.bodies.models import Body, BodyLevel, Collaboration, CollaborationKind
from klynge.bodies.services import body_create, collaboration_create
from klynge.meetings.models import Meeting
from klynge.meetings.services import meeting_create
from tests.factories import ClusterWorld


@dataclass
class ProposalWorld:
    collaboration: Collaboration
    body: Body
    meeting: Meeting


def coming_meeting(world: ClusterWorld, *, deadline_in_days: int | None = 7) -> ProposalWorld:
    collaboration = collaboration_create(
        name="Sundhedsklynge Forslag",
        kind=CollaborationKind.CLUSTER,
        region=world.region,
        parties=[world.region, world.municipality, world.general_practice],
        host_party=world.municipality,
        valid_from=datetime.date(2022, 7, 1),
        source=world.source,
    )
    body = body_create(
        collaboration=collaboration,
        level=BodyLevel.POLITICAL,
        name="Politisk klynge Forslag",
        source=world.source,
    )
    deadline = (
        None if deadline_in_days is None else timezone.now() + datetime.timedelta(days=deadline_in_days)
    )
    meeting = meeting_create(
        body=body,
        date=timezone.localdate() + datetime.timedelta(days=30),
        submission_deadline=deadline,
        source=world.source,
    )
    return ProposalWorld(collaboration=collaboration, body=body, meeting=meeting)
