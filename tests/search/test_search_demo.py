"""The demo's facts from the two source memos are found by inflected Danish words, and every result links
to a page that exists."""

import pytest
from django.test import Client

from klynge.search.models import Kind, SearchEntry
from klynge.search.selectors import search
from tests.clients import administrator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]

# (query, kind, a title that must be among the results)
FACTS = [
    (
        "prøvehandlinger",
        Kind.TRIAL_ACTION,
        "Direkte henvisning af sårbare borgere fra almen praksis til kommune",
    ),
    ("prøvehandlingerne", Kind.DECISION, "Fælles beslutning: Træning før eller i stedet for operation"),
    ("overvægten", Kind.INITIATIVE, "Tværsektoriel indsats om overvægt"),
    (
        "abstinensbehandlingen",
        Kind.INITIATIVE,
        "Samarbejde om socialt udsatte borgere med rusmiddelproblematik og behov for abstinensbehandling",
    ),
    ("lægedækningen", Kind.AGENDA_ITEM, "Lægedækningstruede områder for 2024"),
    (
        "fødeområdets",
        Kind.FOCUS_AREA,
        "Fødeområdet – optageområde og sektorovergange mellem hospital og kommune",
    ),
    ("fødeområdet", Kind.AGENDA_ITEM, "Temadrøftelse om fødeområdet"),
    ("botilbudslægerne", Kind.FOCUS_AREA, "Botilbudslæger"),
    ("socialtandplejens", Kind.INITIATIVE, "Samarbejde mellem socialtandplejen og Flexklinikken"),
    ("slidgigten", Kind.FOCUS_AREA, "Træning før eller i stedet for operation"),
    ("sættemøderne", Kind.MEETING, "Sættemøde – Politisk sundhedsklynge Byen"),
    ("mistrivsels", Kind.FOCUS_AREA, "Børn og unge i mistrivsel"),
    (
        "udskrivelserne",
        Kind.DECISION,
        "Fælles beslutning: Samarbejde og koordination i forbindelse med indlæggelser og udskrivelser",
    ),
    (
        "Melissa Holmes",
        Kind.MEMO,
        "Status på sundhedsklynger og det tværsektorielle samarbejde til møde i Sundheds- og Omsorgsudvalget den 14. december 2023",
    ),
    ("Line Ervolder", Kind.PERSON, "Line Ervolder"),
    ("omsorgsborgmesteren Welling", Kind.PERSON, "Sisse Marie Welling"),
]


@pytest.mark.parametrize(("query", "kind", "title"), FACTS)
def test_the_seed_facts_are_found_by_inflected_words(query: str, kind: Kind, title: str) -> None:
    page = search(user=None, query=query, limit=100)
    assert (kind, title) in {(r.kind, r.title) for r in page.results}, [r.title for r in page.results]


def test_the_best_match_comes_first() -> None:
    [first, *_] = search(user=None, query="abstinensbehandlingen").results
    assert first.kind == Kind.INITIATIVE  # in the title; the decision and the memo only in the text
    [first, *_] = search(user=None, query="fødeområdet").results
    assert first.title in (
        "Temadrøftelse om fødeområdet",
        "Fødeområdet – optageområde og sektorovergange mellem hospital og kommune",
    )


def test_every_kind_is_in_the_demo_index() -> None:
    assert set(SearchEntry.objects.values_list("kind", flat=True)) == set(Kind.values)


def test_every_result_links_to_a_page_that_exists() -> None:
    client = administrator()
    urls = {url.split("#")[0] for url in SearchEntry.objects.values_list("url", flat=True)}
    for url in sorted(urls):
        assert client.get(url).status_code == 200, url


def test_the_demo_page_for_a_seed_fact() -> None:
    html = Client().get("/soeg/", {"q": "prøvehandlinger"}).content.decode()
    assert "resultater for »prøvehandlinger«" in html
    assert "seks <mark>prøvehandlinger</mark>" in html
