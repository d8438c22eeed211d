"""Proposals are written alike through the pages and the API: the same input stores the same proposal,
the same refusal comes with the same Danish message."""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from klynge.accounts.models import Role
from klynge.meetings.models import AgendaItem, AgendaItemProposal
from klynge.meetings.services import proposal_create
from tests.factories import ClusterWorld
from tests.meetings.parity import Caller, Write, assert_same, caller
from tests.meetings.proposal_world import ProposalWorld, coming_meeting


@dataclass
class Records:
    world: ClusterWorld
    coming: ProposalWorld
    open_proposal: AgendaItemProposal


@pytest.fixture
def records(world: ClusterWorld) -> Records:
    coming = coming_meeting(world)
    proposal = proposal_create(
        meeting=coming.meeting,
        party=world.general_practice,
        proposed_by=None,
        title="Udskrivning af ældre medicinske patienter",
        kind="decision",  # type: ignore[arg-type]
    )
    return Records(world=world, coming=coming, open_proposal=proposal)


@pytest.fixture
def callers(records: Records) -> dict[str, Caller]:
    world = records.world
    return {
        "proposer": caller("plo@test.dk", Role.EDITOR, party=world.general_practice),
        "secretariat": caller("sek@test.dk", Role.EDITOR, party=world.municipality),
        "region": caller("region@test.dk", Role.EDITOR, party=world.region),
    }


def proposals(r: Records) -> list[tuple[Any, ...]]:
    return list(
        AgendaItemProposal.objects.filter(meeting=r.coming.meeting)
        .order_by("pk")
        .values_list(
            "title", "kind", "case_description", "recommendation", "is_public", "status", "reason", "party"
        )
    )


def proposals_and_agenda(r: Records) -> tuple[Any, ...]:
    items = AgendaItem.objects.filter(meeting=r.coming.meeting).values_list("title", "position", "is_public")
    return (proposals(r), list(items))


VALUES = {
    "title": "Fælles indsats for borgere med KOL",
    "kind": "decision",
    "case_description": "Sagen drejer sig om KOL. ",
    "recommendation": "Det indstilles, at klyngen godkender indsatsen.",
}


def create() -> Write:
    return Write(
        page_url=lambda r: f"/moeder/{r.coming.meeting.pk}/forslag/ny/",
        page_data=lambda r: {**VALUES, "is_public": "on"},
        api_method="post",
        api_path=lambda r: f"/api/v1/meetings/{r.coming.meeting.pk}/proposals",
        api_body=lambda r: {**VALUES, "is_public": True},
        stored=proposals,
    )


def decide(accept: bool, reason: str = "") -> Write:
    return Write(
        page_url=lambda r: f"/forslag/{r.open_proposal.pk}/afgoer/",
        page_data=lambda r: {"beslutning": "optag" if accept else "afvis", "reason": reason},
        api_method="post",
        api_path=lambda r: f"/api/v1/proposals/{r.open_proposal.pk}/decision",
        api_body=lambda r: {"accept": accept, "reason": reason},
        stored=proposals_and_agenda,
    )


def withdraw() -> Write:
    return Write(
        page_url=lambda r: f"/forslag/{r.open_proposal.pk}/traek-tilbage/",
        page_data=lambda r: {},
        api_method="post",
        api_path=lambda r: f"/api/v1/proposals/{r.open_proposal.pk}/withdraw",
        stored=proposals,
    )


@pytest.mark.parametrize(
    ("write", "who", "expected"),
    [
        (create(), "proposer", "saved"),
        (decide(True), "secretariat", "saved"),
        (decide(False, "Behandles i det faglige organ."), "secretariat", "saved"),
        (withdraw(), "proposer", "saved"),
        (decide(True), "proposer", "forbidden"),
        (decide(True), "region", "not found"),
        (withdraw(), "region", "not found"),
    ],
    ids=[
        "create",
        "accept",
        "reject",
        "withdraw",
        "proposer decides",
        "other party decides",
        "other withdraws",
    ],
)
def test_the_same_write_answers_and_stores_the_same(
    write: Write, who: str, expected: str, records: Records, callers: dict[str, Caller]
) -> None:
    assert_same(write, records, callers[who], expected=expected)


def test_a_rejection_without_reason_is_refused_alike(records: Records, callers: dict[str, Caller]) -> None:
    errors = assert_same(decide(False), records, callers["secretariat"], expected="refused")
    assert errors == {"reason": ["Skriv en begrundelse for afvisningen."]}


def test_after_the_deadline_both_refuse_alike(records: Records, callers: dict[str, Caller]) -> None:
    meeting = records.coming.meeting
    meeting.submission_deadline = timezone.now() - datetime.timedelta(minutes=5)
    meeting.save()
    errors = assert_same(create(), records, callers["proposer"], expected="refused")
    assert errors["meeting"][0].startswith("Fristen for at foreslå punkter til mødet er overskredet")
