"""Closed agenda items appear only in memos for a committee of a party that may see them."""

import datetime

from klynge.meetings.models import AgendaItemKind
from klynge.meetings.services import agenda_item_create
from klynge.memos.models import MemoKind
from klynge.memos.services import memo_draft
from klynge.organisation.models import Committee, PartyKind
from klynge.organisation.services import committee_create, party_create
from tests.factories import ClusterWorld, build_cluster


def status_body(committee: Committee) -> str:
    return memo_draft(
        committee=committee,
        kind=MemoKind.STATUS,
        meeting_date=datetime.date(2023, 12, 14),
        memo_date=datetime.date(2023, 12, 11),
    ).body


def test_a_closed_item_reaches_the_participants_committee_only(world: ClusterWorld) -> None:
    agenda_item_create(
        meeting=world.meeting,
        title="Fortroligt budgetforslag",
        kind=AgendaItemKind.DISCUSSION,
        is_public=False,
    )
    other = build_cluster("Anden")
    outsider = party_create(name="Udenfor Kommune", kind=PartyKind.MUNICIPALITY, region=world.region)
    outsider_committee = committee_create(party=outsider, name="Udvalget udenfor", code="UDE")

    assert "Fortroligt budgetforslag" in status_body(Committee.objects.get(party=world.municipality))
    assert "Fortroligt budgetforslag" not in status_body(Committee.objects.get(party=other.municipality))
    assert "Fortroligt budgetforslag" not in status_body(outsider_committee)
