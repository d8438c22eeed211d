import datetime
import re

import pytest
from django.test import Client

from klynge.meetings.services import meeting_create
from tests.factories import ClusterWorld
from tests.site.querycount import assert_fixed_queries, enrich_world

AUTHORITY_RULE = (
    "Sundhedsklyngerne er ikke myndigheder. Myndighedsansvaret ligger hos regionen og kommunerne."
)
NAVIGATION = [
    "Struktur",
    "Klynger",
    "Møder",
    "Fokusområder",
    "Indsatser",
    "Puljer",
    "Nærsundhedsplaner",
    "Følg klyngerne",
    "Beslutningsstøtte",
    "Personer",
    "Udvalg",
    "Kilder",
]


def test_front_page(client: Client, world: ClusterWorld) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="da">' in html
    for label in NAVIGATION:
        assert f"<span>{label}</span>" in html
    assert "Sundhedsklynge Test" in html
    assert "Test Hospital" in html
    assert "Test Kommune" in html
    assert "Region Test" in html
    # The world's meeting lies in the past: a recent meeting, in Danish.
    assert "28. november 2023" in html
    assert f"/moeder/{world.meeting.pk}/" in html
    assert "Klyngen godkendte indsatsen." in html
    assert "Der er ingen kommende møder registreret." in html


def test_front_page_shows_coming_meetings(client: Client, world: ClusterWorld) -> None:
    coming = meeting_create(body=world.political, date=datetime.date(2026, 10, 1), title="Temamøde om ældre")
    html = client.get("/").content.decode()
    assert "Temamøde om ældre" in html
    assert "1. oktober 2026" in html
    assert f"/moeder/{coming.pk}/" in html


def test_structure_page(client: Client, world: ClusterWorld) -> None:
    response = client.get("/struktur/")
    assert response.status_code == 200
    html = response.content.decode()
    assert AUTHORITY_RULE in html
    assert "Region Test" in html
    assert "Sundhedsklynge Test" in html
    assert "Politisk niveau" in html and "Fagligt niveau" in html
    assert "Sygehusbehandling" in html  # the authority area and who holds it
    assert "Sundhedsudvalget Test" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/struktur/",
        "/samarbejder/",
        "/moeder/",
        "/fokusomraader/",
        "/indsatser/",
        "/personer/",
        "/udvalg/",
        "/parter/",
    ],
)
def test_pages_work_on_an_empty_database(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert "ingen" in response.content.decode()


@pytest.mark.django_db
def test_sources_on_an_empty_database_hold_only_the_reference_sources_migrate_adds(client: Client) -> None:
    # The 2027 temporary-places projection cites the law; migrate keeps that source (temporaryplaces/apps.py).
    response = client.get("/kilder/")
    assert response.status_code == 200
    assert "Region Østdanmark" in response.content.decode()


@pytest.mark.django_db
def test_front_and_structure_on_an_empty_database(client: Client) -> None:
    assert "Der er endnu ingen klynger registreret." in client.get("/").content.decode()
    assert AUTHORITY_RULE in client.get("/struktur/").content.decode()


@pytest.mark.django_db
def test_not_found_page_is_danish(client: Client) -> None:
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


def test_front_and_structure_make_a_fixed_number_of_queries(client: Client, world: ClusterWorld) -> None:
    assert_fixed_queries(client, {"/": 8, "/struktur/": 12}, world=world)


def test_every_page_is_reachable_from_the_front_page(client: Client, world: ClusterWorld) -> None:
    """Follow every link from the front page: every page answers 200 (never 404 or 500)."""
    enrich_world(world)
    seen: set[str] = set()
    todo = ["/"]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        if not response["Content-Type"].startswith("text/html"):
            continue  # a download (CSV, XLSX, iCal) or the API: it answered, and has no links to follow
        for link in re.findall(r'href="(/[^"#?]*)', response.content.decode()):
            if not link.startswith(("/static/", "/admin/")) and link not in seen:
                todo.append(link)
    expected = [
        f"/samarbejder/{world.cluster.slug}/",
        f"/organer/{world.political.slug}/",
        f"/organer/{world.professional.slug}/",
        f"/moeder/{world.meeting.pk}/",
        f"/fokusomraader/{world.focus_area.slug}/",
        f"/indsatser/{world.initiative.slug}/",
        f"/personer/{world.mayor.slug}/",
        "/udvalg/sundhedsudvalget-test/",
        f"/parter/{world.municipality.slug}/",
        "/kilder/test/",
    ]
    assert not [url for url in expected if url not in seen]
