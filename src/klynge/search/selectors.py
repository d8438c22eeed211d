"""Search: one query across meetings, agenda items, decisions, focus areas, initiatives, trial actions,
memos and people, with Danish stemming, ranked, highlighted, and only what the viewer may see.

`search` is the one entry point, used by the search page and the API. It makes the same small number of
queries however much is indexed: the visibility rules go into the search query as subqueries.
"""

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString

from klynge.meetings.access import closed_meeting_condition, item_fields_condition
from klynge.memos.access import memos_visible_to
from klynge.memos.models import Memo
from klynge.search.backends import get_backend
from klynge.search.models import Kind, SearchEntry
from klynge.search.text import clean, parse_query

MAX_QUERY_LENGTH = 200
MAX_LIMIT = 100


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
    total: int  # all matches of the chosen kinds the viewer may see, over all pages
    counts: dict[Kind, int]  # matches the viewer may see per kind, whatever kinds were chosen
    limit: int
    offset: int

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.results) < self.total

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


def search(
    *,
    user: Any,
    query: str,
    kinds: Collection[Kind | str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """Search what `user` (None or anonymous for the public) may see.

    `query` uses web-search syntax: all words must occur (in any inflection: "prøvehandlinger" finds
    "prøvehandling"), "a phrase" in quotes, -word to exclude, `or` between alternatives; anything else
    is ignored. `kinds` limits the result to those kinds (None or empty: all). Results come best first
    (title matches above text matches), then newest. Raises SearchQueryTooLong beyond
    MAX_QUERY_LENGTH characters; an empty query gives an empty page. `limit` is capped at MAX_LIMIT.
    """
    query = " ".join(clean(query).split())
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchQueryTooLong(f"The query is longer than {MAX_QUERY_LENGTH} characters.")
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    if not parse_query(query).alternatives:  # nothing to find: empty, only exclusions or stop words
        return SearchPage(query=query, results=[], total=0, counts={}, limit=limit, offset=offset)
    wanted = {Kind(k) for k in kinds or () if k in Kind.values}
    if kinds and not wanted:
        return SearchPage(query=query, results=[], total=0, counts={}, limit=limit, offset=offset)
    if len(wanted) == len(Kind):
        wanted = set()
    hits, counts = get_backend().search(
        visible_entries(user), query, kinds=wanted, limit=limit, offset=offset
    )
    by_kind = {kind: counts.get(kind, 0) for kind in Kind}
    total = sum(n for kind, n in by_kind.items() if not wanted or kind in wanted)
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
        for hit in hits
    ]
    return SearchPage(query=query, results=results, total=total, counts=by_kind, limit=limit, offset=offset)
