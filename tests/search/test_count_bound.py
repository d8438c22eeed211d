"""Counting stops at a bound, as search engines count: exact below it, "more than" above it, never a
closed match counted or shown to those who may not read it, and every page but the last full."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.accounts.models import Role
from klynge.meetings.models import AgendaItemKind
from klynge.meetings.services import agenda_item_create
from klynge.organisation.services import person_create
from klynge.search import selectors
from klynge.search.models import Kind
from klynge.search.selectors import search
from klynge.site.search import views
from klynge.work.models import FocusAreaStatus
from klynge.work.services import focus_area_create
from tests.api.conftest import TokenClient, token_for
from tests.clients import editor_of
from tests.factories import ClusterWorld
from tests.search.conftest import ROLES, SEES_CLOSED, Closed, user_for
from tests.site.querycount import forget_cached_pages


def focus_areas(world: ClusterWorld, word: str, n: int, *, name: str = "Område") -> None:
    for i in range(n):
        focus_area_create(
            name=f"{name} {i}",
            collaborations=[world.cluster],
            status=FocusAreaStatus.DISCUSSED,
            description=word,
        )


def closed_items(closed: Closed, word: str, n: int) -> None:
    """Closed items with the word in their title: they rank above the focus areas (a text match)."""
    for i in range(n):
        agenda_item_create(
            meeting=closed.world.meeting, title=f"{word} {i}", kind=AgendaItemKind.DECISION, is_public=False
        )


def test_counts_are_exact_up_to_the_bound_and_more_than_beyond_it(world: ClusterWorld) -> None:
    focus_areas(world, "Kapacitetsplanlægning", 5)
    exact = search(user=None, query="kapacitetsplanlægningen", bound=5)
    assert (exact.total, exact.more, exact.counts[Kind.FOCUS_AREA], exact.counts_more) == (5, False, 5, False)
    assert not exact.has_next and len(exact.results) == 5
    capped = search(user=None, query="kapacitetsplanlægningen", bound=4, limit=2)
    assert (capped.total, capped.more) == (4, True)  # "more than 4"
    assert capped.counts_more and capped.counts[Kind.FOCUS_AREA] == 4  # a lower bound
    assert capped.has_next and len(capped.results) == 2


def test_pages_beyond_the_bound_are_full_and_in_order(world: ClusterWorld) -> None:
    focus_areas(world, "Kapacitetsplanlægning", 7)
    pages = [
        search(user=None, query="kapacitetsplanlægning", bound=2, limit=2, offset=o) for o in (0, 2, 4, 6)
    ]
    assert [len(p.results) for p in pages] == [2, 2, 2, 1]  # every page but the last is full
    assert [p.more for p in pages] == [True, True, True, False]
    assert pages[-1].total == 7 and not pages[-1].has_next
    titles = [r.title for p in pages for r in p.results]
    assert sorted(titles) == sorted(f"Område {i}" for i in range(7))  # each once
    whole = search(user=None, query="kapacitetsplanlægning", limit=7)
    assert titles == [r.title for r in whole.results]  # the same order as one page of all


@pytest.mark.parametrize("role", ROLES)
def test_a_closed_match_is_never_counted_or_shown_to_those_who_may_not_read_it(
    closed: Closed, role: str
) -> None:
    """The closed items rank best; counting stops at 3. Those who may not read them see the two public
    matches counted exactly, as if the closed ones did not exist; those who may, see more than 3."""
    focus_areas(closed.world, "Beredskabsplan", 2)
    closed_items(closed, "Beredskabsplan", 4)
    user = user_for(role, closed.world, closed.other)
    page = search(user=user, query="beredskabsplanen", bound=3, limit=2)
    if role in SEES_CLOSED:
        assert (page.total, page.more, page.counts[Kind.AGENDA_ITEM], page.counts_more) == (3, True, 3, True)
        assert [r.kind for r in page.results] == [Kind.AGENDA_ITEM] * 2
    else:
        assert (page.total, page.more, page.counts_more) == (2, False, False)
        assert page.counts[Kind.AGENDA_ITEM] == 0 and page.counts[Kind.FOCUS_AREA] == 2
        assert {r.kind for r in page.results} == {Kind.FOCUS_AREA}


def test_a_rare_kind_is_counted_and_found_among_many_better_matches(world: ClusterWorld) -> None:
    """SQLite takes FTS5's best matches first (here 55): when too few of the chosen kind are among
    them, a second query tests every match."""
    word = "Kapacitetsplanlægning"
    focus_areas(world, f"{word} {word} {word}", 60, name=word)  # in the title, and thrice in the text
    for name in ("Anna Andersen", "Bo Berg"):
        person_create(name=name, title="Konsulent i kapacitetsplanlægning")  # in the text only
    with CaptureQueriesContext(connection) as captured:
        page = search(user=None, query="kapacitetsplanlægning", kinds=[Kind.PERSON], bound=3, limit=1)
    assert (page.total, page.more) == (2, False)
    assert page.results[0].kind == Kind.PERSON and page.has_next
    assert page.counts_more and page.counts[Kind.FOCUS_AREA] == 3  # the best 3 of every kind
    second = search(user=None, query="kapacitetsplanlægning", kinds=[Kind.PERSON], bound=3, limit=1, offset=1)
    assert second.results[0].kind == Kind.PERSON and second.results[0].title != page.results[0].title
    if connection.vendor == "sqlite":
        assert sum("WITH best" in q["sql"] for q in captured.captured_queries) == 2


@pytest.fixture
def small_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """Count to 3, two results a page."""
    monkeypatch.setattr(selectors, "COUNT_BOUND", 3)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)


@pytest.mark.usefixtures("small_bound")
def test_the_page_and_the_api_say_more_than(world: ClusterWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    focus_areas(world, "Kapacitetsplanlægning", 5)
    person_create(name="Kapacitetsplanlægning Andersen")
    html = Client().get("/soeg/", {"q": "kapacitetsplanlægning"}).content.decode()
    assert "Mere end 3 resultater for »kapacitetsplanlægning« – side 1 af mere end 2." in html
    assert "Søgningen tæller højst 3 resultater; tallene ved typerne gælder de 3 bedste." in html
    assert re.search(r"Fokusområde \(mindst \d\)", html) and "Næste side" in html
    assert "Prøvehandling (" not in html  # no "mindst 0"
    found = Client().get("/api/v1/search?q=kapacitetsplanlægning&limit=2").json()
    assert (found["count"], found["count_more"], found["counts_more"]) == (3, True, True)
    only = Client().get("/api/v1/search?q=kapacitetsplanlægning&kind=person&limit=2").json()
    assert (only["count"], only["count_more"], only["counts_more"]) == (1, False, True)
    monkeypatch.setattr(selectors, "COUNT_BOUND", 1000)
    forget_cached_pages()  # the same data, the code changed: the public's page of a moment ago is stale
    html = Client().get("/soeg/", {"q": "kapacitetsplanlægning"}).content.decode()
    assert "6 resultater for »kapacitetsplanlægning« – side 1 af 3." in html and "Mere end" not in html
    assert "Fokusområde (5)" in html and "Person (1)" in html and "mindst" not in html
    schema = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]["SearchOut"]["properties"]
    assert "counting stopped at 1,000" in schema["count_more"]["description"]


@pytest.mark.usefixtures("small_bound")
def test_the_bound_holds_for_every_viewer_on_the_page_and_the_api(closed: Closed) -> None:
    closed_items(closed, "Beredskabsplan", 4)
    html = editor_of(closed.world.municipality).get("/soeg/?q=beredskabsplan").content.decode()
    assert "Mere end 3 resultater" in html and html.count("<mark>Beredskabsplan</mark> ") == 2
    html = Client().get("/soeg/?q=beredskabsplan").content.decode()
    assert "Ingen resultater for »beredskabsplan«." in html and "<mark>" not in html
    assert "mindst" not in html and "Dagsordenspunkt (0)" in html
    other = TokenClient(token_for(email="anden@test.dk", role=Role.EDITOR, party=closed.other.municipality))
    assert other.get("/api/v1/search?q=beredskabsplan&limit=2").json() | {"query": ""} == {
        "query": "",
        "count": 0,
        "count_more": False,
        "counts": {kind: 0 for kind in Kind.values},
        "counts_more": False,
        "limit": 2,
        "offset": 0,
        "items": [],
    }


def test_one_viewer_key_one_rule_and_no_other_viewer_gets_it(closed: Closed) -> None:
    """The compiled rule is kept per viewer key: an editor's search first leaves nothing closed for the
    public, another party's editor or a member elsewhere searching after it."""
    closed_items(closed, "Beredskabsplan", 2)
    order = [
        "editor_participating",
        "anonymous",
        "editor_other_party",
        "admin",
        "member_elsewhere",
        "member_in_body",
    ]
    for role in order:
        user = user_for(role, closed.world, closed.other)
        assert search(user=user, query="beredskabsplan").total == (2 if role in SEES_CLOSED else 0), role
