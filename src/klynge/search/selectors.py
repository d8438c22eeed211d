"""Search: one query across meetings, agenda items, decisions, focus areas, initiatives, trial actions,
memos and people, with Danish stemming, ranked, highlighted, and only what the viewer may see.

`search` is the one entry point, used by the search page and the API. It makes the same small number of
queries however much is indexed: the visibility rules go into the search query as subqueries.
"""

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString

from klynge.kernel.compiled import Kept
from klynge.meetings.access import closed_meeting_condition, item_fields_condition
from klynge.memos.access import memo_visibility_key, memos_visible_to
from klynge.memos.models import Memo
from klynge.search.backends import RowCondition, compiled, get_backend
from klynge.search.models import Kind, SearchEntry
from klynge.search.text import clean, parse_query

MAX_QUERY_LENGTH = 200
MAX_LIMIT = 100
# Counting stops here, as search engines count: a search ranks and counts at most the best COUNT_BOUND
# matches (or to the end of the page asked for), and says "more than 1.000" when there are more. A
# common word matches thousands of records at national scale; counting them all made every search
# read them all.
COUNT_BOUND = 1000


class SearchQueryTooLong(ValueError):
    """The query is longer than MAX_QUERY_LENGTH characters."""


@dataclass(frozen=True)
class SearchResult:
    kind: Kind
    kind_label: str  # Danish, e.g. "Dagsordenspunkt"
    object_id: int
    title: str  # plain text
    title_html: SafeString  # escaped, matching words in <mark>
    url: str
    date: datetime.date | None
    date_precision: str  # "day", "month" or "half_year" (a meeting's date may be known only roughly)
    snippet_html: SafeString  # escaped, matching words in <mark>
    rank: float  # higher is better; comparable within one search only


@dataclass(frozen=True)
class SearchPage:
    query: str
    results: list[SearchResult]
    total: int  # matches of the chosen kinds the viewer may see, over all pages: exact up to the bound
    counts: dict[Kind, int]  # matches the viewer may see per kind, whatever kinds were chosen
    limit: int
    offset: int
    more: bool = False  # there are more than `total` matches (counting stopped at the bound)
    counts_more: bool = False  # the counts per kind are of the best `bound` matches only: lower bounds
    bound: int = COUNT_BOUND  # where counting stops

    @property
    def has_next(self) -> bool:
        return self.more or self.offset + len(self.results) < self.total

    @property
    def has_previous(self) -> bool:
        return self.offset > 0


def visible_entries(user: Any) -> QuerySet[SearchEntry]:
    """The index rows the user may see: agenda items, decisions and their attachments by
    klynge.meetings.access (on the row's copies of its item's fields: no join), a meeting's own closed attachments by the same rule for the meeting, memos by
    klynge.memos.access, everything else to everyone."""
    visible_memos = Memo.objects.filter(memos_visible_to(user)).values("pk")
    return SearchEntry.objects.filter(
        Q(agenda_item__isnull=True, memo__isnull=True, closed_meeting__isnull=True)
        | item_fields_condition(
            user, present="agenda_item", is_public="item_is_public", meeting="item_meeting"
        )
        | Q(memo__isnull=False, memo__in=visible_memos)
        | closed_meeting_condition(user, path="closed_meeting")
    )


# The visibility rule compiled to SQL, per viewer key: building and compiling it took an editor's search
# some 9 ms of Python, more than the query itself on a small result. The key is everything the rules read
# from the user (klynge.meetings.access.visibility_key, klynge.memos.access.memo_visibility_key), and the
# SQL holds subqueries, not their results: it is the same for every viewer with that key, whatever the
# data. Kept per process, a few hundred keys at most (one per role and party or person searching).
_RULES: Kept[tuple[Any, ...], RowCondition] = Kept(512)


def visible_condition(user: Any) -> RowCondition:
    """visible_entries(user) as SQL on the index row `e`, compiled once per viewer key."""
    key = (connection.vendor, connection.alias, memo_visibility_key(user))
    return _RULES.get(key, lambda: compiled(visible_entries(user)))


def search(
    *,
    user: Any,
    query: str,
    kinds: Collection[Kind | str] | None = None,
    limit: int = 20,
    offset: int = 0,
    bound: int | None = None,
) -> SearchPage:
    """Search what `user` (None or anonymous for the public) may see.

    `query` uses web-search syntax: all words must occur (in any inflection: "prøvehandlinger" finds
    "prøvehandling"), "a phrase" in quotes, -word to exclude, `or` between alternatives; anything else
    is ignored. `kinds` limits the result to those kinds (None or empty: all). Results come best first
    (title matches above text matches), then newest. Raises SearchQueryTooLong beyond
    MAX_QUERY_LENGTH characters; an empty query gives an empty page. `limit` is capped at MAX_LIMIT.

    Counting stops at `bound` (default COUNT_BOUND) visible matches, or at the end of the page if that lies
    further: `total` is exact below it, and `more` says there are more. The counts per kind are of the
    best `bound` visible matches: exact when all are within it, lower bounds (`counts_more`) when not.
    Nothing the viewer may not see is counted: the rule is applied before counting stops.
    """
    query = " ".join(clean(query).split())
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchQueryTooLong(f"The query is longer than {MAX_QUERY_LENGTH} characters.")
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    bound = max(1, COUNT_BOUND if bound is None else bound)
    if not parse_query(query).alternatives:  # nothing to find: empty, only exclusions or stop words
        return SearchPage(query=query, results=[], total=0, counts={}, limit=limit, offset=offset)
    wanted = {Kind(k) for k in kinds or () if k in Kind.values}
    if kinds and not wanted:
        return SearchPage(query=query, results=[], total=0, counts={}, limit=limit, offset=offset)
    if len(wanted) == len(Kind):
        wanted = set()
    found = get_backend().search(
        visible_condition(user), query, kinds=wanted, limit=limit, offset=offset, bound=bound
    )
    by_kind = {kind: found.counts.get(kind, 0) for kind in Kind}
    results = [
        SearchResult(
            kind=Kind(hit.entry.kind),
            kind_label=Kind(hit.entry.kind).label,
            object_id=hit.entry.object_id,
            title=hit.entry.title,
            title_html=hit.title_html,
            url=hit.entry.url,
            date=hit.entry.date,
            date_precision=hit.entry.date_precision,
            snippet_html=hit.snippet_html,
            rank=hit.rank,
        )
        for hit in found.hits
    ]
    return SearchPage(
        query=query,
        results=results,
        total=found.total,
        counts=by_kind,
        limit=limit,
        offset=offset,
        more=found.more,
        counts_more=found.counts_more,
        bound=bound,
    )
