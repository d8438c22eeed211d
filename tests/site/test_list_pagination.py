"""Every list page and every API list is paginated, and costs the same number of queries with ten times
the data (issue 14).

The data are built once for the module: the test world plus a few records of the kinds the factories do
not make (sources, final memos, GP coverage datasets, counts of temporary places). The queries of every
list are counted for an anonymous viewer and an editor; then ten more clusters and ten times the extra
records are added (factories and bulk_create) and the lists are counted again. Paging is checked on the
grown data with a small page size, so no list needs hundreds of rows.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoDbBlocker

from klynge.gpcoverage.models import GpCoverageDataset
from klynge.memos.models import Memo, MemoKind, MemoStatus
from klynge.organisation.models import Committee, Party, PartyKind, Person
from klynge.provenance.models import Source, SourceKind
from klynge.site import pagination
from klynge.site.organisation import views as organisation_views
from klynge.site.work import views as work_views
from klynge.temporaryplaces.models import PlaceCount
from tests.clients import editor_of
from tests.databases import records_for_module
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import forget_cached_pages, grow_other_clusters

COMMITTEE = "/udvalg/sundhedsudvalget-test/"
PAGES = [
    "/samarbejder/",
    "/personer/",
    "/udvalg/",
    "/parter/",
    "/kilder/",
    "/notater/",
    "/fokusomraader/",
    "/puljer/",
    "/moeder/",
    "/moeder/?aar=2023",
    "/indsatser/",
    "/laegedaekning/",
    "/midlertidige-pladser/",
    "/soeg/?q=forebyggelse",
    "/naersundhedsplaner/",
    # A committee's lists in full: its memos, and what shares a topic with it (the world's committee is on
    # the topic every grown cluster uses, so these grow with the clusters).
    f"{COMMITTEE}notater/",
    f"{COMMITTEE}fokusomraader/",
    f"{COMMITTEE}indsatser/",
    f"{COMMITTEE}moeder/",
]

API_LISTS = [
    "/api/v1/collaborations",
    "/api/v1/bodies",
    "/api/v1/memberships",
    "/api/v1/substitutions",
    "/api/v1/hospitals",
    "/api/v1/areas",
    "/api/v1/catchment/rules",
    "/api/v1/gp-coverage/datasets",
    "/api/v1/meetings",
    "/api/v1/agenda-items",
    "/api/v1/decisions",
    "/api/v1/memos",
    "/api/v1/parties",
    "/api/v1/people",
    "/api/v1/committees",
    "/api/v1/topics",
    "/api/v1/sources",
    "/api/v1/temporary-places/counts",
    "/api/v1/focus-areas",
    "/api/v1/initiatives",
    "/api/v1/trial-actions",
    "/api/v1/follow-up-research",
    "/api/v1/funds",
    "/api/v1/allocations",
]
# Lists the test data do not fill beyond one page (fixed or derived sets): counted, not paged.
API_FEW = {"/api/v1/topics", "/api/v1/follow-up-research"}
API_COUNTED_ONLY = ["/api/v1/authority-areas", "/api/v1/health-councils/successors"]
# Overviews of a bounded set (one row per followed collaboration, counted in the database; the newest few
# of each of a committee's lists, linked to the list in full): counted only.
PAGES_COUNTED_ONLY = ["/foelg/", COMMITTEE]


def _extra_records(world: ClusterWorld, count: int, tag: str) -> None:
    """`count` more sources, final memos, GP coverage datasets and counts of temporary places."""
    Source.objects.bulk_create(
        Source(key=f"kilde-{tag}-{n}", kind=SourceKind.PUBLIC, title=f"Kilde {tag} {n}") for n in range(count)
    )
    committee = Committee.objects.filter(party=world.municipality).first()
    assert committee is not None
    Memo.objects.bulk_create(
        Memo(
            committee=committee,
            kind=MemoKind.STATUS,
            status=MemoStatus.FINAL,
            title=f"Statusnotat {tag} {n}",
            memo_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
            body="Tekst.",
            finalised_at=datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC),
        )
        for n in range(count)
    )
    GpCoverageDataset.objects.bulk_create(
        GpCoverageDataset(name=f"Lægedækning {tag} {n}", slug=f"laegedaekning-{tag}-{n}")
        for n in range(count)
    )
    PlaceCount.objects.bulk_create(
        PlaceCount(name=f"Opgørelse {tag} {n}", slug=f"opgoerelse-{tag}-{n}", region=world.region)
        for n in range(count)
    )


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm up, so one-off lookups do not count
    forget_cached_pages()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context.captured_queries)


@dataclass
class Counted:
    world: ClusterWorld
    before: dict[tuple[str, str], int]
    after: dict[tuple[str, str], int]
    editor: Client


@pytest.fixture(scope="module")
def counted(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Counted]:
    with records_for_module(django_db_blocker):
        world = build_cluster("Test")
        _extra_records(world, 3, "a")
        clients = {"anonymous": Client(), "editor": editor_of(world.municipality)}
        urls = PAGES + PAGES_COUNTED_ONLY + API_LISTS + API_COUNTED_ONLY

        def count() -> dict[tuple[str, str], int]:
            return {(who, url): _queries(client, url) for who, client in clients.items() for url in urls}

        before = count()
        grow_other_clusters(10)
        _extra_records(world, 30, "b")
        yield Counted(world=world, before=before, after=count(), editor=clients["editor"])


@pytest.fixture
def grown(counted: Counted, db: None) -> Counted:
    return counted


@pytest.mark.parametrize("url", PAGES + PAGES_COUNTED_ONLY + API_LISTS + API_COUNTED_ONLY)
def test_a_list_costs_the_same_queries_with_ten_times_the_data(grown: Counted, url: str) -> None:
    for who in ("anonymous", "editor"):
        assert grown.after[who, url] == grown.before[who, url], (who, url)
        assert grown.before[who, url] <= 16, (who, url, grown.before[who, url])


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(pagination, "PAGE_SIZE", 2)
    monkeypatch.setattr(work_views, "INITIATIVES_PER_PAGE", 2)
    return 2


# Search pages by its own form (tests/search); no health plans are built here (tests/healthplans).
@pytest.mark.parametrize("url", [u for u in PAGES if not u.startswith(("/soeg/", "/naersundhedsplaner/"))])
def test_a_list_page_shows_one_page_at_a_time(grown: Counted, small_pages: int, url: str) -> None:
    client = Client()
    joiner = "&" if "?" in url else "?"
    first = client.get(url)
    assert first.status_code == 200
    html = first.content.decode()
    shown = re.search(r"Viser 1–2 af ([\d.]+)\.", html)
    assert shown is not None, url
    total = int(shown.group(1).replace(".", ""))
    assert total > 2
    assert 'rel="next"' in html and 'rel="prev"' not in html
    second = client.get(f"{url}{joiner}side=2")
    assert second.status_code == 200
    assert f"Viser 3–{min(4, total)} af {shown.group(1)}." in second.content.decode()
    assert 'rel="prev"' in second.content.decode()
    last = -(-total // 2)
    for side in ("0", str(last + 1), "abc", "-1"):
        beyond = client.get(f"{url}{joiner}side={side}")
        if url.startswith("/moeder/") and side in ("0", "abc", "-1"):
            assert beyond.status_code == 400, (url, side)  # the meeting filter's own validation
            continue
        assert beyond.status_code == 404, (url, side)
        text = beyond.content.decode()
        assert f"den har {last} sider" in text, (url, side)
        assert f'href="{url}"' in text.replace("&amp;", "&"), (url, side)


def test_page_links_keep_the_filter(grown: Counted, small_pages: int) -> None:
    html = Client().get("/moeder/?aar=2023").content.decode()
    assert 'href="?aar=2023&amp;side=2"' in html


def test_a_page_holds_fifty_rows(grown: Counted) -> None:
    Person.objects.bulk_create(
        Person(name=f"Person {n:03d}", slug=f"person-{n:03d}", party=grown.world.municipality)
        for n in range(60)
    )
    html = Client().get("/personer/").content.decode()
    assert pagination.PAGE_SIZE == 50
    assert len(re.findall(r'<a href="/personer/[^"]+/">', html)) == 50
    assert "Viser 1–50 af" in html and "Side 1 af 2" in html


@pytest.mark.parametrize("url", [u for u in API_LISTS if u not in API_FEW])
def test_an_api_list_is_paged_with_limit_and_offset(grown: Counted, url: str) -> None:
    client = Client()
    first = client.get(url, {"limit": 2}).json()
    assert first["limit"] == 2 and first["offset"] == 0 and len(first["items"]) == 2, url
    assert first["count"] > 2, url
    second = client.get(url, {"limit": 2, "offset": 2}).json()
    assert second["items"] and second["items"][0] != first["items"][0], url
    assert client.get(url).json()["limit"] == 50
    beyond = client.get(url, {"offset": first["count"]})
    assert beyond.status_code == 200 and beyond.json()["items"] == []
    for bad in ({"limit": 0}, {"limit": 101}, {"offset": -1}, {"offset": 10**7}, {"limit": "x"}):
        assert client.get(url, bad).status_code == 422, (url, bad)


def test_the_parties_list_is_regrouped_per_page(grown: Counted, small_pages: int) -> None:
    # Ordered by kind, so a kind's heading on one page is followed by its parties on that page.
    assert Party.objects.filter(kind=PartyKind.MUNICIPALITY).count() > 2
    html = Client().get("/parter/?side=2").content.decode()
    assert "<h2>" in html


def test_the_committee_page_shows_the_newest_of_each_list_and_links_to_the_rest(
    grown: Counted, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(organisation_views, "COMMITTEE_PREVIEW", 2)
    for who, client in (("anonymous", Client()), ("editor", grown.editor)):
        html = client.get(COMMITTEE).content.decode()
        for heading, part, link in (
            ("Notater til udvalget", "notater", "Se alle notater til udvalget"),
            ("Relevante fokusområder", "fokusomraader", "Se alle relevante fokusområder"),
            ("Relevante indsatser", "indsatser", "Se alle relevante indsatser"),
            ("Relevante møder", "moeder", "Se alle relevante dagsordenspunkter"),
        ):
            section = html.split(f"<h2>{heading}</h2>")[1].split("<h2>")[0].split("<section")[0]
            assert section.split("</ul>")[0].count("<li>") == 2, (who, heading)
            assert f'<a href="{COMMITTEE}{part}/">{link}</a>' in section, (who, heading)
            full = client.get(f"{COMMITTEE}{part}/").content.decode()
            assert f"<h1>{heading}</h1>" in full and f'href="{COMMITTEE}"' in full, (who, part)
            first = section.split("<li>")[1].split("</li>")[0]
            assert first in full, (who, part)  # the newest first, on the committee page and the full list


def test_a_short_committee_list_has_no_link_to_the_rest(
    grown: Counted, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(organisation_views, "COMMITTEE_PREVIEW", 1000)
    html = Client().get(COMMITTEE).content.decode()
    assert "Se alle" not in html
    for part in ("notater", "fokusomraader", "indsatser", "moeder"):
        assert f'href="{COMMITTEE}{part}/"' not in html
        assert Client().get(f"/udvalg/findes-ikke/{part}/").status_code == 404
