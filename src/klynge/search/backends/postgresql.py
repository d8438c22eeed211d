"""PostgreSQL full-text search with the 'danish' configuration.

The `vector` column holds the title (weight A) and text (weight B); a GIN index (migration 0002) serves
the `@@` match. One query reads the visible matches once (id, kind, date, rank) and returns the best of
them, as many as are counted (klynge.search.backends: up to the bound); a second fetches the page's rows
with their highlighted title and snippet. The query is read by websearch_to_tsquery, which accepts any text without error.
ts_headline marks matches with private-use characters; the result is escaped in Python and only then
are the marks turned into <mark>, so nothing from a record's text reaches the page unescaped.
"""

from collections.abc import Collection, Sequence

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector
from django.db import connection
from django.db.models import QuerySet

from klynge.search.backends import (
    SNIPPET_WORDS,
    Found,
    Hit,
    Match,
    RowCondition,
    compiled,
    counted_sql,
    read_counted,
)
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
        self,
        entries: QuerySet[SearchEntry] | RowCondition,
        query: str,
        *,
        kinds: Collection[str],
        limit: int,
        offset: int,
        bound: int,
    ) -> Found:
        """One pass over the visible matches, read once as narrow rows (id, kind, date, rank), for the
        page's ids and the counts (klynge.search.backends.counted_sql); ts_rank needs each match's row,
        so every match is read, but only the counted are sorted and counted. A second query reads the
        page's rows."""
        condition = compiled(entries)
        visible_sql, visible_params = condition.sql, condition.params
        tail, tail_params = counted_sql(kinds=kinds, limit=limit, offset=offset, bound=bound)
        sql = (
            "WITH matches AS MATERIALIZED ("
            "SELECT e.id, e.kind, e.date, ts_rank(e.vector, q) AS rank "
            f"FROM {SearchEntry._meta.db_table} e, websearch_to_tsquery(%s::regconfig, %s) q "
            f"WHERE e.vector @@ q AND ({visible_sql})){tail}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (CONFIG, query, *visible_params, *tail_params))
            counted = read_counted(cursor.fetchall(), limit=limit, offset=offset, bound=bound)
        return Found(
            self._hits(query, counted.page), counted.total, counted.more, counted.counts, counted.counts_more
        )

    def _hits(self, query: str, page: list[Match]) -> list[Hit]:
        """The page's rows, with their titles and snippets highlighted by ts_headline."""
        if not page:
            return []
        ts_query = SearchQuery(query, search_type="websearch", config=CONFIG)
        rows = (
            SearchEntry.objects.filter(pk__in=[m.id for m in page])
            .annotate(
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
        )
        by_id = {row.pk: row for row in rows}
        return [
            Hit(
                entry=row,
                rank=m.rank,
                title_html=marked_to_html(row.title_marked),
                snippet_html=marked_to_html(_with_ellipses(row.snippet_marked, row.text)),
            )
            for m in page
            if (row := by_id.get(m.id)) is not None
        ]
