"""The search selector on a test cluster: visibility per role, ranking, highlighting, kinds, paging."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klynge.meetings.models import AgendaItemKind, DecisionKind
from klynge.meetings.services import agenda_item_create, decision_create
from klynge.memos.models import MemoKind
from klynge.memos.services import memo_draft, memo_finalise
from klynge.organisation.models import Committee
from klynge.search.models import Kind
from klynge.search.selectors import MAX_QUERY_LENGTH, SearchPage, SearchQueryTooLong, search
from klynge.work.models import FocusAreaStatus
from klynge.work.services import focus_area_create
from tests.factories import ClusterWorld
from tests.search.conftest import ROLES, SEES_CLOSED, WRITES_MEMOS, Closed, user_for

ANONYMOUS = AnonymousUser()


def found(page: SearchPage) -> set[tuple[str, str]]:
    return {(r.kind, r.title) for r in page.results}


@pytest.mark.parametrize("role", ROLES)
def test_closed_items_and_their_decisions_only_for_those_who_may_see_them(closed: Closed, role: str) -> None:
    user = user_for(role, closed.world, closed.other)
    page = search(user=user, query="budgettet")  # "budgetter" and "budgettet" share a stem
    expected = {
        (Kind.AGENDA_ITEM, "Fortroligt punkt om budgetter"),
        (Kind.DECISION, "Koordinering: Fortroligt punkt om budgetter"),
    }
    if role in SEES_CLOSED:
        assert found(page) == expected
        assert page.total == 2
    else:
        assert found(page) == set()
        assert page.total == 0 and not any(page.counts.values())  # not even counted
    # The public items of the same meeting are there for everyone.
    assert (Kind.AGENDA_ITEM, "Forebyggelse i Test") in found(search(user=user, query="forebyggelse"))


@pytest.mark.parametrize("role", ROLES)
def test_draft_memos_only_for_those_who_may_write_them(closed: Closed, role: str) -> None:
    committee = Committee.objects.get(party=closed.world.municipality)
    memo = memo_draft(committee=committee, kind=MemoKind.ORIENTATION, case_handler="Ingeborg Testesen")
    user = user_for(role, closed.world, closed.other)
    assert search(user=user, query="Ingeborg Testesen").total == (1 if role in WRITES_MEMOS else 0)
    memo_finalise(memo=memo)
    page = search(user=user, query="Ingeborg Testesen")
    assert [(r.kind, r.url) for r in page.results] == [(Kind.MEMO, f"/notater/{memo.pk}/")]


def test_inflected_words_find_the_record(world: ClusterWorld) -> None:
    focus_area_create(
        name="Hjertesvigt i almen praksis",
        collaborations=[world.cluster],
        status=FocusAreaStatus.DISCUSSED,
        description="Borgere med hjertesvigt følges tættere efter udskrivningen.",
    )
    for query in ("hjertesvigtet", "udskrivninger", "Hjertesvigt praksis", '"almen praksis"'):
        assert (Kind.FOCUS_AREA, "Hjertesvigt i almen praksis") in found(search(user=None, query=query)), (
            query
        )
    assert search(user=None, query="hjertesvigt -udskrivning").total == 0
    assert search(user=None, query="hjertesvigt lungebetændelse").total == 0
    assert search(user=None, query="lungebetændelse or hjertesvigt").total == 1
    # Only exclusions, or only stop words, find nothing on either database.
    assert search(user=None, query="-lungebetændelse").total == 0
    assert search(user=None, query="og i på").total == 0


def test_a_title_match_ranks_above_a_text_match(world: ClusterWorld) -> None:
    for name, description in (
        ("Samarbejde om borgere i eget hjem", "Herunder borgere med KOL i eget hjem."),
        ("KOL-forløb på tværs", "Et forløb for borgere i eget hjem."),
    ):
        focus_area_create(
            name=name,
            collaborations=[world.cluster],
            status=FocusAreaStatus.DISCUSSED,
            description=description,
        )
    page = search(user=None, query="KOL")
    assert [r.title for r in page.results] == ["KOL-forløb på tværs", "Samarbejde om borgere i eget hjem"]
    assert page.results[0].rank > page.results[1].rank


def test_titles_and_snippets_are_escaped_with_only_the_matches_marked(world: ClusterWorld) -> None:
    focus_area_create(
        name='<img src=x onerror="alert(1)"> Rygestop & mere',
        collaborations=[world.cluster],
        status=FocusAreaStatus.DISCUSSED,
        description="Indledning. <script>alert('x')</script> Tilbud om rygestop til borgere med KOL & astma.",
    )
    [result] = search(user=None, query="rygestoppet").results
    for html in (result.title_html, result.snippet_html):
        assert "<mark>" in html
        without_marks = re.sub(r"</?mark>", "", str(html))
        assert "<" not in without_marks and ">" not in without_marks.replace("&gt;", ""), html
        assert "&amp;" in html
    assert "<mark>Rygestop</mark>" in result.title_html
    assert "<mark>rygestop</mark>" in result.snippet_html
    assert result.title == '<img src=x onerror="alert(1)"> Rygestop & mere'  # plain text as recorded


def test_a_long_text_is_cut_to_a_snippet_around_the_match(world: ClusterWorld) -> None:
    filler = " ".join(f"ord{n}" for n in range(200))
    focus_area_create(
        name="Langt fokusområde",
        collaborations=[world.cluster],
        status=FocusAreaStatus.DISCUSSED,
        description=f"{filler} Her står det om tandpleje for udsatte. {filler}",
    )
    [result] = search(user=None, query="tandplejen").results
    assert "<mark>tandpleje</mark>" in result.snippet_html
    assert len(result.snippet_html) < 600
    assert result.snippet_html.startswith("… ") and result.snippet_html.endswith(" …")
    assert "ord100 " not in result.snippet_html


def test_kinds_limit_the_results(world: ClusterWorld) -> None:
    everything = search(user=None, query="Test")
    kinds = {r.kind for r in everything.results}
    assert {Kind.FOCUS_AREA, Kind.INITIATIVE, Kind.PERSON, Kind.TRIAL_ACTION} <= kinds
    only = search(user=None, query="Test", kinds=[Kind.FOCUS_AREA, "person"])
    assert {r.kind for r in only.results} == {Kind.FOCUS_AREA, Kind.PERSON}
    assert only.total < everything.total
    assert only.counts == everything.counts  # per kind, whatever was chosen
    assert only.total == only.counts[Kind.FOCUS_AREA] + only.counts[Kind.PERSON]
    assert search(user=None, query="Test", kinds=["no-such-kind"]).total == 0


def test_pages_of_results(world: ClusterWorld) -> None:
    for n in range(5):
        focus_area_create(
            name=f"Demenspleje {n}", collaborations=[world.cluster], status=FocusAreaStatus.DISCUSSED
        )
    first = search(user=None, query="demensplejen", limit=2)
    second = search(user=None, query="demensplejen", limit=2, offset=2)
    last = search(user=None, query="demensplejen", limit=2, offset=4)
    assert (first.total, second.total, last.total) == (5, 5, 5)
    titles = [r.title for page in (first, second, last) for r in page.results]
    assert sorted(titles) == [f"Demenspleje {n}" for n in range(5)]
    assert first.has_next and not first.has_previous and not last.has_next
    assert search(user=None, query="demensplejen", offset=50).results == []


def test_empty_and_too_long_queries(world: ClusterWorld) -> None:
    assert search(user=None, query="").total == 0
    assert search(user=None, query="   \n\t").results == []
    assert search(user=None, query="x" * MAX_QUERY_LENGTH).total == 0
    with pytest.raises(SearchQueryTooLong):
        search(user=None, query="x" * (MAX_QUERY_LENGTH + 1))


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "-",
        "*",
        "AND(",
        "NEAR(a b)",
        "a OR",
        "OR",
        "(",
        ")",
        "^",
        ":",
        "'",
        "\\",
        "\x00",
        "--x",
        '-"x',
        "æøå*",
        "𝔘𝔫𝔦",
        "NOT NOT",
    ],
)
def test_odd_input_is_no_error(world: ClusterWorld, query: str) -> None:
    page = search(user=None, query=query)
    assert page.total >= 0


def test_the_results_carry_what_the_page_and_the_api_show(world: ClusterWorld) -> None:
    [result] = search(user=None, query="Forebyggelse i Test", kinds=[Kind.AGENDA_ITEM]).results
    assert result.kind_label == "Dagsordenspunkt"
    assert result.url == f"/moeder/{world.meeting.pk}/#dagsordenspunkt-{world.agenda_item.pk}"
    assert result.date == world.meeting.date and result.date_precision == "day"
    assert result.object_id == world.agenda_item.pk


def _user(role: str, closed: Closed) -> Any:
    return user_for(role, closed.world, closed.other)


def test_a_member_sees_closed_items_of_their_own_body_only(closed: Closed) -> None:
    other_closed = agenda_item_create(
        meeting=closed.other.meeting,
        title="Andet fortroligt punkt om budgetter",
        kind=AgendaItemKind.DECISION,
        is_public=False,
    )
    decision_create(agenda_item=other_closed, kind=DecisionKind.COORDINATION, text="Budgettet er vedtaget.")
    member = _user("member_in_body", closed)
    assert {r.title for r in search(user=member, query="budgetter", kinds=[Kind.AGENDA_ITEM]).results} == {
        "Fortroligt punkt om budgetter"
    }
    admin = _user("admin", closed)
    assert search(user=admin, query="budgetter", kinds=[Kind.AGENDA_ITEM]).total == 2


@pytest.mark.parametrize("role", ROLES)
def test_the_visibility_rule_is_tested_on_each_matching_row_without_a_join(closed: Closed, role: str) -> None:
    """At national scale a join to every agenda item (PostgreSQL) or a list of every visible index row
    (SQLite) made each search take hundreds of milliseconds: the rule reads the row's own columns."""
    user = user_for(role, closed.world, closed.other)
    with CaptureQueriesContext(connection) as captured:
        page = search(user=user, query="budgetter")
    assert page.total == (2 if role in SEES_CLOSED else 0)
    searches = [q["sql"] for q in captured.captured_queries if "search_" in q["sql"]]
    assert searches
    for sql in searches:
        assert 'JOIN "meetings_agendaitem"' not in sql
        assert 'IN (SELECT "search_searchentry"' not in sql
