"""Proposals for the agenda: a party's editor proposes an item to a coming meeting before the deadline;
the secretariat accepts it onto the agenda (with its attachments) or rejects it with a reason; the
proposer may withdraw it first. Nobody else sees it."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from klynge.attachments.models import Attachment
from klynge.meetings.models import AgendaItem, AgendaItemProposal, ProposalStatus
from klynge.search.selectors import search
from tests.attachments.files import pdf_bytes
from tests.clients import administrator, editor_of, member_as
from tests.factories import ClusterWorld
from tests.meetings.proposal_world import ProposalWorld, coming_meeting

PROPOSAL = {
    "title": "Fælles indsats for borgere med KOL",
    "kind": "decision",
    "case_description": "Klyngen har drøftet en fælles indsats for borgere med KOL.",
    "recommendation": "Det indstilles, at klyngen godkender indsatsen.",
    "is_public": "on",
}


@pytest.fixture
def coming(world: ClusterWorld) -> ProposalWorld:
    return coming_meeting(world)


def propose(client: Client, coming: ProposalWorld, **data: str) -> AgendaItemProposal:
    response = client.post(f"/moeder/{coming.meeting.pk}/forslag/ny/", {**PROPOSAL, **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    return AgendaItemProposal.objects.latest("pk")


def test_an_editor_proposes_and_the_secretariat_accepts_with_attachments(
    world: ClusterWorld, coming: ProposalWorld
) -> None:
    proposer = editor_of(world.general_practice)
    page = proposer.get(coming.meeting.get_absolute_url()).content.decode()
    assert "Foreslå et punkt" in page
    proposal = propose(proposer, coming)
    assert (proposal.party, proposal.status) == (world.general_practice, ProposalStatus.PROPOSED)
    assert proposal.history.count() == 1  # type: ignore[attr-defined]
    upload = proposer.post(
        f"/forslag/{proposal.pk}/bilag/ny/",
        {"file": _file("notat.pdf", pdf_bytes("Notat om KOL-indsatsen")), "title": "Notat"},
    )
    assert upload.status_code == 302
    secretariat = editor_of(world.municipality)
    listing = secretariat.get(f"/moeder/{coming.meeting.pk}/forslag/").content.decode()
    assert PROPOSAL["title"] in listing and "PLO Test" in listing
    response = secretariat.post(f"/forslag/{proposal.pk}/afgoer/", {"beslutning": "optag"})
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=coming.meeting)
    assert (item.title, item.case_description, item.recommendation, item.position) == (
        PROPOSAL["title"],
        PROPOSAL["case_description"],
        PROPOSAL["recommendation"],
        1,
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.agenda_item) == (ProposalStatus.ACCEPTED, item)
    attachment = Attachment.objects.get()
    assert (attachment.agenda_item, attachment.proposal) == (item, None)
    # Now an item of the meeting: on its page for everyone, with its texts under Danish headings.
    public = Client().get(coming.meeting.get_absolute_url()).content.decode()
    assert public.index("Sagsfremstilling") < public.index("Indstilling")
    assert "Notat" in public and f"/bilag/{attachment.pk}/" in public


def test_the_secretariat_rejects_with_a_reason_only(world: ClusterWorld, coming: ProposalWorld) -> None:
    proposal = propose(editor_of(world.general_practice), coming)
    secretariat = editor_of(world.municipality)
    refused = secretariat.post(f"/forslag/{proposal.pk}/afgoer/", {"beslutning": "afvis"})
    assert refused.status_code == 422
    assert "Skriv en begrundelse for afvisningen." in refused.content.decode()
    response = secretariat.post(
        f"/forslag/{proposal.pk}/afgoer/",
        {"beslutning": "afvis", "reason": "Punktet behandles i det faglige organ."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Afvist" in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reason) == (
        ProposalStatus.REJECTED,
        "Punktet behandles i det faglige organ.",
    )
    assert not AgendaItem.objects.filter(meeting=coming.meeting).exists()


def test_the_proposer_withdraws_before_decision(world: ClusterWorld, coming: ProposalWorld) -> None:
    proposer = editor_of(world.general_practice)
    proposal = propose(proposer, coming)
    other = editor_of(world.region)
    assert other.post(f"/forslag/{proposal.pk}/traek-tilbage/").status_code == 404
    assert proposer.post(f"/forslag/{proposal.pk}/traek-tilbage/").status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    secretariat = editor_of(world.municipality)
    assert secretariat.post(f"/forslag/{proposal.pk}/afgoer/", {"beslutning": "optag"}).status_code == 422


def test_only_the_secretariat_decides(world: ClusterWorld, coming: ProposalWorld) -> None:
    proposer = editor_of(world.general_practice)
    proposal = propose(proposer, coming)
    assert proposer.post(f"/forslag/{proposal.pk}/afgoer/", {"beslutning": "optag"}).status_code == 403
    assert AgendaItemProposal.objects.get(pk=proposal.pk).status == ProposalStatus.PROPOSED


def test_after_the_deadline_a_proposal_is_refused_in_danish(
    world: ClusterWorld, coming: ProposalWorld
) -> None:
    coming.meeting.submission_deadline = timezone.now() - datetime.timedelta(hours=1)
    coming.meeting.save()
    proposer = editor_of(world.general_practice)
    response = proposer.post(f"/moeder/{coming.meeting.pk}/forslag/ny/", PROPOSAL)
    assert response.status_code == 422
    assert "Fristen for at foreslå punkter til mødet er overskredet" in response.content.decode()
    assert not AgendaItemProposal.objects.exists()
    # The secretariat may still add items to the agenda.
    added = editor_of(world.municipality).post(
        f"/moeder/{coming.meeting.pk}/punkter/ny/",
        {"title": "Sent punkt", "kind": "orientation", "is_public": "on"},
    )
    assert added.status_code == 302


@pytest.mark.search_indexing
def test_proposals_are_never_shown_to_the_public_or_other_parties(
    world: ClusterWorld, coming: ProposalWorld
) -> None:
    proposal = propose(editor_of(world.general_practice), coming, title="Hemmeligt forslag om KOL")
    for client in (Client(), editor_of(world.region), member_as(world.mayor)):
        assert client.get(f"/forslag/{proposal.pk}/").status_code in (302, 404)
        page = client.get(coming.meeting.get_absolute_url()).content.decode()
        assert "Hemmeligt forslag" not in page and "afventer" not in page
        listing = client.get(f"/moeder/{coming.meeting.pk}/forslag/")
        assert listing.status_code in (302, 403) or "Hemmeligt forslag" not in listing.content.decode()
    assert search(user=None, query="Hemmeligt forslag").total == 0
    assert administrator().get(f"/forslag/{proposal.pk}/").status_code == 200


def _file(name: str, content: bytes) -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_the_proposal_list_costs_the_same_for_more_proposals(
    world: ClusterWorld, coming: ProposalWorld
) -> None:
    from klynge.meetings.services import proposal_create
    from tests.site.querycount import queries_for

    def add(n: int) -> None:
        for i in range(n):
            proposal_create(
                meeting=coming.meeting,
                party=world.general_practice,
                proposed_by=None,
                title=f"Forslag {i}",
                kind="orientation",  # type: ignore[arg-type]
            )

    add(1)
    secretariat = editor_of(world.municipality)
    url = f"/moeder/{coming.meeting.pk}/forslag/"
    before = (queries_for(secretariat, url), queries_for(secretariat, coming.meeting.get_absolute_url()))
    add(10)
    assert (
        queries_for(secretariat, url),
        queries_for(secretariat, coming.meeting.get_absolute_url()),
    ) == before
