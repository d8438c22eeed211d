"""An orientation memo speaks as of its own date: which clusters and councils the party is in then, and
what a meeting planned before that date is known to have done (nothing is assumed)."""

import datetime

import pytest

from klynge.bodies.models import BodyLevel, CollaborationKind
from klynge.bodies.services import body_create, collaboration_create, participation_set
from klynge.meetings.models import AgendaItemKind, DatePrecision, MeetingStatus
from klynge.meetings.services import agenda_item_create, meeting_create
from klynge.memos.models import MemoKind
from klynge.memos.services import memo_draft
from klynge.organisation.models import Committee
from tests.factories import ClusterWorld, build_cluster


@pytest.fixture
def committee(world: ClusterWorld) -> Committee:
    return Committee.objects.get(party=world.municipality)


def orientation(committee: Committee, on: datetime.date) -> str:
    return memo_draft(committee=committee, kind=MemoKind.ORIENTATION, memo_date=on).body


def test_clusters_and_councils_are_counted_on_the_memos_date(
    world: ClusterWorld, committee: Committee
) -> None:
    second = build_cluster("Nabo")
    participation_set(collaboration=second.cluster, party=world.municipality, start=datetime.date(2023, 1, 1))
    council = collaboration_create(
        name="Sundhedsråd Test",
        kind=CollaborationKind.HEALTH_COUNCIL,
        parties=[world.municipality, world.region],
        valid_from=datetime.date(2027, 1, 1),
    )
    body_create(collaboration=council, level=BodyLevel.POLITICAL, name="Sundhedsråd Test")

    assert "Test Kommune er repræsenteret i én sundhedsklynge – Sundhedsklynge Test" in orientation(
        committee, datetime.date(2022, 10, 1)
    )
    assert (
        "Test Kommune er repræsenteret i to sundhedsklynger – Sundhedsklynge Nabo tilknyttet Nabo Hospital og "
        "Sundhedsklynge Test tilknyttet Test Hospital."
    ) in orientation(committee, datetime.date(2023, 6, 1))
    in_2027 = orientation(committee, datetime.date(2027, 2, 1))
    assert "Test Kommune er repræsenteret i ét sundhedsråd – Sundhedsråd Test." in in_2027
    assert "sundhedsklynge" not in in_2027.split("repræsenteret i", 1)[1].split(".", 1)[0]


def test_a_party_in_nothing_on_the_date_is_told_so(committee: Committee) -> None:
    assert "deltager pr. 1. januar 2030 ikke i nogen sundhedsklynge eller noget sundhedsråd" in orientation(
        committee, datetime.date(2030, 1, 1)
    )


@pytest.mark.parametrize(
    ("memo_date", "expected"),
    [
        (
            datetime.date(2023, 4, 1),
            "På møde i Politisk sundhedsklynge Test den 2. maj 2023 skal der være temadrøftelse",
        ),
        (
            datetime.date(2023, 6, 1),
            "På møde i Politisk sundhedsklynge Test den 2. maj 2023 var der planlagt en temadrøftelse om "
            "børn og unge i mistrivsel; det er ikke registreret, om mødet er holdt, og hvad det kom frem til.",
        ),
    ],
)
def test_a_planned_meeting_is_spoken_of_as_of_the_memos_date(
    world: ClusterWorld, committee: Committee, memo_date: datetime.date, expected: str
) -> None:
    meeting = meeting_create(body=world.political, date=datetime.date(2023, 5, 2))
    agenda_item_create(
        meeting=meeting,
        title="Temadrøftelse om børn og unge i mistrivsel",
        kind=AgendaItemKind.THEME_DISCUSSION,
        topics=[world.prevention_topic],
    )
    assert expected in orientation(committee, memo_date)


def test_a_meeting_known_by_its_month_is_past_only_when_the_month_is(
    world: ClusterWorld, committee: Committee
) -> None:
    meeting = meeting_create(
        body=world.political, date=datetime.date(2023, 5, 1), date_precision=DatePrecision.MONTH
    )
    agenda_item_create(
        meeting=meeting,
        title="Temadrøftelse om fødeområdet",
        kind=AgendaItemKind.THEME_DISCUSSION,
        topics=[world.prevention_topic],
    )
    assert "i maj 2023 skal der være temadrøftelse om fødeområdet" in orientation(
        committee, datetime.date(2023, 5, 20)
    )
    assert "i maj 2023 var der planlagt en temadrøftelse om fødeområdet" in orientation(
        committee, datetime.date(2023, 6, 1)
    )
    assert meeting.status == MeetingStatus.PLANNED
