"""PostgreSQL full-text search with the 'danish' configuration.

The `vector` column holds the title (weight A) and text (weight B); a GIN index (migration 0002) serves
the `@@` match. The query is read by websearch_to_tsquery, which accepts any text without error.
ts_headline marks matches with private-use characters; the result is escaped in Python and only then
are the marks turned into <mark>, so nothing from a record's text reaches the page unescaped.
"""

from collections.abc import Collection, Sequence

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import Count, F, QuerySet

from klynge.search.backends import SNIPPET_WORDS, Hit
from klynge.search.models import SearchEntry
from klynge.search.text import MARK_START, MARK_STOP, marked_to_html

CONFIG = "danish"
VECTOR = SearchVector("title", weight="A", config=CONFIG) + SearchVector("text", weight="B", config=CONFIG)


def _with_ellipses(snippet: str, text: str) -> str:
    """Show with … where the snippet starts after the text's start or ends before its end."""
    plain = " ".join(snippet.replace(MARK_START, "").replace(MARK_STOP, "").split())
    whole = " ".join(text.split())
    if not plain:
        return snippet
    before = "" if whole.startswith(plain[:40]) else "… "
    after = "" if whole.endswith(plain[-40:]) else " …"
    return f"{before}{' '.join(snippet.split())}{after}"


class PostgreSQLBackend:
    def write(self, entries: Sequence[SearchEntry]) -> None:
        if entries:
            SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).update(vector=VECTOR)

    def write_all(self) -> None:
        SearchEntry.objects.update(vector=VECTOR)

    def clear(self) -> None:
        """The vectors live in the rows themselves."""

    def search(
        self, entries: QuerySet[SearchEntry], query: str, *, kinds: Collection[str], limit: int, offset: int
    ) -> tuple[list[Hit], dict[str, int]]:
        ts_query = SearchQuery(query, search_type="websearch", config=CONFIG)
        matches = entries.filter(vector=ts_query)
        counts = dict(matches.order_by().values_list("kind").annotate(n=Count("pk")))
        if kinds:
            matches = matches.filter(kind__in=sorted(kinds))
        total = sum(n for kind, n in counts.items() if not kinds or kind in kinds)
        if total == 0 or offset >= total:
            return [], counts
        rows = (
            matches.annotate(
                rank=SearchRank(F("vector"), ts_query),
                title_marked=SearchHeadline(
                    "title",
                    ts_query,
                    config=CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_STOP,
                    highlight_all=True,
                ),
                snippet_marked=SearchHeadline(
                    "text",
                    ts_query,
                    max_words=SNIPPET_WORDS,
                    min_words=SNIPPET_WORDS // 2,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                    config=CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_STOP,
                ),
            )
            .defer("vector")
            .order_by("-rank", F("date").desc(nulls_last=True), "pk")[offset : offset + limit]
        )
        return [
            Hit(
                entry=row,
                rank=float(row.rank),
                title_html=marked_to_html(row.title_marked),
                snippet_html=marked_to_html(_with_ellipses(row.snippet_marked, row.text)),
            )
            for row in rows
        ], counts
