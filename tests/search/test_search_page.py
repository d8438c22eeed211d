"""The search page /soeg/: results, kind filter, paging, help, refusals, roles, and its query count."""

import re

import pytest
from django.test import Client

from klynge.meetings.models import AgendaItemKind
from klynge.meetings.services import agenda_item_create
from klynge.site.search.views import PAGE_SIZE
from klynge.work.models import FocusAreaStatus
from klynge.work.services import focus_area_create
from tests.clients import administrator, editor_of, member_as
from tests.factories import ClusterWorld
from tests.search.conftest import Closed
from tests.site.querycount import grow_other_clusters, queries_for


def page(client: Client, **params: object) -> str:
    response = client.get("/soeg/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_results_with_kind_title_link_date_and_highlighted_snippet(world: ClusterWorld) -> None:
    html = page(Client(), q="forebyggelsen")
    assert re.search(r"\d+ resultater for »forebyggelsen«", html)
    assert "Dagsordenspunkt" in html and "Fokusområde" in html
    assert f'href="/moeder/{world.meeting.pk}/#dagsordenspunkt-{world.agenda_item.pk}"' in html
    assert "<mark>Forebyggelse</mark> i Test" in html
    assert "28. november 2023" in html


def test_an_empty_query_shows_how_to_search(world: ClusterWorld) -> None:
    html = page(Client())
    assert "Sådan søger du" in html and "resultat" not in html
    assert "Sådan søger du" in page(Client(), q="   ")


def test_a_query_with_no_results_says_so(world: ClusterWorld) -> None:
    assert "Ingen resultater for »lungebetændelse«." in page(Client(), q="lungebetændelse")


def test_a_too_long_query_is_refused_in_danish(world: ClusterWorld) -> None:
    html = page(Client(), q="a" * 201)
    assert "Søgningen er for lang. Skriv højst 200 tegn." in html
    assert "form-error" in html and "resultater for" not in html


@pytest.mark.parametrize(
    "params", [{"type": "bogus", "q": "x"}, {"side": "x", "q": "x"}, {"side": "0", "q": "x"}]
)
def test_bad_parameters_are_refused_in_danish(world: ClusterWorld, params: dict[str, str]) -> None:
    html = page(Client(), **params)
    assert "Der kunne ikke søges" in html


def test_the_kind_filter_keeps_the_query_and_counts_each_kind(world: ClusterWorld) -> None:
    html = page(Client(), q="Test", type=["focus_area", "person"])
    assert 'value="focus_area" id="type-focus_area" checked' in html
    assert 'value="person" id="type-person" checked' in html
    assert 'value="meeting" id="type-meeting">' in html
    assert re.search(r"Indsats \(1\)", html)  # counted though not shown
    shown = set(re.findall(r'<span class="badge badge-info">([^<]+)</span>', html))
    assert shown == {"Fokusområde", "Person"}


def test_pages_of_results(world: ClusterWorld) -> None:
    for n in range(PAGE_SIZE + 3):
        focus_area_create(
            name=f"Tandpleje {n}", collaborations=[world.cluster], status=FocusAreaStatus.DISCUSSED
        )
    first = page(Client(), q="tandplejen", type="focus_area")
    assert f"{PAGE_SIZE + 3} resultater for »tandplejen« – side 1 af 2." in first
    assert first.count("<mark>Tandpleje</mark>") >= PAGE_SIZE
    assert "?q=tandplejen&amp;type=focus_area&amp;side=2" in first and "Forrige side" not in first
    second = page(Client(), q="tandplejen", type="focus_area", side=2)
    assert "side 2 af 2" in second and "Næste side" not in second and "Forrige side" in second
    assert second.count('class="badge badge-info"') == 3
    beyond = page(Client(), q="tandplejen", type="focus_area", side=9)
    assert "Der er ikke så mange resultater" in beyond


def test_the_page_shows_closed_items_only_to_those_who_may_see_them(closed: Closed) -> None:
    world, other = closed.world, closed.other
    seeing = {
        "admin": administrator(),
        "editor": editor_of(world.municipality),
        "member": member_as(world.mayor),
    }
    blind = {
        "public": Client(),
        "other editor": editor_of(other.municipality),
        "other member": member_as(other.mayor),
    }
    for name, client in seeing.items():
        assert "Fortroligt punkt om <mark>budgetter</mark>" in page(client, q="budgetter"), name
    for name, client in blind.items():
        html = page(client, q="budgetter")
        assert "Fortroligt" not in html and "Ingen resultater" in html, name


def test_a_post_is_not_a_search(world: ClusterWorld) -> None:
    assert Client().post("/soeg/", {"q": "x"}).status_code == 405


def test_every_page_has_the_search_box_in_its_header(world: ClusterWorld) -> None:
    html = page(Client())
    assert 'role="search" method="get" action="/soeg/"' in html and 'id="header-search" name="q"' in html
    front = Client().get("/").content.decode()
    assert 'id="header-search"' in front


def test_the_page_makes_the_same_number_of_queries_however_much_is_found(world: ClusterWorld) -> None:
    agenda_item_create(
        meeting=world.meeting, title="Lukket forebyggelse", kind=AgendaItemKind.STATUS, is_public=False
    )
    clients = {"public": Client(), "editor": editor_of(world.municipality), "member": member_as(world.mayor)}
    urls = [
        "/soeg/?q=forebyggelse",
        "/soeg/?q=forebyggelse+or+test&type=focus_area&type=agenda_item",
        "/soeg/",
    ]
    before = {(name, url): queries_for(client, url) for name, client in clients.items() for url in urls}
    grow_other_clusters()  # ten more clusters, each with its own "Forebyggelse X…" records
    assert page(Client(), q="forebyggelse").count("<mark>Forebyggelse</mark>") >= 10
    after = {(name, url): queries_for(client, url) for name, client in clients.items() for url in urls}
    assert after == before
    assert max(before.values()) <= 8, before
