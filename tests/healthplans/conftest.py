from dataclasses import dataclass

import pytest

from klynge.accounts.models import Role
from klynge.bodies.models import Collaboration, CollaborationKind
from klynge.bodies.services import collaboration_create
from klynge.work.models import Initiative
from klynge.work.services import initiative_create
from tests.databases import built_once_per_module
from tests.factories import ClusterWorld, build_cluster
from tests.meetings.parity import Caller, caller


@dataclass
class Councils:
    world: ClusterWorld
    council: Collaboration  # the world's region and municipality take part
    other_council: Collaboration  # another region's municipality: not the world editor's to change
    council_initiative: Initiative
    foreign_initiative: Initiative  # of a cluster outside the council's municipalities


def _councils(world: ClusterWorld) -> Councils:
    other = build_cluster("Anden")
    council = collaboration_create(
        name="Sundhedsråd Test",
        kind=CollaborationKind.HEALTH_COUNCIL,
        region=world.region,
        parties=[world.region, world.municipality],
    )
    other_council = collaboration_create(
        name="Sundhedsråd Anden",
        kind=CollaborationKind.HEALTH_COUNCIL,
        region=world.region,
        parties=[other.municipality],
    )
    return Councils(
        world=world,
        council=council,
        other_council=other_council,
        council_initiative=initiative_create(name="Akutsygepleje i eget hjem", collaboration=council),
        foreign_initiative=other.initiative,
    )


@pytest.fixture
def callers(councils: Councils) -> dict[str, Caller]:
    world = councils.world
    return {
        "editor": caller("sek@test.dk", Role.EDITOR, party=world.municipality),
        "member": caller("medlem@test.dk", Role.MEMBER, person=world.mayor),
    }


module_councils, councils = built_once_per_module("councils", _councils)
