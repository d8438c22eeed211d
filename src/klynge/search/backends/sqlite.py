"""SQLite full-text search: an FTS5 table of Snowball-stemmed Danish words (klynge.search.text).

The FTS5 table (migration 0002) has one row per SearchEntry, with the same rowid; a trigger removes it
when its entry is deleted, so deletions (also cascaded ones) need nothing from here. The query is
parsed and stemmed in Python and rebuilt from quoted stems only, so no input can be an FTS5 syntax
error. Matches are ranked by bm25 with the title weighing ten times the text; the words are
highlighted in Python on the original text by their stems.
"""

from collections.abc import Collection, Sequence

from django.db import connection
from django.db.models import QuerySet

from klynge.search.backends import SNIPPET_WORDS, Hit, row_condition
from klynge.search.models import SearchEntry
from klynge.search.text import fts5_expression, highlight, parse_query, stemmed

FTS_TABLE = "search_entry_fts"
TITLE_WEIGHT, TEXT_WEIGHT = 10.0, 1.0


TABLE = SearchEntry._meta.db_table


class SQLiteBackend:
    def write(self, entries: Sequence[SearchEntry]) -> None:
        if not entries:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT OR REPLACE INTO {FTS_TABLE} (rowid, title, text) VALUES (%s, %s, %s)",
                [(e.pk, stemmed(e.title), stemmed(e.text)) for e in entries],
            )

    def write_all(self) -> None:
        self.write(list(SearchEntry.objects.only("pk", "title", "text")))

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")

    def search(
        self, entries: QuerySet[SearchEntry], query: str, *, kinds: Collection[str], limit: int, offset: int
    ) -> tuple[list[Hit], dict[str, int]]:
        parsed = parse_query(query)
        expression = fts5_expression(parsed)
        if expression is None:
            return [], {}
        # One pass over the visible matches, as narrow rows (id, kind, date, score), for both the counts
        # per kind and the page's ids; only the page's rows are then read whole.
        visible_sql, visible_params = row_condition(entries, "e")
        chosen = sorted(kinds)
        only_chosen = f"WHERE kind IN ({', '.join(['%s'] * len(chosen))}) " if chosen else ""
        sql = (
            "WITH matches AS MATERIALIZED ("
            f"SELECT e.id AS id, e.kind AS kind, e.date AS date, "
            f"bm25({FTS_TABLE}, {TITLE_WEIGHT}, {TEXT_WEIGHT}) AS score "
            f"FROM {FTS_TABLE} JOIN {TABLE} e ON e.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND ({visible_sql})) "
            "SELECT kind, COUNT(*), NULL, NULL FROM matches GROUP BY kind "
            "UNION ALL SELECT * FROM (SELECT kind, NULL, id, score FROM matches "
            f"{only_chosen}ORDER BY score, date DESC, id LIMIT %s OFFSET %s)"
        )
        counts: dict[str, int] = {}
        ranked: dict[int, float] = {}
        with connection.cursor() as cursor:
            cursor.execute(sql, (expression, *visible_params, *chosen, limit, offset))
            for kind, count, pk, score in cursor.fetchall():
                if pk is None:
                    counts[kind] = int(count)
                else:
                    ranked[int(pk)] = -float(score)  # bm25 is lower for better matches
        if not ranked:
            return [], counts
        rows = {row.pk: row for row in SearchEntry.objects.filter(pk__in=list(ranked)).defer("vector")}
        wanted = parsed.highlight_stems
        return [
            Hit(
                entry=row,
                rank=rank,
                title_html=highlight(row.title, wanted),
                snippet_html=highlight(row.text, wanted, max_words=SNIPPET_WORDS),
            )
            for pk, rank in ranked.items()
            if (row := rows.get(pk)) is not None
        ], counts
