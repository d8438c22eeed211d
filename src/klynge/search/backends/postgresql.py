"""PostgreSQL full-text search with the 'danish' configuration.

The `vector` column holds the title (weight A) and text (weight B); a GIN index (migration 0002) serves
the `@@` match. One query reads the visible matches once (id, kind, date, rank) for both the counts per
kind and the page's ids; a second fetches the page's rows with their highlighted title and snippet. The query is read by websearch_to_tsquery, which accepts any text without error.
ts_headline marks matches with private-use characters; the result is escaped in Python and only then
are the marks turned into <mark>, so nothing from a record's text reaches the page unescaped.
"""

from collections.abc import Collection, Sequence

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector
from django.db import connection
from django.db.models import QuerySet

from klynge.search.backends import SNIPPET_WORDS, Hit, row_condition
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
        ranked, counts = self._ranked_page(entries, query, kinds=kinds, limit=limit, offset=offset)
        if not ranked:
            return [], counts
        ts_query = SearchQuery(query, search_type="websearch", config=CONFIG)
        rows = (
            SearchEntry.objects.filter(pk__in=list(ranked))
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
                rank=rank,
                title_html=marked_to_html(row.title_marked),
                snippet_html=marked_to_html(_with_ellipses(row.snippet_marked, row.text)),
            )
            for pk, rank in ranked.items()
            if (row := by_id.get(pk)) is not None
        ], counts

    def _ranked_page(
        self, entries: QuerySet[SearchEntry], query: str, *, kinds: Collection[str], limit: int, offset: int
    ) -> tuple[dict[int, float], dict[str, int]]:
        """One pass over the visible matches: how many of each kind, and the ids and ranks of the page
        (best first). The matches are read once, as narrow rows (id, kind, date, rank), for both."""
        visible_sql, visible_params = row_condition(entries, "e")
        chosen = sorted(kinds)
        only_chosen = f"WHERE kind IN ({', '.join(['%s'] * len(chosen))}) " if chosen else ""
        sql = (
            "WITH matches AS MATERIALIZED ("
            "SELECT e.id, e.kind, e.date, ts_rank(e.vector, q) AS rank "
            f"FROM {SearchEntry._meta.db_table} e, websearch_to_tsquery(%s::regconfig, %s) q "
            f"WHERE e.vector @@ q AND ({visible_sql})) "
            "SELECT kind, COUNT(*), NULL::bigint, NULL::real FROM matches GROUP BY kind "
            "UNION ALL (SELECT kind, NULL, id, rank FROM matches "
            f"{only_chosen}ORDER BY rank DESC, date DESC NULLS LAST, id LIMIT %s OFFSET %s)"
        )
        params = (CONFIG, query, *visible_params, *chosen, limit, offset)
        counts: dict[str, int] = {}
        ranked: dict[int, float] = {}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for kind, count, pk, rank in cursor.fetchall():
                if pk is None:
                    counts[kind] = int(count)
                else:
                    ranked[int(pk)] = float(rank)
        return ranked, counts
