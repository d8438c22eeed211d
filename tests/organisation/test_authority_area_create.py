"""authority_area_create: who holds the authority for a topic (a kind of party, or one party of it)."""

import pytest
from django.core.exceptions import ValidationError

from klynge.organisation.models import AuthorityArea, PartyKind
from klynge.organisation.services import authority_area_create, topic_create
from tests.factories import ClusterWorld


def test_a_kind_of_party_or_one_party_of_that_kind_is_accepted(world: ClusterWorld) -> None:
    topic = topic_create(name="Hjemmesygepleje")

    every = authority_area_create(topic=topic, holder_kind=PartyKind.MUNICIPALITY)
    one = authority_area_create(topic=topic, holder_kind=PartyKind.MUNICIPALITY, party=world.municipality)

    assert every.held_by_any_of([world.municipality, world.region]) == [world.municipality]
    assert one.held_by_any_of([world.municipality, world.region]) == [world.municipality]


def test_a_specific_party_of_another_kind_than_the_holder_kind_is_refused(world: ClusterWorld) -> None:
    topic = topic_create(name="Hjemmesygepleje")
    before = AuthorityArea.objects.count()

    with pytest.raises(ValidationError) as exc:
        authority_area_create(topic=topic, holder_kind=PartyKind.REGION, party=world.municipality)

    assert "party" in exc.value.message_dict
    assert AuthorityArea.objects.count() == before
