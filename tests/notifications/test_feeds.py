"""RSS and Atom feeds of the subscription scopes: public content only, a bounded number of queries."""

from typing import Any

import pytest
from django.test import Client

from klynge.meetings.models import AgendaItemKind, DecisionKind
from klynge.meetings.services import agenda_item_create, decision_create
from tests.factories import ClusterWorld
from tests.notifications.conftest import CLOSED_TITLE, publish
from tests.site.querycount import CACHE_VERSION_READ


def test_a_body_feed_shows_the_public_only_even_to_an_administrator(
    world: ClusterWorld, closed_item: Any, admin_client: Client
) -> None:
    decision_create(
        agenda_item=closed_item, kind=DecisionKind.COORDINATION, text="Hemmelig aftale med leverandøren."
    )
    publish(world.meeting)
    for client in (Client(), admin_client):
        rss = client.get(f"/feeds/organ/{world.political.slug}.rss")
        assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
        text = rss.content.decode()
        assert "Dagsorden offentliggjort" in text and world.agenda_item.title in text
        assert "Klyngen godkendte indsatsen." in text
        assert CLOSED_TITLE not in text and "Hemmelig" not in text
    atom = Client().get(f"/feeds/samarbejde/{world.cluster.slug}.atom")
    assert atom.status_code == 200 and atom["Content-Type"].startswith("application/atom+xml")
    assert "Indsats Test" in atom.content.decode() and CLOSED_TITLE not in atom.content.decode()
    topic = Client().get(f"/feeds/emne/{world.prevention_topic.slug}.rss").content.decode()
    assert "Klyngen godkendte indsatsen." in topic and CLOSED_TITLE not in topic


@pytest.mark.search_indexing
def test_a_search_feed_finds_nothing_closed(world: ClusterWorld, closed_item: Any) -> None:
    publish(world.meeting)
    assert CLOSED_TITLE not in Client().get("/feeds/soegning.rss?q=leverandør").content.decode()
    assert world.agenda_item.title in Client().get("/feeds/soegning.atom?q=forebyggelse").content.decode()


def test_unknown_scopes_are_404(world: ClusterWorld) -> None:
    for url in (
        "/feeds/organ/findes-ikke.rss",
        "/feeds/andet/x.rss",
        "/feeds/soegning.rss",
        "/feeds/organ.rss",
    ):
        assert Client().get(url).status_code == 404


def test_the_feed_costs_the_same_for_more_items(
    world: ClusterWorld, django_assert_max_num_queries: Any
) -> None:
    publish(world.meeting)
    with django_assert_max_num_queries(12 + CACHE_VERSION_READ):
        Client().get(f"/feeds/organ/{world.political.slug}.rss")
    for n in range(20):
        agenda_item_create(meeting=world.meeting, title=f"Punkt {n}", kind=AgendaItemKind.ORIENTATION)
    publish(world.meeting, changed=True)
    with django_assert_max_num_queries(12 + CACHE_VERSION_READ):
        Client().get(f"/feeds/organ/{world.political.slug}.rss")
