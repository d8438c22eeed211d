"""GET /api/v1/search: the search page's results as JSON, for the caller's eyes only."""

import pytest
from django.test import Client

from klynge.accounts.models import Role
from klynge.meetings.models import AgendaItemKind, DecisionKind
from klynge.meetings.services import agenda_item_create, decision_create
from tests.api.conftest import TokenClient, token_for
from tests.factories import ClusterWorld


@pytest.mark.usefixtures("demo_loaded")
@pytest.mark.django_db
def test_inflected_danish_words_find_the_seeds_facts() -> None:
    client = Client()
    found = client.get("/api/v1/search?q=prøvehandlinger").json()
    assert found["count"] >= 1 and found["counts"]["trial_action"] >= 1
    assert any("<mark>" in hit["snippet_html"] or "<mark>" in hit["title_html"] for hit in found["items"])
    only = client.get("/api/v1/search?q=abstinensbehandlingen&kind=initiative").json()
    assert {hit["kind"] for hit in only["items"]} == {"initiative"}
    assert any("abstinensbehandling" in hit["title"] for hit in only["items"])


def test_a_closed_item_is_found_only_by_those_who_may_see_it(world: ClusterWorld) -> None:
    item = agenda_item_create(
        meeting=world.meeting, title="Hemmeligt budgetpunkt", kind=AgendaItemKind.DECISION, is_public=False
    )
    decision_create(agenda_item=item, kind=DecisionKind.COORDINATION, text="Budgettet fordeles hemmeligt")
    editor = TokenClient(token_for(email="sek@test.dk", role=Role.EDITOR, party=world.municipality))
    assert Client().get("/api/v1/search?q=budgetpunktet").json()["count"] == 0
    assert Client().get("/api/v1/search?q=hemmeligt").json()["count"] == 0
    assert editor.get("/api/v1/search?q=hemmeligt").json()["count"] == 2


@pytest.mark.parametrize("query", ["q=" + "a" * 201, "q=x&kind=planet", "q=x&limit=0", "q=x&offset=-1", ""])
def test_bad_queries_are_422(world: ClusterWorld, query: str) -> None:
    response = Client().get(f"/api/v1/search?{query}")
    assert response.status_code == 422 and response.json()["code"] == "invalid"


def test_an_empty_query_finds_nothing(world: ClusterWorld) -> None:
    assert Client().get("/api/v1/search?q=").json() == {
        "query": "",
        "count": 0,
        "count_more": False,
        "counts": {},
        "counts_more": False,
        "limit": 20,
        "offset": 0,
        "items": [],
    }
