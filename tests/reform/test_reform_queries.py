"""The reform pages make the same number of queries however much data there is."""

import datetime

from klynge.bodies.models import BodyLevel, CollaborationKind
from klynge.bodies.services import body_create, collaboration_create
from tests.clients import administrator
from tests.factories import ClusterWorld
from tests.site.querycount import assert_fixed_queries


def test_reform_pages_make_fixed_queries(world: ClusterWorld) -> None:
    council = collaboration_create(
        name="Sundhedsråd Test",
        kind=CollaborationKind.HEALTH_COUNCIL,
        parties=[world.municipality],
        valid_from=datetime.date(2027, 1, 1),
    )
    body_create(collaboration=council, level=BodyLevel.POLITICAL, name="Sundhedsråd Test (politisk)")
    client = administrator()
    assert_fixed_queries(
        client,
        {
            "/reform/": 12,
            f"/reform/{world.cluster.slug}/": 25,
            f"/koordination/{world.municipality.slug}/": 20,
        },
        world=world,
    )
