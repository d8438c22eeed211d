"""The demo shows proposals for a coming meeting's agenda: one accepted onto the agenda, one awaiting the
secretariat, both from Københavns Kommune and plainly the demo's examples; only the party and the
secretariat see them, and the public sees nothing of the unpublished agenda."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from klynge.accounts.models import Role
from klynge.meetings.models import AgendaItemProposal, MeetingStatus, ProposalStatus
from klynge.provenance.models import SourceKind
from tests.clients import logged_in

pytestmark = [pytest.mark.usefixtures("demo_loaded"), pytest.mark.django_db]


def test_a_coming_meeting_has_an_accepted_and_a_pending_proposal() -> None:
    proposals = list(AgendaItemProposal.objects.select_related("meeting__body", "party", "agenda_item"))
    assert {p.status for p in proposals} == {ProposalStatus.ACCEPTED, ProposalStatus.PROPOSED}
    meeting = proposals[0].meeting
    assert all(p.meeting == meeting and p.party.name == "Københavns Kommune" for p in proposals)
    assert meeting.body.name == "Sundhedsråd Hovedstaden (politisk)"
    assert meeting.status == MeetingStatus.PLANNED and meeting.date > timezone.localdate()
    assert meeting.date >= datetime.date(2027, 1, 1)  # the council exists from 2027
    assert meeting.is_open_for_proposals and meeting.agenda_published_at is None
    assert meeting.source is not None and meeting.source.kind == SourceKind.EXAMPLE
    for proposal in proposals:
        assert proposal.case_description.startswith(
            "Arbejdsudkast fra sekretariatet – eksempel i Klynges demo"
        )
    accepted = next(p for p in proposals if p.status == ProposalStatus.ACCEPTED)
    assert accepted.agenda_item is not None and accepted.agenda_item.title == accepted.title
    assert accepted.agenda_item.source == meeting.source


def test_the_secretariat_sees_them_and_the_public_does_not() -> None:
    meeting = AgendaItemProposal.objects.first().meeting  # type: ignore[union-attr]
    pending = AgendaItemProposal.objects.get(status=ProposalStatus.PROPOSED)
    accepted = AgendaItemProposal.objects.get(status=ProposalStatus.ACCEPTED)
    editor = logged_in(email="redaktoer@kk.test", role=Role.EDITOR, party=pending.party)
    listing = editor.get(f"/moeder/{meeting.pk}/forslag/").content.decode()
    assert pending.title in listing and accepted.title in listing and "Foreslået" in listing
    assert "ældre medicinske patient" in editor.get(meeting.get_absolute_url()).content.decode()

    public = Client()
    page = public.get(meeting.get_absolute_url()).content.decode()
    assert pending.title not in page and accepted.title not in page
    assert public.get(f"/forslag/{pending.pk}/").status_code in (302, 404)
