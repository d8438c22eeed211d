import pytest
from django.test import Client

from klynge.meetings.models import AgendaItemKind
from klynge.meetings.services import agenda_item_create
from klynge.organisation.models import Committee, Person
from klynge.work.services import initiative_create
from tests.clients import editor_of
from tests.factories import ClusterWorld
from tests.site.querycount import assert_fixed_queries

COMMITTEE = "/udvalg/sundhedsudvalget-test/"


def test_person_list(client: Client, world: ClusterWorld) -> None:
    html = client.get("/personer/").content.decode()
    assert "Borgmester Test" in html and "Stedfortræder Test" in html
    assert "Politisk sundhedsklynge Test" in html


def test_person_page_shows_memberships_and_substitutes(client: Client, world: ClusterWorld) -> None:
    html = client.get(f"/personer/{world.mayor.slug}/").content.decode()
    assert "<h1>Borgmester Test</h1>" in html
    assert "Test Kommune" in html
    assert "Politisk sundhedsklynge Test" in html and "Medformand" in html and "fra 1. juli 2022" in html
    assert "Stedfortræder Test" in html and "forebyggelse" in html
    assert "Kilde:" in html


def test_person_page_shows_whom_a_substitute_stands_in_for(client: Client, world: ClusterWorld) -> None:
    deputy = Person.objects.get(name="Stedfortræder Test")
    html = client.get(f"/personer/{deputy.slug}/").content.decode()
    assert "Stedfortræder for" in html
    assert "Borgmester Test" in html and "Politisk sundhedsklynge Test" in html
    assert "Dagsordenen handler om forebyggelse" in html


def test_committee_list(client: Client, world: ClusterWorld) -> None:
    html = client.get("/udvalg/").content.decode()
    assert "Sundhedsudvalget Test" in html and "SUTEST" in html and "Forebyggelse" in html


def test_committee_page_shows_what_shares_its_topics(client: Client, world: ClusterWorld) -> None:
    html = client.get(COMMITTEE).content.decode()
    assert "<h1>Sundhedsudvalget Test</h1>" in html
    assert "Test Kommune" in html
    assert "Forebyggelse Test" in html  # focus area on the topic
    assert "Indsats Test" in html  # initiative under that focus area
    assert "Forebyggelse i Test" in html and "28. november 2023" in html  # agenda item on the topic


def test_party_pages(client: Client, world: ClusterWorld) -> None:
    assert "Test Kommune" in client.get("/parter/").content.decode()
    html = client.get(f"/parter/{world.municipality.slug}/").content.decode()
    assert "<h1>Test Kommune</h1>" in html
    assert "Sundhedsklynge Test" in html and "2 pladser" in html
    assert "Sundhedsudvalget Test" in html and "Borgmester Test" in html
    region = client.get(f"/parter/{world.region.slug}/").content.decode()
    assert "Test Hospital" in region


@pytest.mark.parametrize("url", ["/personer/findes-ikke/", "/udvalg/findes-ikke/", "/parter/findes-ikke/"])
def test_unknown_slug_is_404(client: Client, world: ClusterWorld, url: str) -> None:
    assert client.get(url).status_code == 404


def test_a_fixed_number_of_queries(client: Client, world: ClusterWorld) -> None:
    assert_fixed_queries(
        client,
        {
            "/personer/": 3,
            f"/personer/{world.mayor.slug}/": 6,
            "/udvalg/": 3,
            COMMITTEE: 7,
            "/parter/": 2,
            f"/parter/{world.municipality.slug}/": 12,
            f"/parter/{world.region.slug}/": 12,
        },
        world=world,
    )


def test_a_closed_item_brings_its_initiative_only_to_those_who_may_read_it(world: ClusterWorld) -> None:
    topic = Committee.objects.get(slug="sundhedsudvalget-test").topics.get()
    closed = agenda_item_create(
        meeting=world.meeting,
        title="Lukket punkt om budgettet",
        kind=AgendaItemKind.DECISION,
        is_public=False,
        topics=[topic],
    )
    hidden = initiative_create(name="Indsats kun fra et lukket punkt", collaboration=world.cluster)
    hidden.agenda_items.add(closed)
    editor = editor_of(world.municipality)
    for url in (COMMITTEE, f"{COMMITTEE}indsatser/"):
        assert "Indsats kun fra et lukket punkt" not in Client().get(url).content.decode(), url
        assert "Indsats kun fra et lukket punkt" in editor.get(url).content.decode(), url
