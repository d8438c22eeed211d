"""The decision-support page leads to each tool and to the coordination view of municipalities in
several clusters."""

import pytest
from django.test import Client

from tests.factories import ClusterWorld
from tests.site.querycount import CACHE_VERSION_READ, grow_other_clusters, queries_for


@pytest.mark.usefixtures("demo_loaded")
@pytest.mark.django_db
def test_it_links_every_tool_and_copenhagen_in_two_clusters() -> None:
    html = Client().get("/beslutningsstoette/").content.decode()
    for href in ("/optageomraader/", "/laegedaekning/", "/midlertidige-pladser/", "/reform/"):
        assert f'href="{href}"' in html, href
    assert 'href="/koordination/koebenhavns-kommune/"' in html and "(2 klynger)" in html
    assert "Frederiksberg Kommune</a>" not in html  # in one cluster only


def test_a_fixed_number_of_queries(world: ClusterWorld) -> None:
    client = Client()
    before = queries_for(client, "/beslutningsstoette/")
    grow_other_clusters()
    assert queries_for(client, "/beslutningsstoette/") == before == 1 + CACHE_VERSION_READ
