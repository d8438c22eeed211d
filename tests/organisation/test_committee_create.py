"""committee_create: committee codes are unique; names need only be unique within a party; a refused
committee leaves no topic links behind."""

import pytest
from django.core.exceptions import ValidationError

from klynge.organisation.models import Committee, PartyKind
from klynge.organisation.services import committee_create, party_create
from tests.factories import ClusterWorld


def saved_rows() -> tuple[int, int]:
    return Committee.objects.count(), Committee.topics.through.objects.count()


def test_a_committee_is_accepted_with_its_topics(world: ClusterWorld) -> None:
    committee = committee_create(
        party=world.municipality,
        name="Børne- og Ungdomsudvalget",
        code="buu",
        topics=[world.prevention_topic],
    )

    assert committee.code == "BUU"
    assert list(committee.topics.all()) == [world.prevention_topic]


def test_a_code_already_in_use_is_refused_and_leaves_no_links(world: ClusterWorld) -> None:
    committee_create(party=world.municipality, name="Sundheds- og Omsorgsudvalget", code="SOU")
    before = saved_rows()

    with pytest.raises(ValidationError) as exc:
        committee_create(
            party=world.municipality,
            name="Socialudvalget",
            code="sou",
            topics=[world.prevention_topic, world.hospitals_topic],
        )

    assert list(exc.value.message_dict) == ["code"]
    assert saved_rows() == before


def test_the_same_name_in_another_municipality_is_accepted(world: ClusterWorld) -> None:
    other = party_create(name="Frederiksberg Kommune", kind=PartyKind.MUNICIPALITY, region=world.region)
    committee_create(party=world.municipality, name="Børne- og Ungdomsudvalget", code="BUU")

    committee_create(party=other, name="Børne- og Ungdomsudvalget", code="FBUU")

    assert Committee.objects.filter(name="Børne- og Ungdomsudvalget").count() == 2
