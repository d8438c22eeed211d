"""A closed item's attachment, and a meeting's own closed attachment: their text is found in search only
by those who may read them, and their files reach nobody else, through any channel."""

import pytest
from django.test import Client

from klynge.attachments.services import attachment_create
from klynge.meetings.models import AgendaItemKind, AgendaItemProposal
from klynge.meetings.services import agenda_item_create, meeting_create
from klynge.search.selectors import search
from tests.attachments.files import docx_bytes, pdf_bytes
from tests.clients import administrator, editor_of, member_as
from tests.factories import ClusterWorld, build_cluster

SECRET_ITEM = "Hemmelighedskræmmeri om budgetreserven"
SECRET_MEETING = "Lukkethedsbilag om huslejeforhandling"
PUBLIC = "Offentlighedsbilag om sundhedsfremme"


@pytest.fixture
def attachments(world: ClusterWorld) -> dict[str, int]:
    closed = agenda_item_create(
        meeting=world.meeting, title="Lukket punkt", kind=AgendaItemKind.DECISION, is_public=False
    )
    on_item = attachment_create(
        meeting=world.meeting, agenda_item=closed, content=pdf_bytes(SECRET_ITEM), original_name="a.pdf"
    )
    on_meeting = attachment_create(
        meeting=world.meeting, content=docx_bytes(SECRET_MEETING), original_name="b.docx", is_public=False
    )
    public = attachment_create(
        meeting=world.meeting, agenda_item=world.agenda_item, content=pdf_bytes(PUBLIC), original_name="c.pdf"
    )
    return {"item": on_item.pk, "meeting": on_meeting.pk, "public": public.pk}


def test_search_finds_closed_attachment_text_only_for_its_readers(
    world: ClusterWorld, attachments: dict[str, int]
) -> None:
    other = build_cluster("Anden")
    readers = [administrator(), editor_of(world.municipality), member_as(world.mayor)]
    outsiders = [Client(), editor_of(other.municipality), member_as(other.mayor)]
    for client in outsiders:
        user = client.get("/").wsgi_request.user
        assert search(user=user, query="budgetreserven").total == 0
        assert search(user=user, query="huslejeforhandling").total == 0
        assert search(user=user, query="sundhedsfremme").total == 1
        page = client.get("/soeg/?q=budgetreserven").content.decode()
        assert "Hemmelighedskræmmeri" not in page and f"/bilag/{attachments['item']}/" not in page
        assert client.get("/api/v1/search?q=huslejeforhandling").json()["count"] == 0
        for pk in (attachments["item"], attachments["meeting"]):
            assert client.get(f"/bilag/{pk}/").status_code == 404
            assert client.get(f"/api/v1/attachments/{pk}/file").status_code == 404
    for client in readers:
        user = client.get("/").wsgi_request.user
        assert search(user=user, query="budgetreserven").total == 1
        assert search(user=user, query="huslejeforhandling").total == 1


def test_a_proposals_attachment_is_never_searched(world: ClusterWorld) -> None:
    import datetime

    planned = meeting_create(body=world.political, date=datetime.date(2026, 6, 1))
    proposal = AgendaItemProposal.objects.create(
        meeting=planned, party=world.municipality, title="Forslag", kind="decision"
    )
    attachment_create(
        meeting=planned, proposal=proposal, content=pdf_bytes("Forslagsbilagstekst"), original_name="f.pdf"
    )
    assert search(user=None, query="Forslagsbilagstekst").total == 0
    assert (
        search(
            user=editor_of(world.municipality).get("/").wsgi_request.user, query="Forslagsbilagstekst"
        ).total
        == 0
    )
