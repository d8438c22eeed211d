"""Any text at all, as a query: never an error, on either database, in the selector or on the page.

The strategies mix arbitrary Unicode with the characters that mean something to FTS5, tsquery and
web-search syntax (quotes, *, -, parentheses, AND/OR/NOT/NEAR, ^, :, backslashes)."""

import os
import re

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klynge.search.selectors import MAX_QUERY_LENGTH, SearchQueryTooLong, search
from tests.factories import ClusterWorld

EXAMPLES = int(os.environ.get("KLYNGE_FUZZ_EXAMPLES", "80"))
SYNTAX = st.sampled_from(
    [
        '"',
        "'",
        "*",
        "-",
        "(",
        ")",
        "^",
        ":",
        "\\",
        "+",
        "~",
        "{",
        "}",
        "[",
        "]",
        ",",
        ".",
        "<",
        ">",
        "&",
        "|",
        "!",
        " AND ",
        " OR ",
        " NOT ",
        " NEAR ",
        "NEAR(",
        " or ",
        "AND(",
        " ",
        "\x00",
        "\t",
        "\n",
        "Forebyggelse",
        "Test",
        "prøvehandlinger",
        "æøå",
        "ß",
        "İ",
        "𝔘",
        "e\u0301",
        "\ufeff",
        "\u200b",
        "\ue000",
        "\ue001",
    ]
)
QUERIES = st.one_of(
    st.text(max_size=MAX_QUERY_LENGTH + 20),
    st.lists(SYNTAX, max_size=40).map("".join),
    st.lists(st.one_of(SYNTAX, st.text(max_size=5)), max_size=30).map("".join),
)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(query=QUERIES)
def test_the_selector_takes_any_text(world: ClusterWorld, query: str) -> None:
    try:
        page = search(user=None, query=query, limit=5)
    except SearchQueryTooLong:
        assert len(query) > MAX_QUERY_LENGTH // 2  # beyond the limit once cleaned and composed
        return
    assert page.total >= len(page.results)
    for result in page.results:
        for html in (result.title_html, result.snippet_html):
            assert not re.sub(r"</?mark>", "", str(html)).count("<")


@FUZZ
@given(query=QUERIES, kinds=st.lists(st.sampled_from(["focus_area", "person", "memo", "meeting", "x", ""])))
def test_the_page_takes_any_text(world: ClusterWorld, query: str, kinds: list[str]) -> None:
    response = Client().get("/soeg/", {"q": query, "type": kinds, "side": "1"})
    assert response.status_code == 200
