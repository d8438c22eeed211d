"""substitution_update: change a substitute's topics, condition and period within the member's period;
a stale save is refused and nothing is lost."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.bodies.models import Membership, Substitution
from klynge.bodies.services import membership_create, substitution_create, substitution_update
from klynge.kernel.records import record_version
from klynge.organisation.services import person_create
from tests.factories import ClusterWorld

OUTSIDE_MESSAGE = "Stedfortræderperioden skal ligge inden for medlemskabets periode."


@pytest.fixture
def substitution(world: ClusterWorld) -> Substitution:
    """The mayor's deputy, for prevention, since 1 July 2022 with no end."""
    return Substitution.objects.get(principal=world.mayor_membership)


@pytest.fixture
def member_2023(world: ClusterWorld) -> Membership:
    return membership_create(
        person=person_create(name="Praktiserende læge"),
        body=world.political,
        party=world.general_practice,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )


def test_topics_condition_and_end_are_saved(world: ClusterWorld, substitution: Substitution) -> None:
    substitution_update(
        substitution=substitution,
        topics=[world.prevention_topic, world.hospitals_topic],
        condition="hvis det er mere relevant i forhold til dagsordenen",
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2024, 6, 30),
    )

    saved = Substitution.objects.get(pk=substitution.pk)
    assert set(saved.topics.all()) == {world.prevention_topic, world.hospitals_topic}
    assert saved.condition == "hvis det er mere relevant i forhold til dagsordenen"
    assert saved.end == datetime.date(2024, 6, 30)


def test_all_topics_can_be_removed(world: ClusterWorld, substitution: Substitution) -> None:
    substitution_update(
        substitution=substitution, topics=[], condition="", start=substitution.start, end=None
    )

    assert not Substitution.objects.get(pk=substitution.pk).topics.exists()


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (datetime.date(2022, 12, 31), datetime.date(2023, 6, 30), "start"),
        (datetime.date(2023, 1, 1), datetime.date(2024, 1, 1), "end"),
        (datetime.date(2023, 1, 1), None, "end"),  # an open end outlasts a membership that ends
    ],
)
def test_outside_the_members_period_is_refused_and_nothing_is_saved(
    world: ClusterWorld,
    member_2023: Membership,
    start: datetime.date,
    end: datetime.date | None,
    field: str,
) -> None:
    substitution = substitution_create(
        principal=member_2023,
        substitute=person_create(name="Stedfortrædende læge"),
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
        topics=[world.prevention_topic],
    )

    with pytest.raises(ValidationError) as exc:
        substitution_update(
            substitution=substitution,
            topics=[world.hospitals_topic],
            condition="",
            start=start,
            end=end,
        )

    assert exc.value.message_dict == {field: [OUTSIDE_MESSAGE]}
    saved = Substitution.objects.get(pk=substitution.pk)
    assert (saved.start, saved.end) == (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    assert list(saved.topics.all()) == [world.prevention_topic]


def test_a_stale_save_is_refused_and_the_other_change_is_kept(
    world: ClusterWorld, substitution: Substitution
) -> None:
    seen = record_version(substitution)
    substitution_update(
        substitution=substitution,
        topics=[world.prevention_topic],
        condition="kun ved afbud",
        start=substitution.start,
        end=None,
    )

    with pytest.raises(ValidationError) as exc:
        substitution_update(
            substitution=substitution,
            topics=[world.hospitals_topic],
            condition="",
            start=substitution.start,
            end=datetime.date(2024, 6, 30),
            seen_version=seen,
        )

    assert "mens du redigerede" in exc.value.messages[0] and "betingelse" in exc.value.messages[0]
    saved = Substitution.objects.get(pk=substitution.pk)
    assert (saved.condition, saved.end) == ("kun ved afbud", None)
    assert list(saved.topics.all()) == [world.prevention_topic]
