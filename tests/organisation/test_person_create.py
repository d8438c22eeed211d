"""person_create: people are not unique by name."""

from klynge.organisation.models import Person
from klynge.organisation.services import person_create
from tests.factories import ClusterWorld


def test_two_people_with_the_same_name_are_accepted(world: ClusterWorld) -> None:
    # The world already has »Borgmester Test«.
    person_create(name="Borgmester Test", party=world.region)

    assert Person.objects.filter(name="Borgmester Test").count() == 2
